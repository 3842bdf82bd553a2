package org.atomstack.basis.ace.toolkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * The atomic environments of one structure, one atom at a time: the neighbours within the cutoff,
 * grouped by species channel (a stable counting sort, the layout {@link
 * ProductBasisEvaluator#atomicBase} takes), and the loop that turns per-atom features into a
 * {@link FeatureBlock}. Scratch for one thread and one structure.
 */
public final class AtomicEnvironments {
    /** The features of the atoms of one centre species; holds scratch, so one instance per thread. */
    public interface AtomFeatures {
        /**
         * The features of the current atom of {@code env}.
         *
         * @param env       positioned at the atom
         * @param values    receives feature column {@code col} at {@code values[offset + col]}
         * @param offset    the atom's first value
         * @param gradients whether to write the edge gradients, by {@link #writeGradients}
         */
        void evaluate(AtomicEnvironments env, double[] values, int offset, boolean gradients);
    }

    private final NeighborList neighbors;
    private final double cutoff;
    private final int channels;
    private final int[] channelOf; // per atom
    private final double[] vec;
    private final double[] dist;
    private final int[] spec;
    private final int[] global;
    private final int[] count;
    private final int[] edgeStart;
    private int edges;
    private double[] gradients;
    private int size;

    /**
     * Checks the neighbour list against the structure and the cutoff, and maps every atom to its
     * species channel.
     *
     * @param structure  the structure
     * @param neighbors  its neighbour list, with a cutoff of at least {@code cutoff}
     * @param cutoff     the descriptor cutoff, Å
     * @param species    atomic numbers of the species channels
     * @param descriptor the descriptor's name, for messages
     * @throws IllegalArgumentException when the list does not fit or an atom's species is not a channel
     */
    public AtomicEnvironments(Structure structure, NeighborList neighbors, double cutoff, int[] species, String descriptor) {
        int n = structure.atomCount();
        if (neighbors.atomCount() != n) {
            throw new IllegalArgumentException(structure.name() + ": neighbour list has " + neighbors.atomCount() + " atoms, structure has " + n);
        }
        if (neighbors.cutoff() < cutoff - 1e-12) {
            throw new IllegalArgumentException(structure.name() + ": neighbour list cutoff " + neighbors.cutoff()
                + " Å is below the descriptor cutoff " + cutoff + " Å");
        }
        int[] index = new int[Elements.MAX_Z + 1];
        Arrays.fill(index, -1);
        for (int c = 0; c < species.length; c++) {
            index[species[c]] = c;
        }
        this.neighbors = neighbors;
        this.cutoff = cutoff;
        this.channels = species.length;
        this.channelOf = new int[n];
        int maxEdges = 0;
        for (int i = 0; i < n; i++) {
            int z = structure.number(i);
            int c = index[z];
            if (c < 0) {
                List<String> names = new ArrayList<>();
                for (int s : species) {
                    names.add(Elements.symbol(s));
                }
                throw new IllegalArgumentException("structure '" + structure.name() + "': atom " + i + " has species "
                    + Elements.symbol(z) + " (Z = " + z + "), which this " + descriptor + " descriptor was not built for (species: "
                    + String.join(", ", names) + ")");
            }
            channelOf[i] = c;
            maxEdges = Math.max(maxEdges, neighbors.neighborCount(i));
        }
        vec = new double[3 * maxEdges];
        dist = new double[maxEdges];
        spec = new int[maxEdges];
        global = new int[maxEdges];
        count = new int[channels + 1];
        edgeStart = new int[channels + 1];
    }

    /**
     * The features of every atom: the atoms of centre species c are evaluated by {@code centre.apply(c)}
     * (asked once, when the first such atom comes; null: their features are zero).
     *
     * @param size      features per atom
     * @param gradients whether to compute edge gradients
     * @param centre    per species channel, the evaluator of its atoms, or null
     * @return the features, with edge gradients if requested
     */
    public FeatureBlock features(int size, boolean gradients, IntFunction<AtomFeatures> centre) {
        int n = channelOf.length;
        double[] values = new double[n * size];
        this.size = size;
        this.gradients = gradients ? new double[Math.multiplyExact(Math.multiplyExact(neighbors.edgeCount(), size), 3)] : null;
        AtomFeatures[] work = new AtomFeatures[channels];
        boolean[] asked = new boolean[channels];
        for (int i = 0; i < n; i++) {
            int c = channelOf[i];
            if (!asked[c]) {
                work[c] = centre.apply(c);
                asked[c] = true;
            }
            if (work[c] == null) {
                continue;
            }
            gather(i);
            work[c].evaluate(this, values, i * size, gradients);
        }
        return new FeatureBlock(n, size, values, neighbors, this.gradients);
    }

    /** The environment of atom i: its edges within the cutoff, grouped by neighbour species. */
    private void gather(int i) {
        Arrays.fill(count, 0);
        int e0 = neighbors.offset(i);
        int e1 = neighbors.offset(i + 1);
        for (int e = e0; e < e1; e++) {
            if (neighbors.distance(e) < cutoff) {
                count[channelOf[neighbors.neighbor(e)] + 1]++;
            }
        }
        for (int z = 0; z < channels; z++) {
            count[z + 1] += count[z];
        }
        System.arraycopy(count, 0, edgeStart, 0, channels + 1);
        edges = count[channels];
        for (int e = e0; e < e1; e++) {
            double r = neighbors.distance(e);
            if (r < cutoff) {
                int z = channelOf[neighbors.neighbor(e)];
                int at = count[z]++;
                vec[3 * at] = neighbors.vector(e, 0);
                vec[3 * at + 1] = neighbors.vector(e, 1);
                vec[3 * at + 2] = neighbors.vector(e, 2);
                dist[at] = r;
                spec[at] = z;
                global[at] = e;
            }
        }
    }

    /** Number of edges (neighbours within the cutoff) of the current atom. */
    public int edges() {
        return edges;
    }

    /** Edge vectors r_ij of the current atom, 3 components per edge, Å (live). */
    public double[] vectors() {
        return vec;
    }

    /** Edge lengths |r_ij| of the current atom, Å (live). */
    public double[] distances() {
        return dist;
    }

    /** Neighbour species channel of each edge of the current atom, ascending (live). */
    public int[] species() {
        return spec;
    }

    /** The first edge of each species channel of the current atom, channels + 1 values (live). */
    public int[] speciesStart() {
        return edgeStart;
    }

    /**
     * Writes edge gradients of the current atom into the feature block: for rows r0 ≤ r &lt; r1,
     * the gradient of feature column {@code columns[r]} with respect to edge e is read at
     * {@code block[(r − r0)·stride + 3e .. + 2]}.
     *
     * @param block   the gradients, row by row
     * @param stride  row stride of block, at least 3·edges()
     * @param r0      first row
     * @param r1      end of the rows
     * @param columns feature column of each row
     */
    public void writeGradients(double[] block, int stride, int r0, int r1, int[] columns) {
        double[] out = gradients;
        for (int e = 0; e < edges; e++) {
            long rowBase = (long) global[e] * size;
            for (int r = r0; r < r1; r++) {
                int at = (int) ((rowBase + columns[r]) * 3);
                int src = (r - r0) * stride + 3 * e;
                out[at] = block[src];
                out[at + 1] = block[src + 1];
                out[at + 2] = block[src + 2];
            }
        }
    }
}
