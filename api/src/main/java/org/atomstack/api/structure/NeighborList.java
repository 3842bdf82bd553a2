package org.atomstack.api.structure;

import org.atomstack.api.structure.internal.CellListBuilder;

/**
 * A full neighbour list in CSR layout: for every centre atom i, the edges (i, j, S) with
 * |r_ij| &lt; cutoff, where r_ij = x_j + S·H − x_i, S is an integer periodic image shift and H
 * has the lattice vectors as rows. Both (i, j, S) and (j, i, −S) are present; an atom's own
 * periodic images are neighbours when the cutoff exceeds the cell; (i, i, 0) never is.
 *
 * <p>Edges of centre i are {@code offset(i) .. offset(i+1)-1}, ordered by neighbour index and
 * then by shift, so the list is deterministic. Built in O(N) with a cell list; correct for
 * triclinic cells, mixed and absent periodicity, and cutoffs larger than the cell.
 *
 * <p>Positions enter everything downstream only through the edge vectors; {@link #forces} and
 * {@link #stress} turn per-edge energy gradients ∂E/∂r_e into forces and stress.
 */
public final class NeighborList {
    private final double cutoff;
    private final int atoms;
    private final int[] offsets;
    private final int[] centres;
    private final int[] neighbors;
    private final int[] shifts;
    private final double[] vectors;
    private final double[] distances;

    /**
     * Assembles a list from raw CSR arrays (used by builders; arrays are taken, not copied).
     *
     * @param offsets   atoms+1 offsets into the edge arrays
     * @param neighbors neighbour index per edge
     * @param shifts    3 integer image shifts per edge
     * @param vectors   3 components of r_ij per edge, Å
     */
    public NeighborList(double cutoff, int[] offsets, int[] neighbors, int[] shifts, double[] vectors) {
        int edges = neighbors.length;
        if (offsets.length == 0 || offsets[offsets.length - 1] != edges || shifts.length != 3 * edges || vectors.length != 3 * edges) {
            throw new IllegalArgumentException("inconsistent CSR arrays for a neighbour list");
        }
        this.cutoff = cutoff;
        this.atoms = offsets.length - 1;
        this.offsets = offsets;
        this.neighbors = neighbors;
        this.shifts = shifts;
        this.vectors = vectors;
        this.centres = new int[edges];
        this.distances = new double[edges];
        for (int i = 0; i < atoms; i++) {
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                centres[e] = i;
            }
        }
        for (int e = 0; e < edges; e++) {
            double x = vectors[3 * e];
            double y = vectors[3 * e + 1];
            double z = vectors[3 * e + 2];
            distances[e] = Math.sqrt(x * x + y * y + z * z);
        }
    }

    /**
     * Builds the neighbour list of a structure.
     *
     * @param cutoff radius in Å, finite and &gt; 0
     */
    public static NeighborList build(Structure structure, double cutoff) {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new IllegalArgumentException("cutoff must be finite and > 0, got " + cutoff);
        }
        return CellListBuilder.build(structure, cutoff);
    }

    /** The cutoff radius, Å. */
    public double cutoff() {
        return cutoff;
    }

    /** Number of centre atoms. */
    public int atomCount() {
        return atoms;
    }

    /** Number of directed edges. */
    public int edgeCount() {
        return neighbors.length;
    }

    /** First edge of centre {@code i}; {@code offset(atomCount())} is the edge count. */
    public int offset(int i) {
        return offsets[i];
    }

    /** Number of neighbours of centre {@code i}. */
    public int neighborCount(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** Centre atom of edge {@code e}. */
    public int centre(int e) {
        return centres[e];
    }

    /** Neighbour atom of edge {@code e}. */
    public int neighbor(int e) {
        return neighbors[e];
    }

    /** Image shift component {@code k} of edge {@code e}. */
    public int shift(int e, int k) {
        return shifts[3 * e + k];
    }

    /** Component {@code k} of the edge vector r_ij of edge {@code e}, Å. */
    public double vector(int e, int k) {
        return vectors[3 * e + k];
    }

    /** |r_ij| of edge {@code e}, Å. */
    public double distance(int e) {
        return distances[e];
    }

    /** CSR offsets (a copy, atomCount+1 values). */
    public int[] offsets() {
        return offsets.clone();
    }

    /** Centre per edge (a copy). */
    public int[] centres() {
        return centres.clone();
    }

    /** Neighbour per edge (a copy). */
    public int[] neighbors() {
        return neighbors.clone();
    }

    /** Image shifts, 3 per edge (a copy). */
    public int[] shifts() {
        return shifts.clone();
    }

    /** Edge vectors, 3 per edge (a copy), Å. */
    public double[] vectors() {
        return vectors.clone();
    }

    /**
     * Forces from per-edge energy gradients: F_k = −∂E/∂x_k = Σ_e g_e (δ_{k,i(e)} − δ_{k,j(e)})
     * where g_e = ∂E/∂r_e and r_e = x_j − x_i + S·H.
     *
     * @param edgeGradients ∂E/∂r_e, 3 per edge, eV/Å
     * @return forces, 3 per atom, eV/Å
     */
    public double[] forces(double[] edgeGradients) {
        checkGradientLength(edgeGradients);
        double[] f = new double[3 * atoms];
        for (int e = 0; e < neighbors.length; e++) {
            int i = centres[e];
            int j = neighbors[e];
            for (int k = 0; k < 3; k++) {
                double g = edgeGradients[3 * e + k];
                f[3 * i + k] += g;
                f[3 * j + k] -= g;
            }
        }
        return f;
    }

    /**
     * Stress from per-edge energy gradients, ASE convention:
     * σ_ab = (1/V) Σ_e r_e,a ∂E/∂r_e,b, symmetrised, Voigt order xx yy zz yz xz xy, eV/Å³.
     *
     * @param volume cell volume in Å³
     */
    public double[] stress(double[] edgeGradients, double volume) {
        checkGradientLength(edgeGradients);
        double[] v = new double[9];
        for (int e = 0; e < neighbors.length; e++) {
            for (int a = 0; a < 3; a++) {
                double ra = vectors[3 * e + a];
                for (int b = 0; b < 3; b++) {
                    v[3 * a + b] += ra * edgeGradients[3 * e + b];
                }
            }
        }
        return new double[] {
            v[0] / volume, v[4] / volume, v[8] / volume,
            0.5 * (v[5] + v[7]) / volume, 0.5 * (v[2] + v[6]) / volume, 0.5 * (v[1] + v[3]) / volume
        };
    }

    private void checkGradientLength(double[] g) {
        if (g.length != 3 * neighbors.length) {
            throw new IllegalArgumentException("need 3 gradient values per edge (" + 3 * neighbors.length + "), got " + g.length);
        }
    }
}
