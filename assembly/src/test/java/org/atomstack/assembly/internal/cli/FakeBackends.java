package org.atomstack.assembly.internal.cli;

import java.util.Set;
import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.backend.DType;

/** Test-only backend providers with chosen availability and priority (not shipped). */
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
                return new Backend() {
                    @Override
                    public String id() {
                        return id;
                    }

                    @Override
                    public String device() {
                        return availability.detail();
                    }

                    @Override
                    public Set<DType> dtypes() {
                        return Set.of(DType.FLOAT64);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
