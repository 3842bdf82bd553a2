package org.atomstack.assembly.internal.cli;

import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.backend.BackendProvider;

/** Test-only backend providers with chosen availability and priority (not shipped; they cannot be opened). */
final class FakeBackends {
    private FakeBackends() {
    }

    static BackendProvider backend(String id, int priority, Availability availability) {
        return new BackendProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "test backend " + id;
            }

            @Override
            public Availability availability() {
                return availability;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public Backend open() {
                if (!availability.available()) {
                    throw new IllegalStateException(availability.detail());
                }
                throw new UnsupportedOperationException("test backend " + id + " only reports availability; it is never opened");
            }
        };
    }
}
