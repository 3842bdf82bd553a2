package org.atomstack.model.hipnn.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.api.tensor.TensorOps;
import org.atomstack.api.train.AtomBatch;
import org.atomstack.api.train.BatchPrediction;
import org.atomstack.api.train.Observables;
import org.atomstack.api.train.ParameterSet;

/**
 * A trained HIP-NN / HIP-NN-TS / HIP-HOP-NN potential: the network, its parameters and the
 * backend it computes on. Energies come from {@link HipnnNetwork#energies}; forces
 * F = −∂E/∂x and stresses σ = (1/V) Σ_e r_e ⊗ ∂E/∂r_e from the edge-vector gradient
 * ({@link Observables}). Immutable and thread-safe (the backend is).
 */
final class HipnnModel implements Model {
    /** The provider id. */
    static final String PROVIDER_ID = "hipnn";

    private final HipnnNetwork network;
    private final ParameterSet parameters;
    private final TensorOps ops;

    /**
     * A model.
     *
     * @param network    the architecture with its species and offsets
     * @param parameters trained parameters, named and shaped as the network's
     * @param ops        the backend to predict on
     * @throws IllegalArgumentException when the parameters do not fit the network
     */
    HipnnModel(HipnnNetwork network, ParameterSet parameters, TensorOps ops) {
        checkFits(network, parameters);
        this.network = network;
        this.parameters = parameters;
        this.ops = ops;
    }

    /**
     * Checks that {@code parameters} are named and shaped as the network's.
     *
     * @throws IllegalArgumentException listing both when they are not
     */
    static void checkFits(HipnnNetwork network, ParameterSet parameters) {
        if (!parameters.names().equals(network.parameterNames()) || !parameters.shapes().equals(network.parameterShapes())) {
            throw new IllegalArgumentException("parameters " + parameters + " do not fit the network, which expects "
                + ParameterSet.of(network.parameterNames(), network.parameterShapes(), zeros(network)));
        }
    }

    private static List<double[]> zeros(HipnnNetwork network) {
        return network.parameterShapes().stream().map(s -> new double[Math.toIntExact(s.size())]).toList();
    }

    /**
     * The network.
     *
     * @return the architecture with species and offsets
     */
    HipnnNetwork network() {
        return network;
    }

    /**
     * The trained parameters.
     *
     * @return the parameters, host copies
     */
    ParameterSet trainedParameters() {
        return parameters;
    }

    @Override
    public String providerId() {
        return PROVIDER_ID;
    }

    @Override
    public double cutoff() {
        return network.cutoff();
    }

    @Override
    public long parameterCount() {
        return parameters.count();
    }

    /**
     * Predicts one structure in the settings' dtype. The stress is computed only for cells
     * periodic in all three directions (it needs a volume) and is null otherwise.
     */
    @Override
    public Prediction predict(Structure structure, NeighborList neighbors, boolean forces, boolean stress) {
        boolean withStress = stress && structure.periodic(0) && structure.periodic(1) && structure.periodic(2);
        AtomBatch batch = AtomBatch.of(List.of(structure), List.of(neighbors));
        BatchPrediction p = Observables.predict(network, ops, parameters, network.settings().dtype(), batch, forces, withStress);
        return new Prediction(p.energy(0), p.forces(0).orElse(null), p.stress(0).orElse(null));
    }

    /**
     * Predicts a batch of structures at once (the unit the trainer uses; faster than one by one).
     *
     * @param batch  the structures and their neighbour lists
     * @param forces whether to compute forces
     * @param stress whether to compute stresses (NaN for structures without a volume)
     * @return the predictions
     */
    BatchPrediction predict(AtomBatch batch, boolean forces, boolean stress) {
        return Observables.predict(network, ops, parameters, network.settings().dtype(), batch, forces, stress);
    }

    @Override
    public Parameters parameters() {
        return network.settings().toParameters();
    }

    /** Writes {@value WeightsFile#NAME}: species, offsets and every parameter, exactly. */
    @Override
    public void save(Path directory) throws IOException {
        WeightsFile.write(directory.resolve(WeightsFile.NAME),
            new WeightsFile.Contents(network.species(), network.offsets(), network.neighbours(), parameters));
    }
}
