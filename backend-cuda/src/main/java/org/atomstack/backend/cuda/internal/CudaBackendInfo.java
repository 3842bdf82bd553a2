package org.atomstack.backend.cuda.internal;

/**
 * What an open CUDA backend tells beyond {@link org.atomstack.api.backend.Backend}: device
 * memory and the engines in use, for tests and diagnostics. Implemented by the Java 22
 * backend; reachable by a cast from the {@code Backend} that {@link CudaPlatform#open()} returns.
 */
interface CudaBackendInfo {
    /**
     * Free device memory in bytes now, as the driver reports it ({@code cuMemGetInfo}).
     *
     * @throws IllegalStateException when the backend is closed
     */
    long deviceFreeBytes();

    /** Total device memory in bytes. */
    long deviceTotalBytes();

    /** Device memory held by this backend's open buffers, in bytes. */
    long allocatedBytes();

    /** Where the loaded kernels came from, e.g. "SASS sm_90 (prebuilt)" or "NVRTC 13.0 -> sm_90". */
    String kernelImage();

    /** The GEMM engine, e.g. "cuBLAS 13.0.2" or "atomstack kernel (libcublas not found)". */
    String gemmEngine();
}
