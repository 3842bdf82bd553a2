package org.atomstack.backend.cpu.internal;

import org.atomstack.api.backend.Backend;
import org.atomstack.api.tensor.DType;
import org.atomstack.testkit.BackendContract;

/** The backend contract for FLOAT64 on the CPU backend, opened through its provider. */
class CpuFloat64ContractTest extends BackendContract {
    @Override
    protected Backend backend() {
        return new CpuBackendProvider().open();
    }

    @Override
    protected DType dtype() {
        return DType.FLOAT64;
    }
}
