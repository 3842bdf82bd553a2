package org.atomstack.api.model;

import java.io.IOException;
import java.nio.file.Path;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * A trained interatomic potential E = Σ_i E_i. Immutable and thread-safe: {@link #predict}
 * may run concurrently.
 */
public interface Model {
    /** Id of the provider that made this model (used to load it again). */
    String providerId();

    /** Cutoff radius in Å of the neighbour list the model needs. */
    double cutoff();

    /** Number of trainable parameters. */
    long parameterCount();

    /**
     * Predicts one structure.
     *
     * @param neighbors neighbour list with cutoff ≥ {@link #cutoff()}
     * @param forces    whether to compute forces
     * @param stress    whether to compute the stress (ignored without a periodic cell)
     */
    Prediction predict(Structure structure, NeighborList neighbors, boolean forces, boolean stress);

    /** The parameters that configure this model (written into saved models). */
    Parameters parameters();

    /**
     * Writes the model's own files (weights, coefficients) into an existing, empty directory.
     * The caller makes the save atomic and records provider id, version and parameters.
     */
    void save(Path directory) throws IOException;
}
