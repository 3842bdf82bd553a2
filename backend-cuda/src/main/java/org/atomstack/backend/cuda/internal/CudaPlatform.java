package org.atomstack.backend.cuda.internal;

import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.Backend;

/**
 * The CUDA runtime as the provider sees it: whether it can run here, and opening a backend.
 * The real implementation ({@code FfmCudaPlatform}) lives in the jar's Java 22 part and is
 * found by {@link CudaPlatforms}; where it cannot be used, {@link Unavailable} stands in.
 * Implementations are thread-safe.
 */
interface CudaPlatform {
    /** Whether a backend can be opened, and on what device or why not; never throws. */
    Availability availability();

    /**
     * Opens a backend on the configured device.
     *
     * @throws IllegalStateException with the reason when it cannot
     */
    Backend open();

    /**
     * The platform of a runtime that cannot run CUDA at all.
     *
     * @param reason why, for {@link Availability#detail()}
     */
    record Unavailable(String reason) implements CudaPlatform {
        @Override
        public Availability availability() {
            return Availability.unavailable(reason);
        }

        @Override
        public Backend open() {
            throw new IllegalStateException("the cuda backend is unavailable: " + reason);
        }
    }
}
