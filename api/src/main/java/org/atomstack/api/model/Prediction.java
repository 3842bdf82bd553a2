package org.atomstack.api.model;

import java.util.Optional;

/**
 * A model's prediction for one structure: total energy (eV), forces (eV/Å, 3 per atom) and
 * stress (eV/Å³, ASE convention, Voigt xx yy zz yz xz xy) when requested and defined
 * (stress needs a periodic cell). Immutable.
 */
public final class Prediction {
    private final double energy;
    private final double[] forces;
    private final double[] stress;

    /**
     * @param energy total energy, eV
     * @param forces forces, 3 per atom, or null
     * @param stress 6 Voigt components, or null
     */
    public Prediction(double energy, double[] forces, double[] stress) {
        this.energy = energy;
        this.forces = forces == null ? null : forces.clone();
        this.stress = stress == null ? null : stress.clone();
    }

    /** Total energy, eV. */
    public double energy() {
        return energy;
    }

    /** Forces (a copy), if computed. */
    public Optional<double[]> forces() {
        return forces == null ? Optional.empty() : Optional.of(forces.clone());
    }

    /** Stress (a copy), if computed. */
    public Optional<double[]> stress() {
        return stress == null ? Optional.empty() : Optional.of(stress.clone());
    }
}
