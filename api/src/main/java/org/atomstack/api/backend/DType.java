package org.atomstack.api.backend;

/** Element types of device tensors. */
public enum DType {
    /** IEEE 754 binary64; the default for descriptors and linear fits. */
    FLOAT64,
    /** IEEE 754 binary32; a per-stack option for neural models. */
    FLOAT32
}
