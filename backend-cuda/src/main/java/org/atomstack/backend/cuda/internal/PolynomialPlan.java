package org.atomstack.backend.cuda.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.atomstack.api.tensor.SparsePolynomial;

/**
 * A {@link SparsePolynomial} laid out for the poly kernels (one thread per point and output):
 * the terms grouped by output, keeping their order within an output (so each output sums its
 * terms in the order the CPU backend does), and per term the list of its non-zero exponents.
 * {@link #packed()} is the single device buffer the kernel reads: the coefficients (doubles),
 * then the int arrays {@code termStart[K+1]}, {@code factorStart[T+1]}, {@code factorVar[F]},
 * {@code factorExp[F]}, little-endian. Immutable.
 */
final class PolynomialPlan {
    private final int outputs;
    private final int variables;
    private final double[] coeff;
    private final int[] termStart;
    private final int[] factorStart;
    private final int[] factorVar;
    private final int[] factorExp;

    /** The plan of {@code p}. */
    PolynomialPlan(SparsePolynomial p) {
        this.outputs = p.outputs();
        this.variables = p.variables();
        int terms = p.terms();
        termStart = new int[outputs + 1];
        for (int t = 0; t < terms; t++) {
            termStart[p.output(t) + 1]++;
        }
        for (int k = 0; k < outputs; k++) {
            termStart[k + 1] += termStart[k];
        }
        int[] fill = termStart.clone();
        int[] order = new int[terms];
        for (int t = 0; t < terms; t++) {
            order[fill[p.output(t)]++] = t;
        }
        coeff = new double[terms];
        factorStart = new int[terms + 1];
        int factors = 0;
        for (int t = 0; t < terms; t++) {
            for (int q = 0; q < variables; q++) {
                if (p.exponent(t, q) > 0) {
                    factors++;
                }
            }
        }
        factorVar = new int[factors];
        factorExp = new int[factors];
        int f = 0;
        for (int i = 0; i < terms; i++) {
            int t = order[i];
            coeff[i] = p.coefficient(t);
            factorStart[i] = f;
            for (int q = 0; q < variables; q++) {
                int e = p.exponent(t, q);
                if (e > 0) {
                    factorVar[f] = q;
                    factorExp[f] = e;
                    f++;
                }
            }
        }
        factorStart[terms] = f;
    }

    /** K. */
    int outputs() {
        return outputs;
    }

    /** P. */
    int variables() {
        return variables;
    }

    /** Coefficients in plan order. */
    double[] coefficients() {
        return coeff.clone();
    }

    /** Plan terms of output k: termStart[k] .. termStart[k+1]-1. */
    int[] termStart() {
        return termStart.clone();
    }

    /** Factors of plan term t: factorStart[t] .. factorStart[t+1]-1. */
    int[] factorStart() {
        return factorStart.clone();
    }

    /** Variable of each factor. */
    int[] factorVariables() {
        return factorVar.clone();
    }

    /** Exponent (≥ 1) of each factor. */
    int[] factorExponents() {
        return factorExp.clone();
    }

    /** Byte offset of termStart in {@link #packed()}. */
    long termStartOffset() {
        return 8L * coeff.length;
    }

    /** Byte offset of factorStart. */
    long factorStartOffset() {
        return termStartOffset() + 4L * termStart.length;
    }

    /** Byte offset of factorVar. */
    long factorVarOffset() {
        return factorStartOffset() + 4L * factorStart.length;
    }

    /** Byte offset of factorExp. */
    long factorExpOffset() {
        return factorVarOffset() + 4L * factorVar.length;
    }

    /** The device image of the plan, {@link #factorExpOffset()} + 4F bytes. */
    byte[] packed() {
        ByteBuffer b = ByteBuffer.allocate((int) (factorExpOffset() + 4L * factorExp.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (double c : coeff) {
            b.putDouble(c);
        }
        for (int[] a : new int[][] {termStart, factorStart, factorVar, factorExp}) {
            for (int v : a) {
                b.putInt(v);
            }
        }
        return b.array();
    }

    /** Evaluates the plan at one point on the host, in the kernel's order (for tests). */
    double[] evaluate(double[] x) {
        double[] out = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            double acc = 0;
            for (int t = termStart[k]; t < termStart[k + 1]; t++) {
                double v = coeff[t];
                for (int f = factorStart[t]; f < factorStart[t + 1]; f++) {
                    double pw = 1;
                    for (int e = 0; e < factorExp[f]; e++) {
                        pw *= x[factorVar[f]];
                    }
                    v *= pw;
                }
                acc += v;
            }
            out[k] = acc;
        }
        return out;
    }
}
