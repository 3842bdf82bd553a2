package org.atomstack.api.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * K polynomials in P variables stored as sparse terms: p_k(x) = Σ_t c_t Π_q x_q^{e_t,q} over
 * the terms t of output k. Real spherical harmonics r^l Y_lm and irreducible Cartesian tensors
 * r^l T^l(r̂) are such polynomials of the edge vector (P = 3), and compiled tensor-diagram
 * invariants are polynomials of the irreducible coefficients; backends evaluate them with one
 * fused kernel ({@link TensorOps#sparsePolynomial}). The {@link #jacobian()} is again a sparse
 * polynomial, so derivatives of any order come from the same kernel. Immutable.
 */
public final class SparsePolynomial {
    private final int outputs;
    private final int variables;
    private final int[] output;    // per term
    private final double[] coeff;  // per term
    private final int[] exponents; // terms × variables
    private volatile SparsePolynomial jacobian;

    /**
     * @param outputs   K
     * @param variables P
     * @param output    output index of each term (ascending not required)
     * @param coeff     coefficient of each term
     * @param exponents terms × P non-negative exponents, row-major
     */
    public SparsePolynomial(int outputs, int variables, int[] output, double[] coeff, int[] exponents) {
        if (output.length != coeff.length || exponents.length != (long) output.length * variables) {
            throw new IllegalArgumentException("sparse polynomial: " + output.length + " terms need " + output.length
                + " coefficients and " + (long) output.length * variables + " exponents");
        }
        for (int o : output) {
            if (o < 0 || o >= outputs) {
                throw new IllegalArgumentException("sparse polynomial: term output " + o + " outside 0.." + (outputs - 1));
            }
        }
        for (int e : exponents) {
            if (e < 0) {
                throw new IllegalArgumentException("sparse polynomial: negative exponent " + e);
            }
        }
        this.outputs = outputs;
        this.variables = variables;
        this.output = output.clone();
        this.coeff = coeff.clone();
        this.exponents = exponents.clone();
    }

    /** Number of polynomials K. */
    public int outputs() {
        return outputs;
    }

    /** Number of variables P. */
    public int variables() {
        return variables;
    }

    /** Number of terms. */
    public int terms() {
        return output.length;
    }

    /** Output index of term t. */
    public int output(int t) {
        return output[t];
    }

    /** Coefficient of term t. */
    public double coefficient(int t) {
        return coeff[t];
    }

    /** Exponent of variable q in term t. */
    public int exponent(int t, int q) {
        return exponents[t * variables + q];
    }

    /** Largest exponent of any variable in any term. */
    public int maxExponent() {
        return Arrays.stream(exponents).max().orElse(0);
    }

    /** Evaluates all K polynomials at one point on the host (reference implementation). */
    public double[] evaluate(double[] x) {
        double[] out = new double[outputs];
        for (int t = 0; t < output.length; t++) {
            double v = coeff[t];
            for (int q = 0; q < variables; q++) {
                int e = exponents[t * variables + q];
                for (int i = 0; i < e; i++) {
                    v *= x[q];
                }
            }
            out[output[t]] += v;
        }
        return out;
    }

    /**
     * The Jacobian as a sparse polynomial with K·P outputs, output k·P + q = ∂p_k/∂x_q.
     * Computed once and cached.
     */
    public SparsePolynomial jacobian() {
        SparsePolynomial j = jacobian;
        if (j == null) {
            Map<List<Integer>, Double> terms = new LinkedHashMap<>();
            for (int t = 0; t < output.length; t++) {
                for (int q = 0; q < variables; q++) {
                    int e = exponents[t * variables + q];
                    if (e == 0) {
                        continue;
                    }
                    List<Integer> key = new ArrayList<>(variables + 1);
                    key.add(output[t] * variables + q);
                    for (int r = 0; r < variables; r++) {
                        key.add(exponents[t * variables + r] - (r == q ? 1 : 0));
                    }
                    terms.merge(key, coeff[t] * e, Double::sum);
                }
            }
            int n = terms.size();
            int[] out = new int[n];
            double[] c = new double[n];
            int[] ex = new int[n * variables];
            int i = 0;
            for (Map.Entry<List<Integer>, Double> e : terms.entrySet()) {
                out[i] = e.getKey().get(0);
                c[i] = e.getValue();
                for (int r = 0; r < variables; r++) {
                    ex[i * variables + r] = e.getKey().get(r + 1);
                }
                i++;
            }
            j = new SparsePolynomial(outputs * variables, variables, out, c, ex);
            jacobian = j;
        }
        return j;
    }
}
