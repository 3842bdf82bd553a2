package org.atomstack.backend.cuda.internal;

import org.atomstack.api.backend.Backend;
import org.atomstack.api.tensor.DType;
import org.atomstack.testkit.BackendContract;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backend contract for FLOAT64 on the emulated device with the other engines: kernels from
 * (emulated) NVRTC instead of the prebuilt image, and every matrix product by the backend's own
 * GEMM kernel instead of cuBLAS.
 */
@ExtendWith(EmulatedDevice.class)
class EmulatedNvrtcKernelGemmContractTest extends BackendContract {
    @Override
    protected Backend backend() {
        return EmulatedDevice.open(EmulatedDevice.settings().withKernels(CudaSettings.Kernels.NVRTC).withGemm(CudaSettings.Gemm.KERNEL));
    }

    @Override
    protected DType dtype() {
        return DType.FLOAT64;
    }
}
