package org.atomstack.backend.cpu.internal;

import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.backend.BackendProvider;

/**
 * Provider of the pure-Java CPU backend (id {@code cpu}, priority 0): always available, it
 * opens a {@link CpuBackend} with one worker per available processor. Registered through
 * {@code module-info} and {@code META-INF/services}. Stateless and thread-safe.
 */
public final class CpuBackendProvider implements BackendProvider {
    /** The provider; the service loader calls this. */
    public CpuBackendProvider() {
    }

    @Override
    public String id() {
        return "cpu";
    }

    @Override
    public String description() {
        return "Pure-Java CPU backend: float64 and float32, multithreaded cache-blocked GEMM and fused per-edge kernels";
    }

    @Override
    public int priority() {
        return 0;
    }

    /** Always available; the detail names the thread count. */
    @Override
    public Availability availability() {
        return Availability.on(CpuBackend.describe(Runtime.getRuntime().availableProcessors()));
    }

    /** A new backend with one worker thread per available processor; the caller closes it. */
    @Override
    public Backend open() {
        return new CpuBackend(Runtime.getRuntime().availableProcessors());
    }
}
