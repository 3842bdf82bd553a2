/**
 * CUDA compute backend (id {@code cuda}), selected at run time when a GPU answers: FLOAT64 and
 * FLOAT32 tensors in device memory, element-wise, reduction, indexing and fused per-edge
 * kernels of its own (CUDA C, compiled to PTX/SASS at build time or by NVRTC at run time) and
 * GEMM by cuBLAS where it loads.
 *
 * <p>A multi-release jar: the native binding (the CUDA driver API, cuBLAS and NVRTC through
 * the foreign-function &amp; memory API) lives in {@code META-INF/versions/22}; on Java 21 the
 * provider reports the backend as unavailable. Exports nothing; it is reached through the
 * {@link org.atomstack.api.backend.BackendProvider} service.
 */
module org.atomstack.backend.cuda {
    requires org.atomstack.api;

    provides org.atomstack.api.backend.BackendProvider with org.atomstack.backend.cuda.internal.CudaBackendProvider;
}
