package org.atomstack.api.train;

import java.util.Objects;

/**
 * Weights of the terms of the training {@link Loss}, and how each term penalises an error.
 *
 * @param energy        w_E ≥ 0, weight of the energy term (eV² or (eV/atom)²)
 * @param forces        w_F ≥ 0, weight of the force term ((eV/Å)²)
 * @param stress        w_S ≥ 0, weight of the stress term ((eV/Å³)²)
 * @param energyPerAtom whether the energy error is taken per atom, (E − E_ref)/N, rather than
 *                      on the total energy
 * @param huber         the pseudo-Huber scales of the three terms ({@link Huber#NONE}: squared
 *                      errors throughout)
 */
public record LossWeights(double energy, double forces, double stress, boolean energyPerAtom, Huber huber) {
    /** Validates the weights, quoting bad values; at least one must be positive. */
    public LossWeights {
        check("energy", energy);
        check("force", forces);
        check("stress", stress);
        if (energy == 0 && forces == 0 && stress == 0) {
            throw new IllegalArgumentException("at least one loss weight must be positive");
        }
        Objects.requireNonNull(huber, "huber");
    }

    /** Weights of squared errors. */
    public LossWeights(double energy, double forces, double stress, boolean energyPerAtom) {
        this(energy, forces, stress, energyPerAtom, Huber.NONE);
    }

    /** Weights of squared errors with the energy error taken per atom. */
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

    /**
     * These weights with every term's weight multiplied by its own factor (a chunk's share of a
     * full-batch loss), penalties unchanged.
     */
    LossWeights scaled(double energyShare, double forceShare, double stressShare) {
        return new LossWeights(energy * energyShare, forces * forceShare, stress * stressShare, energyPerAtom, huber);
    }

    /** The record's text, without the penalties when they are plain squares (checkpoints compare this text). */
    @Override
    public String toString() {
        String s = "LossWeights[energy=" + energy + ", forces=" + forces + ", stress=" + stress + ", energyPerAtom=" + energyPerAtom;
        return (huber.equals(Huber.NONE) ? s : s + ", huber=" + huber) + "]";
    }

    /**
     * Pseudo-Huber scales δ > 0 of the energy, force and stress terms, in the units of their
     * errors (eV or eV/atom, eV/Å, eV/Å³); 0 keeps that term's squared error. With a scale, an
     * error x is penalised by
     *
     * <pre>
     * ρ_δ(x) = 2δ² (√(1 + (x/δ)²) − 1)
     * </pre>
     *
     * which is x² for |x| ≪ δ and 2δ|x| − 2δ² for |x| ≫ δ: smooth everywhere, like a squared error
     * for small errors and like an absolute error for large ones, so a term weighs its many small
     * errors more and its few large ones less than a mean squared error does (it moves the fit
     * toward a lower mean absolute error).
     *
     * @param energy δ_E ≥ 0
     * @param forces δ_F ≥ 0
     * @param stress δ_S ≥ 0
     */
    public record Huber(double energy, double forces, double stress) {
        /** Squared errors in every term. */
        public static final Huber NONE = new Huber(0, 0, 0);

        /** Validates the scales, quoting bad values. */
        public Huber {
            scale("energy", energy);
            scale("force", forces);
            scale("stress", stress);
        }

        private static void scale(String what, double d) {
            if (!(d >= 0) || !Double.isFinite(d)) {
                throw new IllegalArgumentException(what + " pseudo-Huber scale must be finite and >= 0, got " + d);
            }
        }

        /**
         * ρ_δ(x) of one error, or x² when δ = 0.
         *
         * @param delta the scale δ ≥ 0
         * @param x     the error
         * @return the penalty
         */
        public static double penalty(double delta, double x) {
            if (delta == 0) {
                return x * x;
            }
            double u = x / delta;
            // 2δ²(√(1+u²) − 1) written without cancellation for small u
            return 2 * delta * delta * (u * u / (Math.sqrt(1 + u * u) + 1));
        }
    }
}
