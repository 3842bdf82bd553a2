package org.atomstack.model.hipnn.internal;

import org.atomstack.api.backend.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the tests that run on the CPU backend: opens it once per test class and closes it after. */
abstract class CpuBackendTest {
    /** The CPU backend, open while the class's tests run. */
    static Backend backend;

    @BeforeAll
    static void openBackend() {
        backend = Fixtures.cpu();
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }
}
