package org.atomstack.api.descriptor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named Tikhonov regulariser that a descriptor offers for the coefficients of linear models
 * over its features: a fit over features B penalises ‖Γc‖² (times the solver's strength) for an
 * invertible size × size operator Γ. A diagonal prior D (e.g. {@link Descriptor#smoothnessPrior()})
 * combines with it as Γ_total = D·Γ: D then acts on the coordinates c′ = Γc.
 *
 * <p><b>Representation.</b> Γ is given through its inverse S = Γ⁻¹, a sparse matrix in compressed
 * rows (row i holds S_ij for the columns j in {@code columns[rowStart[i] .. rowStart[i+1]−1]}).
 * That is what solvers need (they solve in the whitened coordinates c′ = Γc with the design A·S and
 * map back with c = S·c′; in the Bayesian reading S Sᵀ is the prior covariance up to scale), and it
 * is the sparse factor for change-of-basis regularisers: when features B′ = T·B are a better basis
 * (T invertible), ‖c_{B′}‖ with c_B = Tᵀc_{B′} is ‖Γc_B‖ with Γ = T⁻ᵀ, so S = Tᵀ and fitting B with
 * this Γ equals fitting B′ with Γ = I. Example: ACE's self-interacting basis with the purification
 * operator of the canonical (self-interaction-free) basis, Γ = P⁻ᵀ.
 *
 * <p>Immutable (arrays are copied in and out).
 */
public final class Regularizer {
    private final String name;
    private final int size;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] values;
    private final String description;

    private Regularizer(String name, int size, int[] rowStart, int[] columns, double[] values, String description) {
        this.name = name;
        this.size = size;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
        this.description = description;
    }

    /**
     * A regulariser given by S = Γ⁻¹ in compressed rows.
     *
     * @param name        the name models refer to it by (e.g. "purification"), non-blank
     * @param size        number of features n ≥ 1 (S is n × n)
     * @param rowStart    n + 1 non-decreasing offsets, rowStart[0] = 0, rowStart[n] = columns.length
     * @param columns     column index of each stored entry, in 0..n−1, ascending and distinct within a row
     * @param values      finite value of each stored entry
     * @param description one line for messages (what Γ is, whether it is exact), may be empty
     * @return the regulariser
     * @throws IllegalArgumentException quoting the first inconsistency
     */
    public static Regularizer ofInverse(String name, int size, int[] rowStart, int[] columns, double[] values, String description) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (name.isBlank()) {
            throw new IllegalArgumentException("regularizer name must not be blank");
        }
        if (size < 1) {
            throw new IllegalArgumentException("regularizer '" + name + "': size must be >= 1, got " + size);
        }
        if (rowStart.length != size + 1 || rowStart[0] != 0 || rowStart[size] != columns.length || values.length != columns.length) {
            throw new IllegalArgumentException("regularizer '" + name + "': need " + (size + 1) + " row offsets from 0 to "
                + columns.length + " and one value per column index, got " + rowStart.length + " offsets (first "
                + (rowStart.length > 0 ? rowStart[0] : "none") + ", last " + (rowStart.length > 0 ? rowStart[rowStart.length - 1] : "none")
                + ") and " + values.length + " values");
        }
        for (int i = 0; i < size; i++) {
            if (rowStart[i + 1] < rowStart[i]) {
                throw new IllegalArgumentException("regularizer '" + name + "': row offsets decrease at row " + i + ": "
                    + rowStart[i] + " > " + rowStart[i + 1]);
            }
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                if (columns[p] < 0 || columns[p] >= size || (p > rowStart[i] && columns[p] <= columns[p - 1])) {
                    throw new IllegalArgumentException("regularizer '" + name + "': row " + i + " has column " + columns[p]
                        + " out of order or outside 0.." + (size - 1));
                }
                if (!Double.isFinite(values[p])) {
                    throw new IllegalArgumentException("regularizer '" + name + "': entry (" + i + ", " + columns[p] + ") is " + values[p]);
                }
            }
        }
        return new Regularizer(name, size, rowStart.clone(), columns.clone(), values.clone(), description);
    }

    /**
     * The identity (Γ = S = I): for bases that are already in the coordinates a named regulariser
     * would produce.
     *
     * @param name        the name
     * @param size        number of features ≥ 1
     * @param description one line for messages
     * @return the identity regulariser
     */
    public static Regularizer identity(String name, int size, String description) {
        int[] start = new int[size + 1];
        int[] cols = new int[size];
        double[] vals = new double[size];
        for (int i = 0; i < size; i++) {
            start[i + 1] = i + 1;
            cols[i] = i;
            vals[i] = 1;
        }
        return ofInverse(name, size, start, cols, vals, description);
    }

    /**
     * The name models refer to it by.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Number of features n.
     *
     * @return n
     */
    public int size() {
        return size;
    }

    /**
     * One line for messages.
     *
     * @return the description (possibly empty)
     */
    public String description() {
        return description;
    }

    /**
     * Row offsets of S = Γ⁻¹ (a copy).
     *
     * @return n + 1 offsets
     */
    public int[] rowStart() {
        return rowStart.clone();
    }

    /**
     * Column indices of the stored entries of S (a copy).
     *
     * @return one index per entry
     */
    public int[] columns() {
        return columns.clone();
    }

    /**
     * Values of the stored entries of S (a copy).
     *
     * @return one value per entry
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * Number of stored entries of S.
     *
     * @return the count
     */
    public int nonZeros() {
        return columns.length;
    }

    /**
     * S·x = Γ⁻¹x (from whitened coordinates c′ to coefficients c).
     *
     * @param x n values
     * @return n values
     * @throws IllegalArgumentException when x has the wrong length
     */
    public double[] applyInverse(double[] x) {
        check(x);
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            double s = 0;
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                s += values[p] * x[columns[p]];
            }
            y[i] = s;
        }
        return y;
    }

    /**
     * Sᵀ·x = Γ⁻ᵀx (maps a right-hand side Aᵀy into whitened coordinates).
     *
     * @param x n values
     * @return n values
     * @throws IllegalArgumentException when x has the wrong length
     */
    public double[] applyInverseTransposed(double[] x) {
        check(x);
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            double xi = x[i];
            if (xi != 0) {
                for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                    y[columns[p]] += values[p] * xi;
                }
            }
        }
        return y;
    }

    private void check(double[] x) {
        if (x.length != size) {
            throw new IllegalArgumentException("regularizer '" + name + "' has size " + size + ", got a vector of " + x.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Regularizer r && name.equals(r.name) && size == r.size && Arrays.equals(rowStart, r.rowStart)
            && Arrays.equals(columns, r.columns) && Arrays.equals(values, r.values) && description.equals(r.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, size, Arrays.hashCode(columns), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Regularizer[" + name + ", size " + size + ", " + columns.length + " entries of Γ⁻¹" + (description.isEmpty() ? "" : ": " + description) + "]";
    }
}
