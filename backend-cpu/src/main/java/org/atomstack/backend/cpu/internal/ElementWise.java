package org.atomstack.backend.cpu.internal;

import org.atomstack.api.tensor.BinaryOp;
import org.atomstack.api.tensor.UnaryOp;

/**
 * Element-wise kernels over index ranges, one loop per operation with the operation chosen
 * outside the loop. FLOAT32 arithmetic (negation, products, quotients, comparisons) is done in
 * float; transcendental functions evaluate the correctly rounded-or-better double function of
 * the float argument and round once to float (Java has no float transcendental functions).
 * Stateless.
 */
final class ElementWise {
    private ElementWise() {
    }

    /** Logistic function, stable for large |x|. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** ln(1 + e^x) without overflow or loss of precision. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** y[i] = op(x[i]) for i in from..to-1. */
    static void unary(UnaryOp op, double[] x, double[] y, int from, int to) {
        switch (op) {
            case NEG -> { for (int i = from; i < to; i++) { y[i] = -x[i]; } }
            case EXP -> { for (int i = from; i < to; i++) { y[i] = Math.exp(x[i]); } }
            case LOG -> { for (int i = from; i < to; i++) { y[i] = Math.log(x[i]); } }
            case SQRT -> { for (int i = from; i < to; i++) { y[i] = Math.sqrt(x[i]); } }
            case SQUARE -> { for (int i = from; i < to; i++) { y[i] = x[i] * x[i]; } }
            case RECIPROCAL -> { for (int i = from; i < to; i++) { y[i] = 1 / x[i]; } }
            case SIN -> { for (int i = from; i < to; i++) { y[i] = Math.sin(x[i]); } }
            case COS -> { for (int i = from; i < to; i++) { y[i] = Math.cos(x[i]); } }
            case TANH -> { for (int i = from; i < to; i++) { y[i] = Math.tanh(x[i]); } }
            case SIGMOID -> { for (int i = from; i < to; i++) { y[i] = sigmoid(x[i]); } }
            case SILU -> { for (int i = from; i < to; i++) { y[i] = x[i] * sigmoid(x[i]); } }
            case SOFTPLUS -> { for (int i = from; i < to; i++) { y[i] = softplus(x[i]); } }
            case ABS -> { for (int i = from; i < to; i++) { y[i] = Math.abs(x[i]); } }
            case SIGN -> { for (int i = from; i < to; i++) { y[i] = Math.signum(x[i]); } }
            case STEP -> { for (int i = from; i < to; i++) { y[i] = x[i] > 0 ? 1 : 0; } }
        }
    }

    /** y[i] = op(x[i]) for i in from..to-1, in float32. */
    static void unary(UnaryOp op, float[] x, float[] y, int from, int to) {
        switch (op) {
            case NEG -> { for (int i = from; i < to; i++) { y[i] = -x[i]; } }
            case EXP -> { for (int i = from; i < to; i++) { y[i] = (float) Math.exp(x[i]); } }
            case LOG -> { for (int i = from; i < to; i++) { y[i] = (float) Math.log(x[i]); } }
            case SQRT -> { for (int i = from; i < to; i++) { y[i] = (float) Math.sqrt(x[i]); } }
            case SQUARE -> { for (int i = from; i < to; i++) { y[i] = x[i] * x[i]; } }
            case RECIPROCAL -> { for (int i = from; i < to; i++) { y[i] = 1f / x[i]; } }
            case SIN -> { for (int i = from; i < to; i++) { y[i] = (float) Math.sin(x[i]); } }
            case COS -> { for (int i = from; i < to; i++) { y[i] = (float) Math.cos(x[i]); } }
            case TANH -> { for (int i = from; i < to; i++) { y[i] = (float) Math.tanh(x[i]); } }
            case SIGMOID -> { for (int i = from; i < to; i++) { y[i] = (float) sigmoid(x[i]); } }
            case SILU -> { for (int i = from; i < to; i++) { y[i] = x[i] * (float) sigmoid(x[i]); } }
            case SOFTPLUS -> { for (int i = from; i < to; i++) { y[i] = (float) softplus(x[i]); } }
            case ABS -> { for (int i = from; i < to; i++) { y[i] = Math.abs(x[i]); } }
            case SIGN -> { for (int i = from; i < to; i++) { y[i] = Math.signum(x[i]); } }
            case STEP -> { for (int i = from; i < to; i++) { y[i] = x[i] > 0 ? 1 : 0; } }
        }
    }

    /** c[co+i] = op(a[ao+i·as], b[bo+i·bs]) for i in 0..n-1. */
    static void binary(BinaryOp op, double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n) {
        int ia = ao;
        int ib = bo;
        int end = co + n;
        switch (op) {
            case ADD -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = a[ia] + b[ib]; } }
            case SUB -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = a[ia] - b[ib]; } }
            case MUL -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = a[ia] * b[ib]; } }
            case DIV -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = a[ia] / b[ib]; } }
            case POW -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = Math.pow(a[ia], b[ib]); } }
            case MAX -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = Math.max(a[ia], b[ib]); } }
            case MIN -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = Math.min(a[ia], b[ib]); } }
            case GREATER_EQUAL -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = a[ia] >= b[ib] ? 1 : 0; } }
        }
    }

    /** c[co+i] = op(a[ao+i·as], b[bo+i·bs]) for i in 0..n-1, in float32. */
    static void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        int ia = ao;
        int ib = bo;
        int end = co + n;
        switch (op) {
            case ADD -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = a[ia] + b[ib]; } }
            case SUB -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = a[ia] - b[ib]; } }
            case MUL -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = a[ia] * b[ib]; } }
            case DIV -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = a[ia] / b[ib]; } }
            case POW -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = (float) Math.pow(a[ia], b[ib]); } }
            case MAX -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = Math.max(a[ia], b[ib]); } }
            case MIN -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = Math.min(a[ia], b[ib]); } }
            case GREATER_EQUAL -> { for (int i = co; i < end; i++, ia += as, ib += bs) { c[i] = a[ia] >= b[ib] ? 1 : 0; } }
        }
    }

    /** dst[dOff+i] = src[sOff+i·stride] for i in 0..n-1; both arrays of the same primitive type. */
    static void copy(Object src, int sOff, int stride, Object dst, int dOff, int n) {
        if (stride == 1) {
            System.arraycopy(src, sOff, dst, dOff, n);
            return;
        }
        int end = dOff + n;
        if (src instanceof double[] s) {
            double[] d = (double[]) dst;
            for (int i = dOff, j = sOff; i < end; i++, j += stride) {
                d[i] = s[j];
            }
        } else if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            for (int i = dOff, j = sOff; i < end; i++, j += stride) {
                d[i] = s[j];
            }
        } else {
            int[] s = (int[]) src;
            int[] d = (int[]) dst;
            for (int i = dOff, j = sOff; i < end; i++, j += stride) {
                d[i] = s[j];
            }
        }
    }
}
