package org.atomstack.api.train;

import java.util.Arrays;
import java.util.Optional;

/**
 * Predictions for every structure of an {@link AtomBatch}: energies (eV), and when requested
 * forces (eV/Å, 3 per atom in global atom order) and stresses (eV/Å³, Voigt xx yy zz yz xz xy,
 * NaN for structures without a volume). Immutable; accessors return copies.
 */
public final class BatchPrediction {
    private final AtomBatch batch;
    private final double[] energies;
    private final double[] forces;
    private final double[] stresses;

    /**
     * Wraps prediction arrays (copied) after checking their lengths against the batch.
     *
     * @param batch    the batch predicted
     * @param energies [S] total energies
     * @param forces   [N·3] forces, or null
     * @param stresses [S·6] stresses, or null
     */
    public BatchPrediction(AtomBatch batch, double[] energies, double[] forces, double[] stresses) {
        if (energies.length != batch.structureCount() || (forces != null && forces.length != 3 * batch.atomCount())
            || (stresses != null && stresses.length != 6 * batch.structureCount())) {
            throw new IllegalArgumentException("prediction arrays do not match " + batch);
        }
        this.batch = batch;
        this.energies = energies.clone();
        this.forces = forces == null ? null : forces.clone();
        this.stresses = stresses == null ? null : stresses.clone();
    }

    /** Total energies [S], eV. */
    public double[] energies() {
        return energies.clone();
    }

    /** Total energy of structure {@code s}, eV. */
    public double energy(int s) {
        return energies[s];
    }

    /** All forces [N·3] in global atom order, if computed. */
    public Optional<double[]> forces() {
        return forces == null ? Optional.empty() : Optional.of(forces.clone());
    }

    /** Forces of structure {@code s} (3 per atom of it), if computed. */
    public Optional<double[]> forces(int s) {
        return forces == null ? Optional.empty()
            : Optional.of(Arrays.copyOfRange(forces, 3 * batch.atomOffset(s), 3 * batch.atomOffset(s + 1)));
    }

    /** All stresses [S·6], if computed. */
    public Optional<double[]> stresses() {
        return stresses == null ? Optional.empty() : Optional.of(stresses.clone());
    }

    /** Stress of structure {@code s} (6 Voigt components, NaN without a volume), if computed. */
    public Optional<double[]> stress(int s) {
        return stresses == null ? Optional.empty() : Optional.of(Arrays.copyOfRange(stresses, 6 * s, 6 * s + 6));
    }
}
