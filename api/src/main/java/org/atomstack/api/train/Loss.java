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
 * L = w_E · Σ_s w_s ((E_s − E_s,ref)/N_s)² / Σ_s w_s            (or without /N_s)
 *   + w_F · Σ_{i,c} w_s(i) (F_ic − F_ic,ref)² / Σ_{i,c} w_s(i)
 *   + w_S · Σ_{s,v} w_s (σ_sv − σ_sv,ref)² / Σ_{s,v} w_s
 * </pre>
 *
 * each sum running over labelled structures, force components and stress components, with the
 * per-structure label weights w_s (1 unless a dataset says otherwise), so with unit weights every
 * term is a plain mean. Terms without labels in the batch are left out. Forces and stresses come
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
     * @param loss         scalar L (a constant 0 when the batch has no usable labels)
     * @param energySse    Σ w (ΔE)² as a scalar var, or null when there are no energy labels
     * @param forceSse     Σ w (ΔF)², or null when forces were not computed or not labelled
     * @param stressSse    Σ w (Δσ)², or null when stresses were not computed or not labelled
     * @param energyWeight denominator of the energy term
     * @param forceWeight  denominator of the force term
     * @param stressWeight denominator of the stress term
     */
    public record Terms(Var loss, Var energySse, Var forceSse, Var stressSse,
                        double energyWeight, double forceWeight, double stressWeight) {
        /** Host values of the parts (reads the device). */
        public LossTotals totals() {
            return new LossTotals(value(energySse), energySse == null ? 0 : energyWeight, value(forceSse),
                forceSse == null ? 0 : forceWeight, value(stressSse), stressSse == null ? 0 : stressWeight);
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
        Var total = null;
        Var eSse = null;
        if (batch.energyWeightSum() > 0) {
            Var diff = graph.sub(energies, graph.constant(batch.energies()));
            if (weights.energyPerAtom()) {
                diff = graph.div(diff, graph.constant(batch.atomCounts()));
            }
            eSse = graph.sumAll(graph.mul(graph.square(diff), graph.constant(batch.energyWeights())));
            if (weights.energy() > 0) {
                total = graph.mul(eSse, weights.energy() / batch.energyWeightSum());
            }
        }
        Var fSse = null;
        Var sSse = null;
        if (edgeGradients) {
            Var g = graph.grad(graph.sumAll(energies), List.of(ev), train).get(0);
            if (batch.forceWeightSum() > 0) {
                Var diff = graph.sub(Observables.forces(graph, batch, g), graph.constant(batch.forces()));
                fSse = graph.sumAll(graph.mul(graph.square(diff), graph.constant(batch.forceWeights())));
                if (weights.forces() > 0) {
                    total = plus(graph, total, graph.mul(fSse, weights.forces() / batch.forceWeightSum()));
                }
            }
            if (batch.stressWeightSum() > 0) {
                Var diff = graph.sub(Observables.stresses(graph, batch, g), graph.constant(batch.stresses()));
                sSse = graph.sumAll(graph.mul(graph.square(diff), graph.constant(batch.stressWeights())));
                if (weights.stress() > 0) {
                    total = plus(graph, total, graph.mul(sSse, weights.stress() / batch.stressWeightSum()));
                }
            }
        }
        if (total == null) {
            total = graph.full(Shape.scalar(), batch.dtype(), 0);
        }
        return new Terms(total, eSse, fSse, sSse, batch.energyWeightSum(), batch.forceWeightSum(), batch.stressWeightSum());
    }

    private static Var plus(Graph graph, Var a, Var b) {
        return a == null ? b : graph.add(a, b);
    }
}
