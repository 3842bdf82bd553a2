package org.atomstack.basis.cartesian.internal;

import org.atomstack.api.tensor.SparsePolynomial;

/**
 * A {@link SparsePolynomial} compiled for fast host evaluation, with its Jacobian: K outputs
 * p_k(x) = Σ_t c_t Π_q x_q^{e_t,q} of P variables. Each term is stored as its list of non-zero
 * exponent factors; per point a table of powers x_q^e (e ≤ max exponent) is filled, every term
 * is a short product of table entries, and ∂/∂x_q of a term is obtained from prefix and suffix
 * products of its factors (no division, so exact zeros of x are harmless). Immutable and
 * thread-safe; scratch space is allocated per call.
 */
public final class HostPolynomial {
    private final int outputs;
    private final int variables;
    private final int powers;
    private final int maxFactors;
    private final int[] termOutput;
    private final double[] termCoeff;
    private final int[] factorStart;
    private final int[] factorVariable;
    private final int[] factorExponent;
    /** variable · powers + exponent per factor: index into the power table. */
    private final int[] factorIndex;

    /**
     * Compiles {@code p}.
     *
     * @param p the polynomial
     */
    public HostPolynomial(SparsePolynomial p) {
        this.outputs = p.outputs();
        this.variables = p.variables();
        this.powers = p.maxExponent() + 1;
        int terms = p.terms();
        termOutput = new int[terms];
        termCoeff = new double[terms];
        factorStart = new int[terms + 1];
        int factors = 0;
        for (int t = 0; t < terms; t++) {
            for (int q = 0; q < variables; q++) {
                if (p.exponent(t, q) > 0) {
                    factors++;
                }
            }
        }
        factorVariable = new int[factors];
        factorExponent = new int[factors];
        int f = 0;
        int widest = 0;
        for (int t = 0; t < terms; t++) {
            termOutput[t] = p.output(t);
            termCoeff[t] = p.coefficient(t);
            factorStart[t] = f;
            for (int q = 0; q < variables; q++) {
                int e = p.exponent(t, q);
                if (e > 0) {
                    factorVariable[f] = q;
                    factorExponent[f] = e;
                    f++;
                }
            }
            widest = Math.max(widest, f - factorStart[t]);
        }
        factorStart[terms] = f;
        maxFactors = widest;
        factorIndex = new int[factors];
        for (int i = 0; i < factors; i++) {
            factorIndex[i] = factorVariable[i] * powers + factorExponent[i];
        }
    }

    /**
     * Number of outputs.
     *
     * @return K
     */
    public int outputs() {
        return outputs;
    }

    /**
     * Number of variables.
     *
     * @return P
     */
    public int variables() {
        return variables;
    }

    /**
     * Number of terms.
     *
     * @return the term count
     */
    public int terms() {
        return termOutput.length;
    }

    private double[] powerTable(double[] x, int xOffset) {
        double[] pw = new double[variables * powers];
        for (int q = 0; q < variables; q++) {
            double v = 1;
            double xq = x[xOffset + q];
            for (int e = 0; e < powers; e++) {
                pw[q * powers + e] = v;
                v *= xq;
            }
        }
        return pw;
    }

    /**
     * Evaluates all outputs at one point.
     *
     * @param x         the point, P values from {@code xOffset}
     * @param xOffset   offset of the point in x
     * @param out       receives K values from {@code outOffset} (overwritten)
     * @param outOffset offset in out
     */
    public void evaluate(double[] x, int xOffset, double[] out, int outOffset) {
        double[] pw = powerTable(x, xOffset);
        java.util.Arrays.fill(out, outOffset, outOffset + outputs, 0);
        int[] start = factorStart;
        int[] index = factorIndex;
        for (int t = 0; t < termOutput.length; t++) {
            double v = termCoeff[t];
            for (int f = start[t], end = start[t + 1]; f < end; f++) {
                v *= pw[index[f]];
            }
            out[outOffset + termOutput[t]] += v;
        }
    }

    /**
     * Evaluates all outputs and the Jacobian at one point.
     *
     * @param x         the point, P values from {@code xOffset}
     * @param xOffset   offset of the point in x
     * @param out       receives K values from {@code outOffset} (overwritten)
     * @param outOffset offset in out
     * @param jac       receives the K × P Jacobian ∂p_k/∂x_q, row-major, from {@code jacOffset}
     *                  (overwritten)
     * @param jacOffset offset in jac
     */
    public void evaluate(double[] x, int xOffset, double[] out, int outOffset, double[] jac, int jacOffset) {
        double[] pw = powerTable(x, xOffset);
        java.util.Arrays.fill(out, outOffset, outOffset + outputs, 0);
        java.util.Arrays.fill(jac, jacOffset, jacOffset + outputs * variables, 0);
        double[] prefix = new double[maxFactors + 1];
        for (int t = 0; t < termOutput.length; t++) {
            int from = factorStart[t];
            int n = factorStart[t + 1] - from;
            prefix[0] = termCoeff[t];
            for (int i = 0; i < n; i++) {
                prefix[i + 1] = prefix[i] * pw[factorIndex[from + i]];
            }
            int k = termOutput[t];
            out[outOffset + k] += prefix[n];
            double suffix = 1;
            int row = jacOffset + k * variables;
            for (int i = n - 1; i >= 0; i--) {
                int q = factorVariable[from + i];
                int e = factorExponent[from + i];
                int at = factorIndex[from + i];
                jac[row + q] += prefix[i] * e * pw[at - 1] * suffix;
                suffix *= pw[at];
            }
        }
    }
}
