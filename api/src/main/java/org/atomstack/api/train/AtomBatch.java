package org.atomstack.api.train;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.TensorOps;

/**
 * Several structures merged into one graph on the host, the unit a model evaluates at once.
 *
 * <p>Atoms are numbered globally: structure s owns atoms {@code atomOffset(s) .. atomOffset(s+1)-1}
 * in its own order. Edges are the directed edges of each structure's {@link NeighborList}
 * (structure by structure, in neighbour-list order) with centre and neighbour as global atom
 * indices and the edge vector r_e = x_neighbour − x_centre + S·H (Å); periodic shifts are not
 * kept, since positions enter models only through r_e. Labels are gathered per structure:
 * energies (eV) and stresses (eV/Å³, ASE convention, Voigt xx yy zz yz xz xy) per structure and
 * forces (eV/Å) per atom, each with a presence flag; absent values read 0. The cell volume
 * (Å³) is that of a cell periodic in all three directions, NaN otherwise; stress labels of
 * structures without such a volume are ignored.
 *
 * <p>Immutable; array accessors return copies.
 */
public final class AtomBatch {
    private final List<Structure> structures;
    private final double cutoff;
    private final int[] atomOffsets;
    private final int[] edgeOffsets;
    private final int[] numbers;
    private final int[] atomStructure;
    private final int[] centres;
    private final int[] neighbors;
    private final int[] edgeStructure;
    private final double[] edgeVectors;
    private final double[] volumes;
    private final double[] weights;
    private final double[] energies;
    private final boolean[] hasEnergy;
    private final double[] forces;
    private final boolean[] hasForces;
    private final double[] stresses;
    private final boolean[] hasStress;

    private AtomBatch(List<Structure> structures, List<NeighborList> lists) {
        this.structures = List.copyOf(structures);
        int s = structures.size();
        atomOffsets = new int[s + 1];
        edgeOffsets = new int[s + 1];
        double cut = Double.POSITIVE_INFINITY;
        for (int k = 0; k < s; k++) {
            NeighborList nl = lists.get(k);
            Structure st = structures.get(k);
            if (nl.atomCount() != st.atomCount()) {
                throw new IllegalArgumentException("neighbour list " + k + " has " + nl.atomCount() + " atoms but structure "
                    + st.name() + " has " + st.atomCount());
            }
            atomOffsets[k + 1] = Math.addExact(atomOffsets[k], st.atomCount());
            edgeOffsets[k + 1] = Math.addExact(edgeOffsets[k], nl.edgeCount());
            cut = Math.min(cut, nl.cutoff());
        }
        cutoff = s == 0 ? Double.NaN : cut;
        int n = atomOffsets[s];
        int e = edgeOffsets[s];
        numbers = new int[n];
        atomStructure = new int[n];
        centres = new int[e];
        neighbors = new int[e];
        edgeStructure = new int[e];
        edgeVectors = new double[3 * e];
        volumes = new double[s];
        weights = new double[s];
        energies = new double[s];
        hasEnergy = new boolean[s];
        forces = new double[3 * n];
        hasForces = new boolean[s];
        stresses = new double[6 * s];
        hasStress = new boolean[s];
        for (int k = 0; k < s; k++) {
            Structure st = structures.get(k);
            NeighborList nl = lists.get(k);
            int a0 = atomOffsets[k];
            int e0 = edgeOffsets[k];
            System.arraycopy(st.numbers(), 0, numbers, a0, st.atomCount());
            Arrays.fill(atomStructure, a0, atomOffsets[k + 1], k);
            Arrays.fill(edgeStructure, e0, edgeOffsets[k + 1], k);
            for (int j = 0; j < nl.edgeCount(); j++) {
                centres[e0 + j] = a0 + nl.centre(j);
                neighbors[e0 + j] = a0 + nl.neighbor(j);
            }
            System.arraycopy(nl.vectors(), 0, edgeVectors, 3 * e0, 3 * nl.edgeCount());
            volumes[k] = fullyPeriodic(st) ? st.cell().map(Cell::volume).orElseThrow() : Double.NaN;
            Labels l = st.labels();
            weights[k] = l.weight();
            OptionalDouble en = l.energy();
            hasEnergy[k] = en.isPresent();
            energies[k] = en.orElse(0);
            l.forces().ifPresent(f -> System.arraycopy(f, 0, forces, 3 * a0, f.length));
            hasForces[k] = l.hasForces();
            double[] sigma = l.stress().orElse(null);
            hasStress[k] = sigma != null && !Double.isNaN(volumes[k]);
            if (hasStress[k]) {
                System.arraycopy(sigma, 0, stresses, 6 * k, 6);
            }
        }
    }

    private static boolean fullyPeriodic(Structure s) {
        return s.periodic(0) && s.periodic(1) && s.periodic(2);
    }

    /**
     * Builds the neighbour lists (in parallel over structures, deterministic) and merges them.
     *
     * @param cutoff neighbour-list radius in Å, finite and &gt; 0
     */
    public static AtomBatch of(List<Structure> structures, double cutoff) {
        return of(structures, neighborLists(structures, cutoff));
    }

    /**
     * Merges structures with neighbour lists built beforehand (e.g. cached across epochs).
     *
     * @param lists one neighbour list per structure, with matching atom counts
     */
    public static AtomBatch of(List<Structure> structures, List<NeighborList> lists) {
        Objects.requireNonNull(structures, "structures");
        if (lists.size() != structures.size()) {
            throw new IllegalArgumentException(structures.size() + " structures but " + lists.size() + " neighbour lists");
        }
        return new AtomBatch(structures, lists);
    }

    /**
     * The neighbour lists of {@code structures} at radius {@code cutoff}, built in parallel on the
     * common fork-join pool; the result is in structure order and independent of scheduling.
     */
    public static List<NeighborList> neighborLists(List<Structure> structures, double cutoff) {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new IllegalArgumentException("cutoff must be finite and > 0, got " + cutoff);
        }
        NeighborList[] out = new NeighborList[structures.size()];
        IntStream.range(0, out.length).parallel().forEach(i -> out[i] = NeighborList.build(structures.get(i), cutoff));
        return List.of(out);
    }

    /** The structures, in batch order (unmodifiable). */
    public List<Structure> structures() {
        return structures;
    }

    /** Smallest cutoff of the merged neighbour lists (Å); NaN for an empty batch. */
    public double cutoff() {
        return cutoff;
    }

    /** Number of structures S. */
    public int structureCount() {
        return structures.size();
    }

    /** Total number of atoms N. */
    public int atomCount() {
        return numbers.length;
    }

    /** Total number of directed edges E. */
    public int edgeCount() {
        return centres.length;
    }

    /** S+1 offsets: the atoms of structure s are atomOffset(s)..atomOffset(s+1)-1. */
    public int atomOffset(int s) {
        return atomOffsets[s];
    }

    /** S+1 offsets: the edges of structure s are edgeOffset(s)..edgeOffset(s+1)-1. */
    public int edgeOffset(int s) {
        return edgeOffsets[s];
    }

    /** Atom counts per structure [S]. */
    public int[] atomCounts() {
        int[] c = new int[structures.size()];
        for (int s = 0; s < c.length; s++) {
            c[s] = atomOffsets[s + 1] - atomOffsets[s];
        }
        return c;
    }

    /** Atomic number per atom [N]. */
    public int[] numbers() {
        return numbers.clone();
    }

    /** Structure of each atom [N]. */
    public int[] atomStructure() {
        return atomStructure.clone();
    }

    /** Global centre atom of each edge [E]. */
    public int[] centres() {
        return centres.clone();
    }

    /** Global neighbour atom of each edge [E]. */
    public int[] neighbors() {
        return neighbors.clone();
    }

    /** Structure of each edge [E]. */
    public int[] edgeStructure() {
        return edgeStructure.clone();
    }

    /** Edge vectors r_e, 3 per edge (row-major [E, 3]), Å. */
    public double[] edgeVectors() {
        return edgeVectors.clone();
    }

    /** Cell volume per structure [S], Å³; NaN unless periodic in all three directions. */
    public double[] volumes() {
        return volumes.clone();
    }

    /** Label weight per structure [S] ({@link Labels#weight()}). */
    public double[] weights() {
        return weights.clone();
    }

    /** Reference energy per structure [S], eV; 0 where absent. */
    public double[] energies() {
        return energies.clone();
    }

    /** Whether structure s has a reference energy. */
    public boolean hasEnergy(int s) {
        return hasEnergy[s];
    }

    /** Reference forces, 3 per atom ([N, 3]), eV/Å; 0 for structures without forces. */
    public double[] forces() {
        return forces.clone();
    }

    /** Whether structure s has reference forces. */
    public boolean hasForces(int s) {
        return hasForces[s];
    }

    /** Reference stresses, 6 per structure ([S, 6]), eV/Å³, Voigt xx yy zz yz xz xy; 0 where absent. */
    public double[] stresses() {
        return stresses.clone();
    }

    /** Whether structure s has a reference stress and a volume (fully periodic cell). */
    public boolean hasStress(int s) {
        return hasStress[s];
    }

    /**
     * Uploads the index and label arrays to a backend. Atom species become indices into
     * {@code species}: atom i gets the position of its atomic number in that table.
     *
     * @param dtype   floating dtype of the edge vectors and labels (that of the model parameters)
     * @param species atomic numbers known to the model, distinct
     * @throws IllegalArgumentException naming the structure and element when an atom's atomic
     *     number is not in {@code species}
     */
    public BatchTensors upload(TensorOps ops, DType dtype, int[] species) {
        Objects.requireNonNull(ops, "ops");
        if (!dtype.floating()) {
            throw new IllegalArgumentException("batch tensors need a floating dtype, not " + dtype);
        }
        int[] speciesIndex = new int[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            int k = indexOf(species, numbers[i]);
            if (k < 0) {
                Structure st = structures.get(atomStructure[i]);
                throw new IllegalArgumentException(st.name() + ": atom " + (i - atomOffsets[atomStructure[i]]) + " has atomic number "
                    + numbers[i] + ", which the model does not know (species " + Arrays.toString(species) + ")");
            }
            speciesIndex[i] = k;
        }
        return new BatchTensors(this, ops, dtype, speciesIndex);
    }

    private static int indexOf(int[] table, int z) {
        for (int k = 0; k < table.length; k++) {
            if (table[k] == z) {
                return k;
            }
        }
        return -1;
    }

    // package-private views without copies, for BatchTensors
    int[] atomStructureView() {
        return atomStructure;
    }

    int[] centresView() {
        return centres;
    }

    int[] neighborsView() {
        return neighbors;
    }

    int[] edgeStructureView() {
        return edgeStructure;
    }

    double[] edgeVectorsView() {
        return edgeVectors;
    }

    double[] volumesView() {
        return volumes;
    }

    double[] weightsView() {
        return weights;
    }

    double[] energiesView() {
        return energies;
    }

    boolean[] hasEnergyView() {
        return hasEnergy;
    }

    double[] forcesView() {
        return forces;
    }

    boolean[] hasForcesView() {
        return hasForces;
    }

    double[] stressesView() {
        return stresses;
    }

    boolean[] hasStressView() {
        return hasStress;
    }

    @Override
    public String toString() {
        return "AtomBatch[" + structures.size() + " structures, " + numbers.length + " atoms, " + centres.length + " edges]";
    }
}
