package org.atomstack.api.tensor;

/** Element types of device tensors. */
public enum DType {
    /** IEEE 754 binary64; the default for descriptors and linear fits. */
    FLOAT64,
    /** IEEE 754 binary32; a per-stack option for neural models. */
    FLOAT32,
    /** 32-bit signed integers, for index tensors (gather, scatter). */
    INT32;

    /** Whether this is a floating-point type. */
    public boolean floating() {
        return this != INT32;
    }
}
