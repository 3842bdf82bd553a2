package org.atomstack.backend.cuda.internal;

/**
 * A CUDA driver, cuBLAS or NVRTC call that returned an error; the message names the call and
 * the error (e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}).
 */
final class CudaException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String errorName;

    /**
     * @param message   the full message
     * @param code      the numeric result
     * @param errorName the symbolic result, e.g. "CUDA_ERROR_INVALID_PTX"
     */
    CudaException(String message, int code, String errorName) {
        super(message);
        this.code = code;
        this.errorName = errorName;
    }

    /** The numeric result code. */
    int code() {
        return code;
    }

    /** The symbolic name of the result. */
    String errorName() {
        return errorName;
    }
}
