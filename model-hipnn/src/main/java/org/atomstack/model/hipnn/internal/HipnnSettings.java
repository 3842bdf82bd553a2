package org.atomstack.model.hipnn.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.train.LossWeights;
import org.atomstack.basis.cartesian.toolkit.InvariantSet;
import org.atomstack.basis.cartesian.toolkit.TensorDiagram;

/**
 * The parsed parameters of the {@code hipnn} model stage: architecture and training. Every
 * value is checked here, and errors name the parameter path and quote the value.
 * {@link #toParameters()} records every value, so {@code parse(toParameters())} gives the same
 * values (the saved model recreates its architecture from it).
 *
 * @param variant            which interaction: HIP-NN, HIP-NN-TS or HIP-HOP-NN
 * @param width              features per atom F (also the channels of the interaction), ≥ 1
 * @param interactions       number of interaction layers, ≥ 1
 * @param onsite             on-site layers after each interaction layer, ≥ 0
 * @param resnet             whether every layer is residual, as in hippynn: z' = R f(·) + b + A z
 * @param sensitivities      number ν of sensitivity functions per interaction layer, ≥ 1
 * @param cutoff             upper (hard) cutoff r_c in Å, where the sensitivities vanish
 * @param lowerCutoff        lower cutoff in Å: the innermost sensitivity centre, 0 &lt; r_lo &lt; r_c
 * @param envelope           power p of the polynomial envelope u(r) (≥ 2)
 * @param activation         the point-wise non-linearity f
 * @param tensorOrder        HIP-NN-TS: largest tensor order L of the norm terms, ≥ 1
 * @param normEpsilon        HIP-NN-TS: ε in |E^l| = √(|E^l|² + ε), &gt; 0
 * @param invariants         HIP-HOP-NN: the invariant set (built-in name or index strings)
 * @param invariantSpec      HIP-HOP-NN: the set as recorded (name or list of canonical strings)
 * @param invariantLayer     HIP-NN-TS and HIP-HOP-NN: how the invariants are evaluated
 * @param groupNormEpsilon   HIP-HOP-NN: ε of the group normalisation, &gt; 0
 * @param dtype              FLOAT64 or FLOAT32 for training and inference
 * @param epochs             training epochs, ≥ 1
 * @param batchSize          structures per mini-batch, ≥ 1
 * @param learningRate       initial Adam learning rate, &gt; 0
 * @param plateauFactor      plateau schedule: factor in (0, 1)
 * @param plateauPatience    plateau schedule: bad epochs before a reduction, ≥ 0
 * @param plateauThreshold   plateau schedule: relative improvement needed, ≥ 0
 * @param minimumRate        plateau schedule: lower bound of the learning rate, ≥ 0
 * @param patience           early stopping after this many epochs without improvement (0: off)
 * @param validationFraction fraction of the training set held out for validation when no
 *                           validation set is passed in, in [0, 1)
 * @param loss               the loss: weights of the per-atom energy, force and stress terms
 *                           ((eV/atom)⁻², (eV/Å)⁻², (eV/Å³)⁻²) and their pseudo-Huber scales
 * @param checkpoint         checkpoint file, or null for none
 * @param checkpointEvery    checkpoint interval in epochs (0: only at the end)
 * @param optimizer          Adam in mini-batches, or full-batch L-BFGS
 * @param lbfgsHistory       L-BFGS: (s, y) pairs kept, ≥ 1
 * @param lbfgsIterations    L-BFGS: iterations per epoch, ≥ 1
 * @param initFrom           model directory whose parameters (and offsets) training starts from,
 *                           or null to start from the seeded initialisation
 * @param regularization     hippynn's training penalties: hierarchicality and L2
 */
public record HipnnSettings(Variant variant, int width, int interactions, int onsite, boolean resnet, int sensitivities, double cutoff,
                            double lowerCutoff, int envelope, Activation activation, int tensorOrder, double normEpsilon,
                            InvariantSet invariants, Object invariantSpec, InvariantLayer invariantLayer, double groupNormEpsilon,
                            DType dtype, int epochs,
                            int batchSize, double learningRate, double plateauFactor, int plateauPatience,
                            double plateauThreshold, double minimumRate, int patience, double validationFraction,
                            LossWeights loss, Path checkpoint,
                            int checkpointEvery, Optimizer optimizer, int lbfgsHistory, int lbfgsIterations, Path initFrom,
                            Regularization regularization) {

    /**
     * The weights of hippynn's two training penalties, added to the loss of every mini-batch
     * (validation losses leave them out):
     *
     * <pre>
     * R = λ_H · Σ_{n=1..B} Σ_i (e^n_i)² / (Σ_i (e^n_i)² + Σ_i (e^{n−1}_i)²)  +  λ_2 · Σ_W ‖W‖²
     * </pre>
     *
     * with e^n_i atom i's energy term from block n (e⁰_i the per-species term, offsets included)
     * and sums over the batch's atoms — hippynn's batch hierarchicality, which favours energies
     * carried by the lower blocks — and the L2 sum over the weight matrices of the interaction
     * (V, W, the HIP-HOP mixing, the residual R and A) and on-site layers, not biases, readouts,
     * tensor scales, sensitivities or group-norm affines.
     *
     * @param hierarchicality λ_H ≥ 0, dimensionless
     * @param l2              λ_2 ≥ 0, per squared weight
     */
    public record Regularization(double hierarchicality, double l2) {
        /** No penalty. */
        public static final Regularization NONE = new Regularization(0, 0);

        /** Whether either weight is positive. */
        public boolean any() {
            return hierarchicality > 0 || l2 > 0;
        }
    }

    /** The training optimisers. */
    public enum Optimizer {
        /** Adam in mini-batches of {@code batch_size} under the plateau schedule. */
        ADAM,
        /** Full-batch L-BFGS with a strong-Wolfe line search, {@code lbfgs.iterations} per epoch. */
        LBFGS
    }

    /** The three members of the family. */
    public enum Variant {
        /** HIP-NN: I_{i,a} = Σ_j Σ_{b,ν} V^ν_ab s^ν(r_ij) z_{j,b} (Eq. 20). */
        HIPNN("hipnn"),
        /** HIP-NN-TS: the HIP-NN term plus t^l_a |E^l_{i,a}| for l = 1..L (Eq. 24). */
        HIPNN_TS("hipnn-ts"),
        /** HIP-HOP-NN: mixed, group-normalised channel-wise invariants of E^l_{i,a} (Eqs. 25–28). */
        HIP_HOP("hip-hop");

        private final String id;

        Variant(String id) {
            this.id = id;
        }

        /**
         * The name used in stack files.
         *
         * @return e.g. "hip-hop"
         */
        public String id() {
            return id;
        }
    }

    /** Point-wise non-linearities, all smooth (the force loss needs second derivatives). */
    public enum Activation {
        /** ln(1 + e^x), the hippynn default. */
        SOFTPLUS,
        /** x·σ(x). */
        SILU,
        /** tanh x. */
        TANH
    }

    /** Evaluations of the channel-wise invariants (both give the same values). */
    public enum InvariantLayer {
        /** Contraction of full Cartesian arrays by batched matrix products (cheap second derivatives). */
        CONTRACTION,
        /** The toolkit's compiled polynomial of the orthonormal coefficients (CartesianChannelInvariants). */
        POLYNOMIAL
    }

    /** Keys accepted in the model stage. */
    static final List<String> KEYS = List.of("variant", "width", "interactions", "onsite", "resnet", "sensitivities", "cutoff", "lower_cutoff",
        "envelope", "activation", "tensor_order", "norm_epsilon", "invariants", "invariant_layer", "group_norm_epsilon", "dtype", "epochs",
        "batch_size", "learning_rate", "plateau", "patience", "validation_fraction", "weights", "huber", "checkpoint", "checkpoint_every",
        "optimizer", "lbfgs", "init_from", "regularization");

    /**
     * Reads and checks the model stage's parameters.
     *
     * @param p the parameters
     * @return the settings
     * @throws PluginException naming the parameter path and quoting the value when one is bad
     */
    public static HipnnSettings parse(Parameters p) {
        p.checkKnown(KEYS.toArray(new String[0]));
        Variant variant = variant(p);
        int width = atLeast(p, "width", 32, 1);
        int interactions = atLeast(p, "interactions", 2, 1);
        int onsite = atLeast(p, "onsite", 1, 0);
        boolean resnet = p.bool("resnet", true);
        int sensitivities = atLeast(p, "sensitivities", 16, 1);
        double cutoff = p.number("cutoff", 5.0);
        if (!(cutoff > 0)) {
            throw p.error("cutoff", "must be > 0 Å, got " + cutoff);
        }
        double lower = p.number("lower_cutoff", 0.85);
        if (!(lower > 0) || !(lower < cutoff)) {
            throw p.error("lower_cutoff", "must be in (0, cutoff = " + cutoff + ") Å, got " + lower);
        }
        int envelope = atLeast(p, "envelope", 6, 2);
        Activation activation = p.choice("activation", Activation.class, Activation.SOFTPLUS);
        int tensorOrder = atLeast(p, "tensor_order", 2, 1);
        if (tensorOrder > 8) {
            throw p.error("tensor_order", "must be in 1..8, got " + tensorOrder);
        }
        double normEpsilon = positive(p, "norm_epsilon", 1e-4);
        Object spec = p.has("invariants") ? p.raw("invariants") : InvariantSet.FLEXIBLE;
        InvariantSet set;
        Object recorded;
        if (spec instanceof String name) {
            try {
                set = InvariantSet.builtin(name.strip());
            } catch (IllegalArgumentException e) {
                throw p.error("invariants", e.getMessage());
            }
            recorded = name.strip();
        } else if (spec instanceof List<?> list) {
            List<TensorDiagram> diagrams = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof String s)) {
                    throw p.error("invariants[" + i + "]", "expected an index string such as \"01,12,02\", got " + list.get(i));
                }
                try {
                    diagrams.add(TensorDiagram.parse(s));
                } catch (IllegalArgumentException e) {
                    throw p.error("invariants[" + i + "]", "'" + s + "': " + e.getMessage());
                }
            }
            try {
                set = InvariantSet.of(diagrams);
            } catch (IllegalArgumentException e) {
                throw p.error("invariants", e.getMessage());
            }
            recorded = set.labels();
        } else {
            throw p.error("invariants", "expected the name of a built-in set (" + InvariantSet.FLEXIBLE
                + ", norms-l<L>) or a list of index strings, got " + spec);
        }
        InvariantLayer layer = p.choice("invariant_layer", InvariantLayer.class, InvariantLayer.CONTRACTION);
        double groupNormEpsilon = positive(p, "group_norm_epsilon", 1e-5);
        DType dtype = dtype(p);
        int epochs = atLeast(p, "epochs", 100, 1);
        int batchSize = atLeast(p, "batch_size", 8, 1);
        double learningRate = positive(p, "learning_rate", 1e-3);
        Parameters plateau = p.section("plateau");
        plateau.checkKnown("factor", "patience", "threshold", "minimum");
        double factor = plateau.number("factor", 0.5);
        if (!(factor > 0 && factor < 1)) {
            throw plateau.error("factor", "must be in (0, 1), got " + factor);
        }
        int plateauPatience = atLeast(plateau, "patience", 5, 0);
        double threshold = plateau.number("threshold", 1e-3);
        if (!(threshold >= 0)) {
            throw plateau.error("threshold", "must be >= 0, got " + threshold);
        }
        double minimum = plateau.number("minimum", Math.min(1e-5, learningRate));
        if (!(minimum >= 0 && minimum <= learningRate)) {
            throw plateau.error("minimum", "must be in [0, learning_rate = " + learningRate + "], got " + minimum);
        }
        int patience = atLeast(p, "patience", 25, 0);
        double validationFraction = p.number("validation_fraction", 0.1);
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw p.error("validation_fraction", "must be in [0, 1), got " + validationFraction);
        }
        Parameters w = p.section("weights");
        w.checkKnown("energy", "forces", "stress");
        double we = nonNegative(w, "energy", 100);
        double wf = nonNegative(w, "forces", 1);
        double ws = nonNegative(w, "stress", 0);
        if (we == 0 && wf == 0 && ws == 0) {
            throw p.error("weights", "at least one of energy, forces, stress must be > 0, got all 0");
        }
        Parameters h = p.section("huber");
        h.checkKnown("energy", "forces", "stress");
        LossWeights.Huber huber = new LossWeights.Huber(finiteNonNegative(h, "energy"), finiteNonNegative(h, "forces"),
            finiteNonNegative(h, "stress"));
        Path checkpoint = null;
        if (p.has("checkpoint")) {
            String c = p.string("checkpoint").strip();
            if (c.isEmpty()) {
                throw p.error("checkpoint", "expected a file path, got ''");
            }
            checkpoint = Path.of(c);
        }
        int checkpointEvery = atLeast(p, "checkpoint_every", 1, 0);
        Optimizer optimizer = p.choice("optimizer", Optimizer.class, Optimizer.ADAM);
        Parameters lbfgs = p.section("lbfgs");
        lbfgs.checkKnown("history", "iterations");
        int history = atLeast(lbfgs, "history", 20, 1);
        int iterations = atLeast(lbfgs, "iterations", 5, 1);
        Path initFrom = null;
        if (p.has("init_from")) {
            String d = p.string("init_from").strip();
            if (d.isEmpty()) {
                throw p.error("init_from", "expected a model directory written by 'atomstack fit', got ''");
            }
            initFrom = Path.of(d);
        }
        Parameters r = p.section("regularization");
        r.checkKnown("hierarchicality", "l2");
        Regularization regularization = new Regularization(finiteNonNegative(r, "hierarchicality"), finiteNonNegative(r, "l2"));
        return new HipnnSettings(variant, width, interactions, onsite, resnet, sensitivities, cutoff, lower, envelope, activation, tensorOrder,
            normEpsilon, set, recorded, layer, groupNormEpsilon, dtype, epochs, batchSize, learningRate, factor, plateauPatience, threshold,
            minimum, patience, validationFraction, new LossWeights(we, wf, ws, true, huber), checkpoint, checkpointEvery, optimizer, history, iterations, initFrom,
            regularization);
    }

    private static Variant variant(Parameters p) {
        String v = p.string("variant", Variant.HIPNN.id()).strip().toLowerCase(Locale.ROOT);
        for (Variant x : Variant.values()) {
            if (x.id().equals(v)) {
                return x;
            }
        }
        throw p.error("variant", "'" + p.string("variant") + "' is not one of [hipnn, hipnn-ts, hip-hop]");
    }

    private static DType dtype(Parameters p) {
        String d = p.string("dtype", "float64").strip().toLowerCase(Locale.ROOT);
        return switch (d) {
            case "float64" -> DType.FLOAT64;
            case "float32" -> DType.FLOAT32;
            default -> throw p.error("dtype", "'" + p.string("dtype") + "' is not one of [float64, float32]");
        };
    }

    private static int atLeast(Parameters p, String key, int fallback, int min) {
        int v = p.integer(key, fallback);
        if (v < min) {
            throw p.error(key, "must be >= " + min + ", got " + v);
        }
        return v;
    }

    private static double positive(Parameters p, String key, double fallback) {
        double v = p.number(key, fallback);
        if (!(v > 0)) {
            throw p.error(key, "must be > 0, got " + v);
        }
        return v;
    }

    private static double finiteNonNegative(Parameters p, String key) {
        double v = nonNegative(p, key, 0);
        if (!Double.isFinite(v)) {
            throw p.error(key, "must be finite, got " + v);
        }
        return v;
    }

    private static double nonNegative(Parameters p, String key, double fallback) {
        double v = p.number(key, fallback);
        if (!(v >= 0)) {
            throw p.error(key, "must be >= 0, got " + v);
        }
        return v;
    }

    /**
     * Every value, as a parameter tree that {@link #parse} reads back to the same values.
     *
     * @return the parameters, at path "model"
     */
    public Parameters toParameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", variant.id());
        m.put("width", width);
        m.put("interactions", interactions);
        m.put("onsite", onsite);
        m.put("resnet", resnet);
        m.put("sensitivities", sensitivities);
        m.put("cutoff", cutoff);
        m.put("lower_cutoff", lowerCutoff);
        m.put("envelope", envelope);
        m.put("activation", activation.name().toLowerCase(Locale.ROOT));
        m.put("tensor_order", tensorOrder);
        m.put("norm_epsilon", normEpsilon);
        m.put("invariants", invariantSpec);
        m.put("invariant_layer", invariantLayer.name().toLowerCase(Locale.ROOT));
        m.put("group_norm_epsilon", groupNormEpsilon);
        m.put("dtype", dtype == DType.FLOAT32 ? "float32" : "float64");
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("learning_rate", learningRate);
        Map<String, Object> plateau = new LinkedHashMap<>();
        plateau.put("factor", plateauFactor);
        plateau.put("patience", plateauPatience);
        plateau.put("threshold", plateauThreshold);
        plateau.put("minimum", minimumRate);
        m.put("plateau", plateau);
        m.put("patience", patience);
        m.put("validation_fraction", validationFraction);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("energy", loss.energy());
        w.put("forces", loss.forces());
        w.put("stress", loss.stress());
        m.put("weights", w);
        LossWeights.Huber huber = loss.huber();
        if (!huber.equals(LossWeights.Huber.NONE)) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("energy", huber.energy());
            h.put("forces", huber.forces());
            h.put("stress", huber.stress());
            m.put("huber", h);
        }
        if (checkpoint != null) {
            m.put("checkpoint", checkpoint.toString());
        }
        m.put("checkpoint_every", checkpointEvery);
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("history", lbfgsHistory);
        l.put("iterations", lbfgsIterations);
        m.put("lbfgs", l);
        if (initFrom != null) {
            m.put("init_from", initFrom.toString());
        }
        if (regularization.any()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("hierarchicality", regularization.hierarchicality());
            r.put("l2", regularization.l2());
            m.put("regularization", r);
        }
        return Parameters.of("model", m);
    }
}
