package org.atomstack.backend.cuda.internal;

import org.atomstack.api.backend.Backend;
import org.atomstack.api.tensor.DType;
import org.atomstack.testkit.BackendContract;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backend contract for FLOAT64 on the real GPU ({@link RealDevice}); skipped with the
 * reason where none answers, failed instead with {@code -Datomstack.cuda=required}.
 */
@ExtendWith(RealDevice.class)
class CudaFloat64ContractTest extends BackendContract {
    @Override
    protected Backend backend() {
        return RealDevice.open();
    }

    @Override
    protected DType dtype() {
        return DType.FLOAT64;
    }
}
