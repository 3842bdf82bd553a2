package org.atomstack.backend.cuda.internal;

import org.atomstack.api.backend.Backend;
import org.atomstack.api.tensor.DType;
import org.atomstack.testkit.BackendContract;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backend contract for FLOAT32 on the emulated device ({@link EmulatedDevice}): the real
 * FFM binding, kernels compiled as host C++ and run thread by thread, the prebuilt kernel image
 * (or NVRTC when the build had no nvcc) and GEMM through the emulated cuBLAS.
 */
@ExtendWith(EmulatedDevice.class)
class EmulatedFloat32ContractTest extends BackendContract {
    @Override
    protected Backend backend() {
        return EmulatedDevice.open(EmulatedDevice.settings());
    }

    @Override
    protected DType dtype() {
        return DType.FLOAT32;
    }
}
