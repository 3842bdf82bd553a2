package org.atomstack.api.train;

import java.util.Objects;

/**
 * Host-side sums of the errors of the three loss terms over one or more batches, so the loss and
 * the error metrics of a whole dataset follow exactly from per-batch parts. An absent term (not
 * computed, or no labels) is {@link Term#NONE}.
 *
 * @param energy the energy term: errors ΔE_s per structure, per atom if the loss says so (eV or eV/atom)
 * @param forces the force term: errors ΔF per labelled force component (eV/Å)
 * @param stress the stress term: errors Δσ per labelled stress component (eV/Å³)
 */
public record LossTotals(Term energy, Term forces, Term stress) {
    /** Nothing summed yet. */
    public static final LossTotals ZERO = new LossTotals(Term.NONE, Term.NONE, Term.NONE);

    /** Checks that every term is given. */
    public LossTotals {
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(forces, "forces");
        Objects.requireNonNull(stress, "stress");
    }

    /**
     * Weighted sums of one term's errors x with label weights w.
     *
     * @param weight    Σ w over the labelled values
     * @param squares   Σ w x²
     * @param penalties Σ w ρ(x), the loss's penalties (the squares unless the loss has
     *                  {@linkplain LossWeights.Huber pseudo-Huber} scales)
     * @param absolutes Σ w |x|
     */
    public record Term(double weight, double squares, double penalties, double absolutes) {
        /** An absent term. */
        public static final Term NONE = new Term(0, 0, 0, 0);

        /** Element-wise sum with {@code o}. */
        public Term plus(Term o) {
            return new Term(weight + o.weight, squares + o.squares, penalties + o.penalties, absolutes + o.absolutes);
        }

        /** Weighted root-mean-square error, or NaN without labels. */
        public double rmse() {
            return weight > 0 ? Math.sqrt(squares / weight) : Double.NaN;
        }

        /** Weighted mean absolute error, or NaN without labels. */
        public double mae() {
            return weight > 0 ? absolutes / weight : Double.NaN;
        }
    }

    /** Term-wise sum with {@code o}. */
    public LossTotals plus(LossTotals o) {
        return new LossTotals(energy.plus(o.energy), forces.plus(o.forces), stress.plus(o.stress));
    }

    /**
     * The loss w_E·mean ρ_E + w_F·mean ρ_F + w_S·mean ρ_S (mean squared errors unless the weights
     * have pseudo-Huber scales), terms without labels left out (the same value
     * {@link Loss#evaluate} gives for one batch).
     */
    public double loss(LossWeights weights) {
        return part(weights.energy(), energy) + part(weights.forces(), forces) + part(weights.stress(), stress);
    }

    private static double part(double w, Term t) {
        return w > 0 && t.weight > 0 ? w * t.penalties / t.weight : 0;
    }

    /** Weighted RMS energy error (per atom if the loss is per atom), or NaN without labels. */
    public double energyRmse() {
        return energy.rmse();
    }

    /** Weighted RMS force-component error, eV/Å, or NaN without labels. */
    public double forceRmse() {
        return forces.rmse();
    }

    /** Weighted RMS stress-component error, eV/Å³, or NaN without labels. */
    public double stressRmse() {
        return stress.rmse();
    }
}
