package org.atomstack.backend.cuda.internal;

import org.atomstack.api.backend.Backend;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link DeviceChecks} on the real GPU; skipped with the reason where none answers. Free-memory
 * readings allow 32 MiB for what the driver and cuBLAS allocate on their own (lazily loaded
 * kernel code, workspaces); the allocations under test are 64 MiB.
 */
@ExtendWith(RealDevice.class)
class CudaDeviceChecksTest extends DeviceChecks {
    @Override
    CudaSettings settings() {
        return CudaSettings.fromSystemProperties();
    }

    @Override
    Backend open(CudaSettings settings) {
        return CudaPlatforms.load(settings).open();
    }

    @Override
    long memorySlack() {
        return 32L << 20;
    }
}
