package org.atomstack.api.tensor;

/**
 * Element-wise functions y = f(x). Each op's derivative is expressed through other ops by the
 * autodiff layer, so every op is differentiable to any order.
 */
public enum UnaryOp {
    /** −x. */
    NEG,
    /** e^x. */
    EXP,
    /** ln x. */
    LOG,
    /** √x. */
    SQRT,
    /** x². */
    SQUARE,
    /** 1/x. */
    RECIPROCAL,
    /** sin x. */
    SIN,
    /** cos x. */
    COS,
    /** tanh x. */
    TANH,
    /** σ(x) = 1/(1+e^−x). */
    SIGMOID,
    /** SiLU x·σ(x). */
    SILU,
    /** softplus ln(1+e^x), computed stably. */
    SOFTPLUS,
    /** |x|. */
    ABS,
    /** sign(x) ∈ {−1, 0, 1}; derivative zero. */
    SIGN,
    /** Heaviside step: 1 for x &gt; 0, else 0; derivative zero. */
    STEP
}
