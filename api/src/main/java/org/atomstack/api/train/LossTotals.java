package org.atomstack.api.train;

/**
 * Host-side sums of weighted squared errors, weighted penalties and their weights over one or
 * more batches, so the loss and error metrics of a whole dataset follow exactly from per-batch
 * parts. An absent term (not computed, or no labels) has sums and weight 0. The penalties are the
 * squared errors unless the loss has {@linkplain LossWeights.Huber pseudo-Huber} scales.
 *
 * @param energySse    Σ_s w_s (ΔE_s)², with ΔE per atom if the loss says so (eV² or (eV/atom)²)
 * @param energyWeight Σ_s w_s over structures with an energy label
 * @param forceSse     Σ w (ΔF)² over labelled force components ((eV/Å)²)
 * @param forceWeight  Σ w over labelled force components
 * @param stressSse    Σ w (Δσ)² over labelled stress components ((eV/Å³)²)
 * @param stressWeight Σ w over labelled stress components
 * @param energyPenalty Σ_s w_s ρ(ΔE_s), the energy term's penalties
 * @param forcePenalty  Σ w ρ(ΔF) over labelled force components
 * @param stressPenalty Σ w ρ(Δσ) over labelled stress components
 */
public record LossTotals(double energySse, double energyWeight, double forceSse, double forceWeight,
                         double stressSse, double stressWeight, double energyPenalty, double forcePenalty,
                         double stressPenalty) {
    /** Nothing summed yet. */
    public static final LossTotals ZERO = new LossTotals(0, 0, 0, 0, 0, 0);

    /** Totals of a loss of squared errors, whose penalties are the squared errors. */
    public LossTotals(double energySse, double energyWeight, double forceSse, double forceWeight, double stressSse,
                      double stressWeight) {
        this(energySse, energyWeight, forceSse, forceWeight, stressSse, stressWeight, energySse, forceSse, stressSse);
    }

    /** Element-wise sum with {@code o}. */
    public LossTotals plus(LossTotals o) {
        return new LossTotals(energySse + o.energySse, energyWeight + o.energyWeight, forceSse + o.forceSse,
            forceWeight + o.forceWeight, stressSse + o.stressSse, stressWeight + o.stressWeight,
            energyPenalty + o.energyPenalty, forcePenalty + o.forcePenalty, stressPenalty + o.stressPenalty);
    }

    /**
     * The loss w_E·mean ρ_E + w_F·mean ρ_F + w_S·mean ρ_S (mean squared errors unless the weights
     * have pseudo-Huber scales), terms without labels left out (the same value
     * {@link Loss#evaluate} gives for one batch).
     */
    public double loss(LossWeights weights) {
        double l = 0;
        if (weights.energy() > 0 && energyWeight > 0) {
            l += weights.energy() * energyPenalty / energyWeight;
        }
        if (weights.forces() > 0 && forceWeight > 0) {
            l += weights.forces() * forcePenalty / forceWeight;
        }
        if (weights.stress() > 0 && stressWeight > 0) {
            l += weights.stress() * stressPenalty / stressWeight;
        }
        return l;
    }

    /** Weighted RMS energy error (per atom if the loss is per atom), or NaN without labels. */
    public double energyRmse() {
        return energyWeight > 0 ? Math.sqrt(energySse / energyWeight) : Double.NaN;
    }

    /** Weighted RMS force-component error, eV/Å, or NaN without labels. */
    public double forceRmse() {
        return forceWeight > 0 ? Math.sqrt(forceSse / forceWeight) : Double.NaN;
    }

    /** Weighted RMS stress-component error, eV/Å³, or NaN without labels. */
    public double stressRmse() {
        return stressWeight > 0 ? Math.sqrt(stressSse / stressWeight) : Double.NaN;
    }
}
