package org.atomstack.api.descriptor;

import org.atomstack.api.structure.NeighborList;

/**
 * Features of one structure: values[i·size + k] = B_k of atom i, and, if computed,
 * gradients[(e·size + k)·3 + c] = ∂B_k(centre(e))/∂r_e,c for every edge e of the neighbour list
 * (features of atom i depend only on the edges centred on i). Units of the gradient:
 * feature units per Å. Arrays are owned by the block; accessors return views for speed and
 * callers must not modify them.
 */
public final class FeatureBlock {
    private final int atoms;
    private final int size;
    private final double[] values;
    private final NeighborList neighbors;
    private final double[] gradients;

    /**
     * @param atoms     number of atoms
     * @param size      features per atom
     * @param values    atoms × size values
     * @param neighbors the neighbour list the gradients refer to
     * @param gradients edges × size × 3 gradients, or null when not requested
     */
    public FeatureBlock(int atoms, int size, double[] values, NeighborList neighbors, double[] gradients) {
        if (values.length != (long) atoms * size) {
            throw new IllegalArgumentException("values: expected " + (long) atoms * size + " entries, got " + values.length);
        }
        if (gradients != null && gradients.length != (long) neighbors.edgeCount() * size * 3) {
            throw new IllegalArgumentException("gradients: expected " + (long) neighbors.edgeCount() * size * 3 + " entries, got " + gradients.length);
        }
        this.atoms = atoms;
        this.size = size;
        this.values = values;
        this.neighbors = neighbors;
        this.gradients = gradients;
    }

    /** Number of atoms (samples). */
    public int atoms() {
        return atoms;
    }

    /** Number of features per atom (properties). */
    public int size() {
        return size;
    }

    /** Feature k of atom i. */
    public double value(int i, int k) {
        return values[i * size + k];
    }

    /** All values, atoms × size (a view; do not modify). */
    public double[] values() {
        return values;
    }

    /** Whether gradients were computed. */
    public boolean hasGradients() {
        return gradients != null;
    }

    /** ∂B_k(centre(e))/∂r_e,c. */
    public double gradient(int e, int k, int c) {
        return gradients[(e * size + k) * 3 + c];
    }

    /** All gradients, edges × size × 3 (a view; do not modify), or null. */
    public double[] gradients() {
        return gradients;
    }

    /** The neighbour list the gradients refer to. */
    public NeighborList neighbors() {
        return neighbors;
    }
}
