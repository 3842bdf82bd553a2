package org.atomstack.backend.cpu.internal;

import org.atomstack.api.tensor.SparsePolynomial;

/**
 * The fused sparse-polynomial kernel out[n, k] = Σ_{t of k} c_t Π_q x_{n,q}^{e_t,q}. The
 * polynomial is compiled once per call into flat arrays of non-zero exponent factors; per point
 * a table of powers x_q^e (e ≤ max exponent) is filled and every term is a short product of
 * table entries, accumulated into its output in term order. No per-term intermediates are
 * allocated. FLOAT32 evaluates entirely in float. Parallel over points; immutable.
 */
final class PolynomialKernel {
    private final int outputs;
    private final int variables;
    private final int powers;       // max exponent + 1
    private final int[] termOutput;
    private final double[] termCoeff;
    private final int[] factorStart; // per term, into factorIndex (terms + 1 entries)
    private final int[] factorIndex; // q · powers + e for each non-zero exponent

    /** Compiles {@code p}. */
    PolynomialKernel(SparsePolynomial p) {
        this.outputs = p.outputs();
        this.variables = p.variables();
        this.powers = p.maxExponent() + 1;
        int terms = p.terms();
        this.termOutput = new int[terms];
        this.termCoeff = new double[terms];
        this.factorStart = new int[terms + 1];
        int factors = 0;
        for (int t = 0; t < terms; t++) {
            for (int q = 0; q < variables; q++) {
                if (p.exponent(t, q) > 0) {
                    factors++;
                }
            }
        }
        this.factorIndex = new int[factors];
        int f = 0;
        for (int t = 0; t < terms; t++) {
            termOutput[t] = p.output(t);
            termCoeff[t] = p.coefficient(t);
            factorStart[t] = f;
            for (int q = 0; q < variables; q++) {
                int e = p.exponent(t, q);
                if (e > 0) {
                    factorIndex[f++] = q * powers + e;
                }
            }
        }
        factorStart[terms] = f;
    }

    /** Work per point, for the parallel split. */
    long costPerPoint() {
        return (long) termOutput.length + factorIndex.length + (long) variables * powers + outputs;
    }

    /** Points {@code from..to-1} of x [N, P] into out [N, K] (zero on entry). */
    void evaluate(double[] x, double[] out, int from, int to) {
        double[] pw = new double[variables * powers];
        for (int n = from; n < to; n++) {
            for (int q = 0; q < variables; q++) {
                double xq = x[n * variables + q];
                double v = 1;
                int base = q * powers;
                for (int e = 0; e < powers; e++) {
                    pw[base + e] = v;
                    v *= xq;
                }
            }
            int o = n * outputs;
            for (int t = 0; t < termOutput.length; t++) {
                double v = termCoeff[t];
                for (int f = factorStart[t]; f < factorStart[t + 1]; f++) {
                    v *= pw[factorIndex[f]];
                }
                out[o + termOutput[t]] += v;
            }
        }
    }

    /** Float32 variant of {@link #evaluate(double[], double[], int, int)}, computing in float. */
    void evaluate(float[] x, float[] out, int from, int to) {
        float[] pw = new float[variables * powers];
        for (int n = from; n < to; n++) {
            for (int q = 0; q < variables; q++) {
                float xq = x[n * variables + q];
                float v = 1;
                int base = q * powers;
                for (int e = 0; e < powers; e++) {
                    pw[base + e] = v;
                    v *= xq;
                }
            }
            int o = n * outputs;
            for (int t = 0; t < termOutput.length; t++) {
                float v = (float) termCoeff[t];
                for (int f = factorStart[t]; f < factorStart[t + 1]; f++) {
                    v *= pw[factorIndex[f]];
                }
                out[o + termOutput[t]] += v;
            }
        }
    }
}
