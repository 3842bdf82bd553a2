package org.atomstack.api.structure;

import java.util.Arrays;

/**
 * A simulation cell: three lattice vectors a, b, c (rows of the 3×3 matrix, in Å), with
 * periodic boundary flags per lattice direction.
 *
 * <p>Fractional coordinates s and Cartesian x are related by x = s·H where H has the lattice
 * vectors as rows. A periodic direction needs a lattice vector; a non-periodic direction may
 * carry one (it is then only a bounding box). The cell must be non-degenerate (|det H| &gt; 1e-6 Å³).
 */
public final class Cell {
    private final double[] matrix; // row-major, rows = lattice vectors
    private final boolean[] pbc;
    private final double[] inverse;
    private final double volume;

    private Cell(double[] matrix, boolean[] pbc) {
        this.matrix = matrix;
        this.pbc = pbc;
        for (double v : matrix) {
            if (!Double.isFinite(v)) {
                throw new InvalidStructureException("cell matrix contains a non-finite value: " + Arrays.toString(matrix));
            }
        }
        double det = det(matrix);
        if (Math.abs(det) < 1e-6) {
            throw new InvalidStructureException("cell is degenerate (volume " + det + " Å³): " + Arrays.toString(matrix));
        }
        this.volume = Math.abs(det);
        this.inverse = invert(matrix, det);
    }

    /**
     * @param matrix 3×3 lattice vectors as rows (row-major, 9 values, Å)
     * @param pbc    periodicity along a, b, c
     */
    public static Cell of(double[] matrix, boolean[] pbc) {
        if (matrix.length != 9) {
            throw new InvalidStructureException("cell matrix needs 9 values, got " + matrix.length);
        }
        if (pbc.length != 3) {
            throw new InvalidStructureException("pbc needs 3 flags, got " + pbc.length);
        }
        return new Cell(matrix.clone(), pbc.clone());
    }

    /** A fully periodic cell. */
    public static Cell periodic(double[] matrix) {
        return of(matrix, new boolean[] {true, true, true});
    }

    /** The lattice matrix (rows a, b, c), a copy. */
    public double[] matrix() {
        return matrix.clone();
    }

    /** Component {@code k} (0..2) of lattice vector {@code i} (0..2). */
    public double vector(int i, int k) {
        return matrix[3 * i + k];
    }

    /** Periodicity flags (a copy). */
    public boolean[] pbc() {
        return pbc.clone();
    }

    /** Whether lattice direction {@code i} is periodic. */
    public boolean periodic(int i) {
        return pbc[i];
    }

    /** Whether any direction is periodic. */
    public boolean anyPeriodic() {
        return pbc[0] || pbc[1] || pbc[2];
    }

    /** Cell volume |det H| in Å³. */
    public double volume() {
        return volume;
    }

    /**
     * Distance between the two lattice planes spanned by the other two vectors, for direction
     * {@code i}: V / |b × c| for i = 0 and cyclically. A sphere of radius r fits into
     * ceil(r / d_i) periodic images along i.
     */
    public double planeSpacing(int i) {
        int j = (i + 1) % 3;
        int k = (i + 2) % 3;
        double cx = vector(j, 1) * vector(k, 2) - vector(j, 2) * vector(k, 1);
        double cy = vector(j, 2) * vector(k, 0) - vector(j, 0) * vector(k, 2);
        double cz = vector(j, 0) * vector(k, 1) - vector(j, 1) * vector(k, 0);
        return volume / Math.sqrt(cx * cx + cy * cy + cz * cz);
    }

    /** Fractional coordinates of Cartesian point {@code x} (3 values), written to {@code out}. */
    public void toFractional(double[] x, int xOffset, double[] out, int outOffset) {
        for (int k = 0; k < 3; k++) {
            out[outOffset + k] = x[xOffset] * inverse[k] + x[xOffset + 1] * inverse[3 + k] + x[xOffset + 2] * inverse[6 + k];
        }
    }

    /** Cartesian point of fractional coordinates {@code s}, written to {@code out}. */
    public void toCartesian(double[] s, int sOffset, double[] out, int outOffset) {
        for (int k = 0; k < 3; k++) {
            out[outOffset + k] = s[sOffset] * matrix[k] + s[sOffset + 1] * matrix[3 + k] + s[sOffset + 2] * matrix[6 + k];
        }
    }

    private static double det(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7])
            - m[1] * (m[3] * m[8] - m[5] * m[6])
            + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    private static double[] invert(double[] m, double det) {
        double[] r = new double[9];
        r[0] = (m[4] * m[8] - m[5] * m[7]) / det;
        r[1] = (m[2] * m[7] - m[1] * m[8]) / det;
        r[2] = (m[1] * m[5] - m[2] * m[4]) / det;
        r[3] = (m[5] * m[6] - m[3] * m[8]) / det;
        r[4] = (m[0] * m[8] - m[2] * m[6]) / det;
        r[5] = (m[2] * m[3] - m[0] * m[5]) / det;
        r[6] = (m[3] * m[7] - m[4] * m[6]) / det;
        r[7] = (m[1] * m[6] - m[0] * m[7]) / det;
        r[8] = (m[0] * m[4] - m[1] * m[3]) / det;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cell c && Arrays.equals(matrix, c.matrix) && Arrays.equals(pbc, c.pbc);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(matrix) + Arrays.hashCode(pbc);
    }

    @Override
    public String toString() {
        return "Cell" + Arrays.toString(matrix) + " pbc=" + Arrays.toString(pbc);
    }
}
