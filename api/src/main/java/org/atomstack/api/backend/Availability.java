package org.atomstack.api.backend;

import java.util.Objects;

/**
 * Whether a backend can run on this machine, and if not why (no driver, no device, library
 * missing, unsupported architecture), or on what device it would run.
 *
 * @param available whether {@link BackendProvider#open()} will succeed
 * @param detail    the device description when available, the reason when not
 */
public record Availability(boolean available, String detail) {
    /** Checks for null. */
    public Availability {
        Objects.requireNonNull(detail, "detail");
    }

    /** Available on the described device. */
    public static Availability on(String device) {
        return new Availability(true, device);
    }

    /** Unavailable for the given reason. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
