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
 * a gradient of a gradient ({@link Observables}). When the model's
 * {@link EnergyModel#forward forward pass} returns a regularisation penalty R, the objective
 * {@link Terms#loss()} is L + R; the parts of {@link Terms#totals()}, from which validation
 * losses are computed, never include R. Immutable and thread-safe.
 */
public final class Loss {
    private final EnergyModel model;
    private final LossWeights weights;
    private final double penaltyShare;

    /**
     * A loss of {@code model} with the given term weights.
     *
     * @param model   the potential
     * @param weights the term weights
     */
    public Loss(EnergyModel model, LossWeights weights) {
        this(model, weights, 1);
    }

    /** A loss whose penalty is multiplied by {@code penaltyShare} (a chunk's share of a full-batch loss). */
    Loss(EnergyModel model, LossWeights weights, double penaltyShare) {
        this.model = Objects.requireNonNull(model, "model");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.penaltyShare = penaltyShare;
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
     * @param loss    scalar objective: L plus the model's penalty (a constant 0 when the batch has
     *                no usable labels and the model no penalty)
     * @param energy  the energy errors' sums, or null when there are no energy labels
     * @param forces  the force errors' sums, or null when forces were not computed or not labelled
     * @param stress  the stress errors' sums, or null when stresses were not computed or not labelled
     * @param penalty the model's regularisation penalty as added to the loss, or null for none
     */
    public record Terms(Var loss, Sums energy, Sums forces, Sums stress, Var penalty) {
        /** Host values of the parts (reads the device). */
        public LossTotals totals() {
            return new LossTotals(host(energy), host(forces), host(stress));
        }

        private static LossTotals.Term host(Sums s) {
            return s == null ? LossTotals.Term.NONE
                : new LossTotals.Term(s.weight(), s.squares().item(), s.penalties().item(), s.absolutes().item());
        }
    }

    /**
     * One term's weighted sums as scalar vars (see {@link LossTotals.Term}).
     *
     * @param weight    Σ w, the denominator of the term
     * @param squares   Σ w x²
     * @param penalties Σ w ρ(x), the same var as {@code squares} for squared errors
     * @param absolutes Σ w |x|
     */
    public record Sums(double weight, Var squares, Var penalties, Var absolutes) {
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
        EnergyModel.Forward forward = model.forward(graph, parameters, batch, ev);
        Var energies = forward.energies();
        int s = batch.structureCount();
        if (!energies.shape().equals(Shape.of(s))) {
            throw new IllegalStateException("model " + model.getClass().getName() + " returned energies of shape "
                + energies.shape() + " for " + s + " structures");
        }
        LossWeights.Huber huber = weights.huber();
        Var total = null;
        Sums e = null;
        if (batch.energyWeightSum() > 0) {
            Var diff = graph.sub(energies, graph.constant(batch.energies()));
            if (weights.energyPerAtom()) {
                diff = graph.div(diff, graph.constant(batch.atomCounts()));
            }
            e = sums(graph, diff, graph.constant(batch.energyWeights()), batch.energyWeightSum(), huber.energy());
            if (weights.energy() > 0) {
                total = graph.mul(e.penalties(), weights.energy() / batch.energyWeightSum());
            }
        }
        Sums f = null;
        Sums st = null;
        if (edgeGradients) {
            Var g = graph.grad(graph.sumAll(energies), List.of(ev), train).get(0);
            if (batch.forceWeightSum() > 0) {
                Var diff = graph.sub(Observables.forces(graph, batch, g), graph.constant(batch.forces()));
                f = sums(graph, diff, graph.constant(batch.forceWeights()), batch.forceWeightSum(), huber.forces());
                if (weights.forces() > 0) {
                    total = plus(graph, total, graph.mul(f.penalties(), weights.forces() / batch.forceWeightSum()));
                }
            }
            if (batch.stressWeightSum() > 0) {
                Var diff = graph.sub(Observables.stresses(graph, batch, g), graph.constant(batch.stresses()));
                st = sums(graph, diff, graph.constant(batch.stressWeights()), batch.stressWeightSum(), huber.stress());
                if (weights.stress() > 0) {
                    total = plus(graph, total, graph.mul(st.penalties(), weights.stress() / batch.stressWeightSum()));
                }
            }
        }
        Var penalty = null;
        if (forward.penalty() != null) {
            if (!forward.penalty().shape().equals(Shape.scalar())) {
                throw new IllegalStateException("model " + model.getClass().getName() + " returned a penalty of shape "
                    + forward.penalty().shape() + ", not a scalar");
            }
            penalty = penaltyShare == 1 ? forward.penalty() : graph.mul(forward.penalty(), penaltyShare);
            total = plus(graph, total, penalty);
        }
        if (total == null) {
            total = graph.full(Shape.scalar(), batch.dtype(), 0);
        }
        return new Terms(total, e, f, st, penalty);
    }

    /**
     * The weighted sums of the errors {@code diff}; with δ > 0 the penalty is
     * ρ_δ(x) = 2δ²(√(1 + x²/δ²) − 1), evaluated as 2x²/(√(1 + x²/δ²) + 1), free of cancellation.
     */
    private static Sums sums(Graph graph, Var diff, Var w, double weightSum, double delta) {
        Var sq = graph.square(diff);
        Var sse = graph.sumAll(graph.mul(sq, w));
        Var abs = graph.sumAll(graph.mul(graph.abs(graph.detach(diff)), w));
        if (delta == 0) {
            return new Sums(weightSum, sse, sse, abs);
        }
        Var root = graph.sqrt(graph.add(graph.mul(sq, 1 / (delta * delta)), 1));
        Var rho = graph.mul(graph.div(sq, graph.add(root, 1)), 2);
        return new Sums(weightSum, sse, graph.sumAll(graph.mul(rho, w)), abs);
    }

    private static Var plus(Graph graph, Var a, Var b) {
        return a == null ? b : graph.add(a, b);
    }
}
