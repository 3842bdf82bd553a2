package org.atomstack.backend.cuda.internal;

import org.atomstack.api.backend.Backend;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link DeviceChecks} on the emulated device, whose memory accounting is exact. */
@ExtendWith(EmulatedDevice.class)
class EmulatedDeviceChecksTest extends DeviceChecks {
    @Override
    CudaSettings settings() {
        return EmulatedDevice.settings();
    }

    @Override
    Backend open(CudaSettings settings) {
        return EmulatedDevice.open(settings);
    }

    @Override
    long memorySlack() {
        return 0;
    }
}
