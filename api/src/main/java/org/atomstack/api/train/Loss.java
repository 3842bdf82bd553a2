package org.atomstack.api.train;

import java.util.List;
import java.util.Objects;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.tensor.Shape;

/**
 * The training loss of an {@link EnergyModel} on a batch:
 *
 * <pre>
 * L = w_E · Σ_s w_s ρ_E((E_s − E_s,ref)/N_s) / Σ_s w_s            (or without /N_s)
 *   + w_F · Σ_{i,c} w_s(i) ρ_F(F_ic − F_ic,ref) / Σ_{i,c} w_s(i)
 *   + w_S · Σ_{s,v} w_s ρ_S(σ_sv − σ_sv,ref) / Σ_{s,v} w_s
 * </pre>
 *
 * each sum running over labelled structures, force components and stress components, with the
 * per-structure label weights w_s (1 unless a dataset says otherwise), so with unit weights every
 * term is a plain mean. The penalty ρ(x) is x², or the pseudo-Huber function of
 * {@link LossWeights.Huber} where the weights give that term a scale. Terms without labels in the
 * batch are left out. Forces and stresses come
 * from g = ∂E/∂r_e, obtained with {@link Graph#grad(Var, List, boolean) grad(ΣE, [r], createGraph
 * = true)} whenever the parameters require gradients, so ∂L/∂θ of the force and stress terms is
 * a gradient of a gradient ({@link Observables}). Immutable and thread-safe.
 */
public final class Loss {
    private final EnergyModel model;
    private final LossWeights weights;

    /**
     * A loss of {@code model} with the given term weights.
     *
     * @param model   the potential
     * @param weights the term weights
     */
    public Loss(EnergyModel model, LossWeights weights) {
        this.model = Objects.requireNonNull(model, "model");
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    /** The potential. */
    public EnergyModel model() {
        return model;
    }

    /** The term weights. */
    public LossWeights weights() {
        return weights;
    }

    /**
     * The recorded loss of one batch and its parts.
     *
     * @param loss           scalar L (a constant 0 when the batch has no usable labels)
     * @param energySse      Σ w (ΔE)² as a scalar var, or null when there are no energy labels
     * @param forceSse       Σ w (ΔF)², or null when forces were not computed or not labelled
     * @param stressSse      Σ w (Δσ)², or null when stresses were not computed or not labelled
     * @param energyWeight   denominator of the energy term
     * @param forceWeight    denominator of the force term
     * @param stressWeight   denominator of the stress term
     * @param energyPenalty  Σ w ρ_E(ΔE) (the same var as {@code energySse} for squared errors), or null
     * @param forcePenalty   Σ w ρ_F(ΔF), or null
     * @param stressPenalty  Σ w ρ_S(Δσ), or null
     */
    public record Terms(Var loss, Var energySse, Var forceSse, Var stressSse,
                        double energyWeight, double forceWeight, double stressWeight,
                        Var energyPenalty, Var forcePenalty, Var stressPenalty) {
        /** Host values of the parts (reads the device). */
        public LossTotals totals() {
            return new LossTotals(value(energySse), energySse == null ? 0 : energyWeight, value(forceSse),
                forceSse == null ? 0 : forceWeight, value(stressSse), stressSse == null ? 0 : stressWeight,
                value(energyPenalty), value(forcePenalty), value(stressPenalty));
        }

        private static double value(Var v) {
            return v == null ? 0 : v.item();
        }
    }

    /**
     * Records the loss of {@code batch}. Edge gradients are computed when force or stress
     * weights are positive, with {@code createGraph = true} if any parameter requires a
     * gradient (training) and false otherwise (evaluation).
     *
     * @param graph      the graph to record in
     * @param parameters one var per model parameter, in the batch's dtype
     * @param batch      the batch with labels
     */
    public Terms evaluate(Graph graph, List<Var> parameters, BatchTensors batch) {
        boolean train = false;
        for (Var p : parameters) {
            train |= p.requiresGrad();
        }
        boolean edgeGradients = weights.needsEdgeGradients()
            && (batch.forceWeightSum() > 0 || batch.stressWeightSum() > 0);
        Var ev = edgeGradients ? graph.variable(batch.edgeVectors()) : graph.constant(batch.edgeVectors());
        Var energies = model.energies(graph, parameters, batch, ev);
        int s = batch.structureCount();
        if (!energies.shape().equals(Shape.of(s))) {
            throw new IllegalStateException("model " + model.getClass().getName() + " returned energies of shape "
                + energies.shape() + " for " + s + " structures");
        }
        LossWeights.Huber huber = weights.huber();
        Var total = null;
        Var[] e = null;
        if (batch.energyWeightSum() > 0) {
            Var diff = graph.sub(energies, graph.constant(batch.energies()));
            if (weights.energyPerAtom()) {
                diff = graph.div(diff, graph.constant(batch.atomCounts()));
            }
            e = sums(graph, diff, graph.constant(batch.energyWeights()), huber.energy());
            if (weights.energy() > 0) {
                total = graph.mul(e[1], weights.energy() / batch.energyWeightSum());
            }
        }
        Var[] f = null;
        Var[] st = null;
        if (edgeGradients) {
            Var g = graph.grad(graph.sumAll(energies), List.of(ev), train).get(0);
            if (batch.forceWeightSum() > 0) {
                Var diff = graph.sub(Observables.forces(graph, batch, g), graph.constant(batch.forces()));
                f = sums(graph, diff, graph.constant(batch.forceWeights()), huber.forces());
                if (weights.forces() > 0) {
                    total = plus(graph, total, graph.mul(f[1], weights.forces() / batch.forceWeightSum()));
                }
            }
            if (batch.stressWeightSum() > 0) {
                Var diff = graph.sub(Observables.stresses(graph, batch, g), graph.constant(batch.stresses()));
                st = sums(graph, diff, graph.constant(batch.stressWeights()), huber.stress());
                if (weights.stress() > 0) {
                    total = plus(graph, total, graph.mul(st[1], weights.stress() / batch.stressWeightSum()));
                }
            }
        }
        if (total == null) {
            total = graph.full(Shape.scalar(), batch.dtype(), 0);
        }
        return new Terms(total, part(e, 0), part(f, 0), part(st, 0), batch.energyWeightSum(), batch.forceWeightSum(),
            batch.stressWeightSum(), part(e, 1), part(f, 1), part(st, 1));
    }

    /**
     * Σ w x² and Σ w ρ_δ(x) of the errors {@code diff} (one var twice when δ = 0), with
     * ρ_δ(x) = 2δ²(√(1 + x²/δ²) − 1) evaluated as 2x²/(√(1 + x²/δ²) + 1), free of cancellation.
     */
    private static Var[] sums(Graph graph, Var diff, Var w, double delta) {
        Var sq = graph.square(diff);
        Var sse = graph.sumAll(graph.mul(sq, w));
        if (delta == 0) {
            return new Var[] {sse, sse};
        }
        Var root = graph.sqrt(graph.add(graph.mul(sq, 1 / (delta * delta)), 1));
        Var rho = graph.mul(graph.div(sq, graph.add(root, 1)), 2);
        return new Var[] {sse, graph.sumAll(graph.mul(rho, w))};
    }

    private static Var part(Var[] sums, int k) {
        return sums == null ? null : sums[k];
    }

    private static Var plus(Graph graph, Var a, Var b) {
        return a == null ? b : graph.add(a, b);
    }
}
