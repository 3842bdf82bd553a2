package org.atomstack.api.tensor;

/** Element-wise binary functions with NumPy broadcasting. */
public enum BinaryOp {
    /** a + b. */
    ADD,
    /** a − b. */
    SUB,
    /** a · b. */
    MUL,
    /** a / b. */
    DIV,
    /** a^b (a &gt; 0 unless b is an integer). */
    POW,
    /** max(a, b); ties send the gradient to a. */
    MAX,
    /** min(a, b); ties send the gradient to a. */
    MIN,
    /** 1 where a &gt;= b, else 0; not differentiable (zero derivative). */
    GREATER_EQUAL
}
