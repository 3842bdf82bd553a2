package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.fail;

import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.Backend;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real GPU for the tests that need one, configured by the {@code atomstack.cuda.*} system
 * properties like the provider. As a JUnit condition ({@code @ExtendWith(RealDevice.class)}) it
 * disables those tests with the backend's reason where CUDA is unavailable, unless
 * {@code -Datomstack.cuda=required}, which lets them run and fail with that reason.
 */
final class RealDevice implements ExecutionCondition {
    /** For JUnit. */
    RealDevice() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Availability a = platform().availability();
        if (a.available()) {
            return ConditionEvaluationResult.enabled("CUDA is available: " + a.detail());
        }
        if (required()) {
            return ConditionEvaluationResult.enabled("-Datomstack.cuda=required: runs to fail with the reason");
        }
        return ConditionEvaluationResult.disabled("no usable GPU (-Datomstack.cuda=required makes this a failure): " + a.detail());
    }

    /** Opens a backend on the real GPU; fails with the reason when CUDA is unavailable. */
    static Backend open() {
        CudaPlatform platform = platform();
        Availability a = platform.availability();
        if (!a.available()) {
            fail("the cuda backend is unavailable" + (required() ? " (-Datomstack.cuda=required)" : "") + ": " + a.detail());
        }
        return platform.open();
    }

    private static boolean required() {
        return "required".equals(System.getProperty("atomstack.cuda"));
    }

    private static CudaPlatform platform() {
        return CudaPlatforms.load(CudaSettings.fromSystemProperties());
    }
}
