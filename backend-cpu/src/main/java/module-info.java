/**
 * Pure-Java compute backend (default everywhere, no native code): FLOAT64 and FLOAT32 tensors
 * on the Java heap, a multithreaded cache-blocked GEMM and fused radial-basis and
 * sparse-polynomial kernels. Exports nothing; it is reached through the
 * {@link org.atomstack.api.backend.BackendProvider} service (id {@code cpu}).
 */
module org.atomstack.backend.cpu {
    requires org.atomstack.api;

    provides org.atomstack.api.backend.BackendProvider with org.atomstack.backend.cpu.internal.CpuBackendProvider;
}
