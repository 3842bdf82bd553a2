package org.atomstack.api.train;

/**
 * Weights of the terms of the training {@link Loss}.
 *
 * @param energy        w_E ≥ 0, weight of the energy term (eV² or (eV/atom)²)
 * @param forces        w_F ≥ 0, weight of the force term ((eV/Å)²)
 * @param stress        w_S ≥ 0, weight of the stress term ((eV/Å³)²)
 * @param energyPerAtom whether the energy error is taken per atom, (E − E_ref)/N, rather than
 *                      on the total energy
 */
public record LossWeights(double energy, double forces, double stress, boolean energyPerAtom) {
    /** Validates the weights, quoting bad values; at least one must be positive. */
    public LossWeights {
        check("energy", energy);
        check("force", forces);
        check("stress", stress);
        if (energy == 0 && forces == 0 && stress == 0) {
            throw new IllegalArgumentException("at least one loss weight must be positive");
        }
    }

    /** Weights with the energy error taken per atom. */
    public LossWeights(double energy, double forces, double stress) {
        this(energy, forces, stress, true);
    }

    private static void check(String what, double w) {
        if (!(w >= 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException(what + " loss weight must be finite and >= 0, got " + w);
        }
    }

    /** Whether forces or stresses enter, so the energy must be differentiated by the edge vectors. */
    public boolean needsEdgeGradients() {
        return forces > 0 || stress > 0;
    }
}
