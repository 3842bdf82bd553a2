package org.atomstack.api.train;

import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;
import org.atomstack.api.tensor.TensorScope;

/**
 * An {@link AtomBatch} uploaded to a backend: index tensors (INT32) for gathers and scatters,
 * the edge vectors and the labels in the floating dtype of the model. S structures, N atoms,
 * E edges. Label weights combine presence and the per-structure label weight: a structure's
 * weight where the label is present, 0 where absent. The tensors are owned by this bundle and
 * released together by {@link #close()}. Not thread-safe.
 */
public final class BatchTensors implements AutoCloseable {
    private final AtomBatch batch;
    private final TensorOps ops;
    private final DType dtype;
    private final TensorScope scope = new TensorScope();
    private final Tensor species;
    private final Tensor atomStructure;
    private final Tensor centres;
    private final Tensor neighbors;
    private final Tensor edgeStructure;
    private final Tensor edgeVectors;
    private final Tensor atomCounts;
    private final Tensor inverseVolumes;
    private final Tensor energies;
    private final Tensor energyWeights;
    private final Tensor forces;
    private final Tensor forceWeights;
    private final Tensor stresses;
    private final Tensor stressWeights;
    private final double energyWeightSum;
    private final double forceWeightSum;
    private final double stressWeightSum;

    BatchTensors(AtomBatch batch, TensorOps ops, DType dtype, int[] speciesIndex) {
        this.batch = batch;
        this.ops = ops;
        this.dtype = dtype;
        int s = batch.structureCount();
        int n = batch.atomCount();
        int e = batch.edgeCount();
        double[] w = batch.weightsView();
        double[] counts = new double[s];
        double[] invVolume = new double[s];
        double[] eWeight = new double[s];
        double[] fWeight = new double[n];
        double[] sWeight = new double[s];
        double eSum = 0;
        double fSum = 0;
        double sSum = 0;
        for (int k = 0; k < s; k++) {
            int atoms = batch.atomOffset(k + 1) - batch.atomOffset(k);
            counts[k] = atoms;
            double v = batch.volumesView()[k];
            invVolume[k] = Double.isNaN(v) ? 0 : 1 / v;
            if (batch.hasEnergyView()[k]) {
                eWeight[k] = w[k];
                eSum += w[k];
            }
            if (batch.hasForcesView()[k]) {
                for (int i = batch.atomOffset(k); i < batch.atomOffset(k + 1); i++) {
                    fWeight[i] = w[k];
                }
                fSum += 3.0 * atoms * w[k];
            }
            if (batch.hasStressView()[k]) {
                sWeight[k] = w[k];
                sSum += 6.0 * w[k];
            }
        }
        this.energyWeightSum = eSum;
        this.forceWeightSum = fSum;
        this.stressWeightSum = sSum;
        try {
            species = scope.track(ops.fromInts(speciesIndex, Shape.of(n)));
            atomStructure = scope.track(ops.fromInts(batch.atomStructureView(), Shape.of(n)));
            centres = scope.track(ops.fromInts(batch.centresView(), Shape.of(e)));
            neighbors = scope.track(ops.fromInts(batch.neighborsView(), Shape.of(e)));
            edgeStructure = scope.track(ops.fromInts(batch.edgeStructureView(), Shape.of(e)));
            edgeVectors = scope.track(ops.fromDoubles(batch.edgeVectorsView(), dtype, Shape.of(e, 3)));
            atomCounts = scope.track(ops.fromDoubles(counts, dtype, Shape.of(s)));
            inverseVolumes = scope.track(ops.fromDoubles(invVolume, dtype, Shape.of(s)));
            energies = scope.track(ops.fromDoubles(batch.energiesView(), dtype, Shape.of(s)));
            energyWeights = scope.track(ops.fromDoubles(eWeight, dtype, Shape.of(s)));
            forces = scope.track(ops.fromDoubles(batch.forcesView(), dtype, Shape.of(n, 3)));
            forceWeights = scope.track(ops.fromDoubles(fWeight, dtype, Shape.of(n, 1)));
            stresses = scope.track(ops.fromDoubles(batch.stressesView(), dtype, Shape.of(s, 6)));
            stressWeights = scope.track(ops.fromDoubles(sWeight, dtype, Shape.of(s, 1)));
        } catch (RuntimeException ex) {
            scope.close();
            throw ex;
        }
    }

    /** The host batch these tensors came from. */
    public AtomBatch batch() {
        return batch;
    }

    /** The backend that holds the tensors. */
    public TensorOps ops() {
        return ops;
    }

    /** Floating dtype of edge vectors and labels. */
    public DType dtype() {
        return dtype;
    }

    /** Number of structures S. */
    public int structureCount() {
        return batch.structureCount();
    }

    /** Number of atoms N. */
    public int atomCount() {
        return batch.atomCount();
    }

    /** Number of edges E. */
    public int edgeCount() {
        return batch.edgeCount();
    }

    /** Species index per atom [N] (INT32): position of the atomic number in the model's species table. */
    public Tensor species() {
        return species;
    }

    /** Structure of each atom [N] (INT32), for scattering per-atom values to structures. */
    public Tensor atomStructure() {
        return atomStructure;
    }

    /** Global centre atom of each edge [E] (INT32). */
    public Tensor centres() {
        return centres;
    }

    /** Global neighbour atom of each edge [E] (INT32). */
    public Tensor neighbors() {
        return neighbors;
    }

    /** Structure of each edge [E] (INT32). */
    public Tensor edgeStructure() {
        return edgeStructure;
    }

    /** Edge vectors r_e [E, 3], Å. */
    public Tensor edgeVectors() {
        return edgeVectors;
    }

    /** Atom count per structure [S], as floating values. */
    public Tensor atomCounts() {
        return atomCounts;
    }

    /** 1/V per structure [S], Å⁻³; 0 for structures without a volume. */
    public Tensor inverseVolumes() {
        return inverseVolumes;
    }

    /** Reference energies [S], eV (0 where absent). */
    public Tensor energies() {
        return energies;
    }

    /** Energy label weights [S]: the structure's weight where an energy is present, else 0. */
    public Tensor energyWeights() {
        return energyWeights;
    }

    /** Reference forces [N, 3], eV/Å (0 where absent). */
    public Tensor forces() {
        return forces;
    }

    /** Force label weights [N, 1]: the structure's weight for atoms with reference forces, else 0. */
    public Tensor forceWeights() {
        return forceWeights;
    }

    /** Reference stresses [S, 6], eV/Å³, Voigt xx yy zz yz xz xy (0 where absent). */
    public Tensor stresses() {
        return stresses;
    }

    /** Stress label weights [S, 1]: the structure's weight where a stress and a volume are present, else 0. */
    public Tensor stressWeights() {
        return stressWeights;
    }

    /** Σ of {@link #energyWeights()}: the denominator of the weighted mean energy error. */
    public double energyWeightSum() {
        return energyWeightSum;
    }

    /** Σ over labelled force components of their weight (3 per atom). */
    public double forceWeightSum() {
        return forceWeightSum;
    }

    /** Σ over labelled stress components of their weight (6 per structure). */
    public double stressWeightSum() {
        return stressWeightSum;
    }

    /** Releases every tensor of the bundle; idempotent. */
    @Override
    public void close() {
        scope.close();
    }
}
