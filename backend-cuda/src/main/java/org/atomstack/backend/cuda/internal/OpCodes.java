package org.atomstack.backend.cuda.internal;

import org.atomstack.api.tensor.BinaryOp;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.UnaryOp;

/**
 * The numeric codes the kernels use for operations ({@code U_*}, {@code B_*}, {@code R_*} in
 * atomstack_kernels.cu), mapped explicitly rather than by ordinal so that reordering an enum of
 * the api cannot silently change what a kernel computes ({@code OpCodesTest} checks both sides
 * agree). Stateless.
 */
final class OpCodes {
    private OpCodes() {
    }

    /** The kernel code of a unary op. */
    static int unary(UnaryOp op) {
        return switch (op) {
            case NEG -> 0;
            case EXP -> 1;
            case LOG -> 2;
            case SQRT -> 3;
            case SQUARE -> 4;
            case RECIPROCAL -> 5;
            case SIN -> 6;
            case COS -> 7;
            case TANH -> 8;
            case SIGMOID -> 9;
            case SILU -> 10;
            case SOFTPLUS -> 11;
            case ABS -> 12;
            case SIGN -> 13;
            case STEP -> 14;
        };
    }

    /** The kernel code of a binary op. */
    static int binary(BinaryOp op) {
        return switch (op) {
            case ADD -> 0;
            case SUB -> 1;
            case MUL -> 2;
            case DIV -> 3;
            case POW -> 4;
            case MAX -> 5;
            case MIN -> 6;
            case GREATER_EQUAL -> 7;
        };
    }

    /** The kernel code of a radial family. */
    static int radial(RadialBasis.Kind kind) {
        return switch (kind) {
            case BESSEL -> 0;
            case CHEBYSHEV -> 1;
            case GAUSSIAN -> 2;
        };
    }
}
