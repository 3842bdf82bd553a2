package org.atomstack.model.hipnn.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.train.BatchTensors;
import org.atomstack.api.train.EnergyModel;
import org.atomstack.api.train.ParameterSet;
import org.atomstack.basis.cartesian.toolkit.CartesianChannelInvariants;
import org.atomstack.basis.cartesian.toolkit.ChannelInvariants;
import org.atomstack.basis.cartesian.toolkit.InvariantSet;
import org.atomstack.model.hipnn.internal.HipnnSettings.Variant;

/**
 * The HIP-NN family as an {@link EnergyModel} (Allen et al., Sec. II F; hippynn). Atoms start
 * from one-hot species features z⁰_i [N, S]. Each of the B blocks is one interaction layer
 * followed by {@code onsite} on-site layers:
 *
 * <pre>
 *   interaction:  z'_{i,a} = f( I_{i,a}(z, r) + Σ_b W_ab z_{i,b} + B_a )          (Eq. 19)
 *   on-site:      z'_{i,a} = f( Σ_b W_ab z_{i,b} + B_a )
 * </pre>
 *
 * With {@code resnet} (the default, as hippynn's {@code Hipnn(resnet=True)}) every layer is
 * residual: its activated output h passes through a further linear map and is added to the
 * input, z' = R h + b + A z, with A the identity when the widths agree (a learned map without
 * bias from the one-hot input of the first block otherwise).
 *
 * All three variants are built on the same per-edge channel weights (messages)
 * m_{e,a} = Σ_{ν,b} V^ν_ab s^ν(r_e) z_{j(e),b} [E, C = F] from the {@link Sensitivities} and the
 * neighbour's features, and differ in the interaction I:
 *
 * <ul>
 *   <li>HIP-NN (Eq. 20): I_{i,a} = Σ_{e: centre i} m_{e,a} = E⁰_{i,a};</li>
 *   <li>HIP-NN-TS (Eq. 24): I = E⁰_{i,a} + Σ_{l=1..L} t^l_a √(|E^l_{i,a}|² + ε), with the
 *       environment tensors E^l_{i,a} = Σ_e m_{e,a} T^l(r̂_e) and their squared norms from the
 *       toolkit's norm set ({@link InvariantSet#norms});</li>
 *   <li>HIP-HOP-NN (Eqs. 25–28): K channel-wise invariants 𝕀^k_{i,a} of the same E^l_{i,a}
 *       from a {@link ChannelInvariants} layer (default the flexible set of Table I), group
 *       normalisation with one group per invariant k across the channels a of each atom, with a
 *       per-(k, a) affine γ, β (Eq. 27), and the mixing I_{i,a} = Σ_{k,b} 𝕀^k_ab Ĩ^k_{i,b}
 *       (Eq. 28).</li>
 * </ul>
 *
 * The energy is hierarchical: E_i = e⁰(Z_i) + c(Z_i) + Σ_blocks ρ_b · z^b_i, with e⁰ the fixed
 * per-species offsets fitted before training, c a trainable per-species correction (the
 * readout of the one-hot input layer) and ρ_b the linear readout of block b's output. Positions
 * enter only through the edge vectors.
 *
 * <p>The invariant layer is any {@link ChannelInvariants} (architecture decision 7): by default
 * {@link ContractedChannelInvariants}, or the toolkit's compiled-polynomial
 * {@link CartesianChannelInvariants} ({@code invariant_layer: polynomial}), which receives the
 * per-edge messages through the interface.
 *
 * <p>Neighbour sums are formed where they are cheaper ({@link Order#AUTO}): per atom over the
 * padded neighbourhoods ({@link Neighbourhoods}) for HIP-NN (env_i[ν, b] = Σ_e s_eν z_{j,b}, then
 * I = env·V, hippynn's order) and for the narrow one-hot layer of HIP-NN-TS / HIP-HOP-NN
 * (Σ_e c(r̂_e) ⊗ s_e ⊗ z_j, then V); per edge otherwise, with the messages m_e from Y = z·V'
 * [N, ν·C] gathered to the edges and contracted with s_e by a batched product
 * [E, 1, ν]·[E, ν, C], then summed per atom. Every order gives the same function of the same
 * parameters.
 *
 * <p>Immutable and thread-safe.
 */
final class HipnnNetwork implements EnergyModel {
    /** Prefix of the per-species correction parameter. */
    static final String SPECIES_READOUT = "readout0";

    private final HipnnSettings settings;
    private final int[] species;
    private final double[] offsets;
    private final double neighbours;
    private final ChannelInvariants invariants;
    private final RadialBasis envelope;
    private final List<String> names = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();
    private final List<Function<SplittableRandom, double[]>> inits = new ArrayList<>();
    private final Block[] blocks;
    private final Order order;

    /** Positions of one block's parameters in the parameter list (−1: absent). */
    private static final class Block {
        int fin;
        int v;
        int w;
        int b;
        int centres;
        int widths;
        int scales = -1;
        int gamma = -1;
        int beta = -1;
        int mix = -1;
        int[] onW;
        int[] onB;
        int resR = -1;
        int resB = -1;
        int adjust = -1;
        int[] onResR;
        int[] onResB;
        int readout;
    }

    /**
     * A network.
     *
     * @param settings   architecture (the training fields are not used here)
     * @param species    atomic numbers, distinct; their order is the species index
     * @param offsets    fixed energy offset e⁰ per species, eV
     * @param neighbours mean number of neighbours per atom within the cutoff, &gt; 0; scales the
     *                   initial interaction weights by 1/√neighbours (initialisation only)
     */
    HipnnNetwork(HipnnSettings settings, int[] species, double[] offsets, double neighbours) {
        this(settings, species, offsets, neighbours, Order.AUTO);
    }

    /**
     * Where the neighbour sums of the interaction are formed; every order computes the same
     * function of the same parameters.
     */
    enum Order {
        /** Per atom for HIP-NN and for narrow inputs, per edge otherwise (the cheaper one). */
        AUTO,
        /** Per edge: messages m_{e,a} first, then summed (HIP-NN) or turned into environments. */
        EDGE,
        /** Per atom (hippynn's order): Σ_e of sensitivity (and tensor) outer products with z_j, then V. */
        ATOM
    }

    /**
     * A network with an explicit summation order (for tests of the equivalence of the orders).
     *
     * @param settings   architecture
     * @param species    atomic numbers
     * @param offsets    fixed offsets e⁰ per species, eV
     * @param neighbours mean neighbour count (initialisation only)
     * @param order      where neighbour sums are formed
     */
    HipnnNetwork(HipnnSettings settings, int[] species, double[] offsets, double neighbours, Order order) {
        this.order = order;
        if (species.length == 0 || offsets.length != species.length) {
            throw new IllegalArgumentException("need one offset per species, got " + offsets.length + " offsets for species "
                + Arrays.toString(species));
        }
        if (!(neighbours > 0) || !Double.isFinite(neighbours)) {
            throw new IllegalArgumentException("mean neighbour count must be finite and > 0, got " + neighbours);
        }
        this.settings = settings;
        this.species = species.clone();
        this.offsets = offsets.clone();
        this.neighbours = neighbours;
        this.envelope = Sensitivities.envelope(settings.cutoff(), settings.envelope());
        this.invariants = switch (settings.variant()) {
            case HIPNN -> null;
            case HIPNN_TS -> invariantLayer(settings, InvariantSet.norms(settings.tensorOrder()));
            case HIP_HOP -> invariantLayer(settings, settings.invariants());
        };
        int s = species.length;
        int f = settings.width();
        int nu = settings.sensitivities();
        add(SPECIES_READOUT, Shape.of(s), rng -> new double[s]);
        blocks = new Block[settings.interactions()];
        for (int k = 0; k < blocks.length; k++) {
            Block bl = new Block();
            String pre = "block" + (k + 1) + ".";
            int fin = k == 0 ? s : f;
            bl.fin = fin;
            double vStd = Math.sqrt(2.0 / (nu * fin + f)) / Math.sqrt(Math.max(1, neighbours));
            bl.v = add(pre + "interaction.V", Shape.of(nu * fin, f), normal(nu * fin * f, vStd));
            bl.w = add(pre + "interaction.W", Shape.of(fin, f), normal(fin * f, Math.sqrt(2.0 / (fin + f))));
            bl.b = add(pre + "interaction.B", Shape.of(f), rng -> new double[f]);
            double[] q = Sensitivities.initialCentres(nu, settings.lowerCutoff(), settings.cutoff());
            double[] sigma = Sensitivities.initialWidths(nu, settings.lowerCutoff(), settings.cutoff());
            bl.centres = add(pre + "sensitivity.centres", Shape.of(nu), rng -> q.clone());
            bl.widths = add(pre + "sensitivity.widths", Shape.of(nu), rng -> sigma.clone());
            if (settings.variant() == Variant.HIPNN_TS) {
                int l = settings.tensorOrder();
                bl.scales = add(pre + "interaction.t", Shape.of(f, l), normal(f * l, 1.0));
            } else if (settings.variant() == Variant.HIP_HOP) {
                int kc = invariants.count() * f;
                bl.gamma = add(pre + "groupnorm.gamma", Shape.of(kc), rng -> filled(kc, 1));
                bl.beta = add(pre + "groupnorm.beta", Shape.of(kc), rng -> new double[kc]);
                bl.mix = add(pre + "interaction.mix", Shape.of(kc, f), normal(kc * f, Math.sqrt(2.0 / (kc + f))));
            }
            if (settings.resnet()) {
                bl.resR = add(pre + "interaction.R", Shape.of(f, f), normal(f * f, residualStd(f)));
                bl.resB = add(pre + "interaction.Rb", Shape.of(f), rng -> new double[f]);
                if (fin != f) {
                    bl.adjust = add(pre + "interaction.A", Shape.of(fin, f), normal(fin * f, residualStd(fin)));
                }
            }
            bl.onW = new int[settings.onsite()];
            bl.onB = new int[settings.onsite()];
            bl.onResR = new int[settings.onsite()];
            bl.onResB = new int[settings.onsite()];
            for (int o = 0; o < settings.onsite(); o++) {
                bl.onW[o] = add(pre + "onsite" + (o + 1) + ".W", Shape.of(f, f), normal(f * f, Math.sqrt(2.0 / (f + f))));
                bl.onB[o] = add(pre + "onsite" + (o + 1) + ".B", Shape.of(f), rng -> new double[f]);
                if (settings.resnet()) {
                    bl.onResR[o] = add(pre + "onsite" + (o + 1) + ".R", Shape.of(f, f), normal(f * f, residualStd(f)));
                    bl.onResB[o] = add(pre + "onsite" + (o + 1) + ".Rb", Shape.of(f), rng -> new double[f]);
                }
            }
            bl.readout = add(pre + "readout", Shape.of(f, 1), normal(f, 0.5 / Math.sqrt(f)));
            blocks[k] = bl;
        }
    }

    /**
     * The channel-invariant layer of {@code set} in the evaluation the settings ask for.
     *
     * @param settings the settings ({@code invariant_layer})
     * @param set      the invariants
     * @return the layer
     */
    static ChannelInvariants invariantLayer(HipnnSettings settings, InvariantSet set) {
        return switch (settings.invariantLayer()) {
            case CONTRACTION -> new ContractedChannelInvariants(set);
            case POLYNOMIAL -> new CartesianChannelInvariants(set);
        };
    }

    private int add(String name, Shape shape, Function<SplittableRandom, double[]> init) {
        names.add(name);
        shapes.add(shape);
        inits.add(init);
        return names.size() - 1;
    }

    private static Function<SplittableRandom, double[]> normal(int count, double std) {
        return rng -> {
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                v[i] = rng.nextGaussian() * std;
            }
            return v;
        };
    }

    /** Standard deviation 1/√(3·fan-in) of the residual and skip weights (that of PyTorch's default uniform init). */
    private static double residualStd(int fanIn) {
        return 1 / Math.sqrt(3.0 * fanIn);
    }

    private static double[] filled(int count, double value) {
        double[] v = new double[count];
        Arrays.fill(v, value);
        return v;
    }

    /**
     * The architecture settings.
     *
     * @return the settings
     */
    HipnnSettings settings() {
        return settings;
    }

    /**
     * Fixed per-species energy offsets e⁰.
     *
     * @return eV per species (a copy)
     */
    double[] offsets() {
        return offsets.clone();
    }

    /**
     * The mean neighbour count used to scale the initial interaction weights.
     *
     * @return n̄
     */
    double neighbours() {
        return neighbours;
    }

    @Override
    public double cutoff() {
        return settings.cutoff();
    }

    @Override
    public int[] species() {
        return species.clone();
    }

    @Override
    public List<String> parameterNames() {
        return List.copyOf(names);
    }

    /**
     * The parameter shapes, in {@link #parameterNames()} order.
     *
     * @return the shapes
     */
    List<Shape> parameterShapes() {
        return List.copyOf(shapes);
    }

    /**
     * Initial parameters: Gaussian (Xavier-normal) weights, zero biases, the sensitivity grid, unit
     * group-norm scales; the interaction weights V are further scaled by 1/√(mean neighbours).
     * Drawn in parameter order from one {@link SplittableRandom} seeded with {@code seed}.
     */
    @Override
    public ParameterSet initialParameters(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> values = new ArrayList<>(inits.size());
        for (Function<SplittableRandom, double[]> init : inits) {
            values.add(init.apply(rng));
        }
        return ParameterSet.of(names, shapes, values);
    }

    /**
     * Number of scalar parameters.
     *
     * @return the count
     */
    long parameterCount() {
        long n = 0;
        for (Shape s : shapes) {
            n += s.size();
        }
        return n;
    }

    @Override
    public Var energies(Graph g, List<Var> p, BatchTensors batch, Var edgeVectors) {
        return energies(g, p, batch, edgeVectors, null);
    }

    /**
     * The energies with the penalty of {@link HipnnSettings.Regularization}: λ_H times hippynn's
     * batch hierarchicality of the per-atom energy terms plus λ_2 times the squared weight
     * matrices; no penalty when both weights are 0.
     */
    @Override
    public Forward forward(Graph g, List<Var> p, BatchTensors batch, Var edgeVectors) {
        HipnnSettings.Regularization reg = settings.regularization();
        if (!reg.any()) {
            return EnergyModel.super.forward(g, p, batch, edgeVectors);
        }
        List<Var> terms = new ArrayList<>(blocks.length + 1);
        Var energies = energies(g, p, batch, edgeVectors, terms);
        Var penalty = null;
        if (reg.hierarchicality() > 0) {
            Var hier = null;
            Var below = g.sumAll(g.square(terms.get(0)));
            for (int k = 1; k < terms.size(); k++) {
                Var here = g.sumAll(g.square(terms.get(k)));
                // the tiny floor (far below any sum of squared energies in eV², and normal in
                // float32) makes a ratio of two zero sums 0 instead of NaN
                Var ratio = g.div(here, g.add(g.add(here, below), 1e-30));
                hier = hier == null ? ratio : g.add(hier, ratio);
                below = here;
            }
            penalty = g.mul(hier, reg.hierarchicality());
        }
        if (reg.l2() > 0) {
            Var squares = null;
            for (int i : regularizedWeights()) {
                Var sq = g.sumAll(g.square(p.get(i)));
                squares = squares == null ? sq : g.add(squares, sq);
            }
            Var l2 = g.mul(squares, reg.l2());
            penalty = penalty == null ? l2 : g.add(penalty, l2);
        }
        return new Forward(energies, penalty);
    }

    @Override
    public String penaltyDescription() {
        HipnnSettings.Regularization reg = settings.regularization();
        return reg.any() ? "hierarchicality=" + reg.hierarchicality() + ", l2=" + reg.l2() : "";
    }

    /**
     * Positions of the weight matrices the L2 penalty sums over: per block the interaction V and
     * W, the HIP-HOP mixing, the residual R and A, and the on-site W and R.
     *
     * @return parameter indices, ascending within each block
     */
    List<Integer> regularizedWeights() {
        List<Integer> out = new ArrayList<>();
        for (Block bl : blocks) {
            out.add(bl.v);
            out.add(bl.w);
            for (int i : new int[] {bl.mix, bl.resR, bl.adjust}) {
                if (i >= 0) {
                    out.add(i);
                }
            }
            for (int o = 0; o < bl.onW.length; o++) {
                out.add(bl.onW[o]);
                if (settings.resnet()) {
                    out.add(bl.onResR[o]);
                }
            }
        }
        return out;
    }

    /**
     * The energies, and when {@code terms} is not null the per-atom energy terms [N] of the
     * hierarchy appended to it: e⁰ + c first, then one per block.
     */
    private Var energies(Graph g, List<Var> p, BatchTensors batch, Var edgeVectors, List<Var> terms) {
        if (p.size() != names.size()) {
            throw new IllegalArgumentException("hipnn network takes " + names.size() + " parameters, got " + p.size());
        }
        int n = batch.atomCount();
        int s = species.length;
        DType dt = edgeVectors.dtype();
        Var speciesIndex = g.constant(batch.species());
        Var centres = g.constant(batch.centres());
        Var neighbors = g.constant(batch.neighbors());
        Var r = g.sqrt(g.sum(g.square(edgeVectors), 1, false));
        Var inverse = g.reciprocal(r);
        Var u = g.radialBasis(r, envelope);
        Neighbourhoods hoods = Neighbourhoods.of(batch.batch().centres(), n);
        Var coefficients = invariants instanceof ContractedChannelInvariants c ? c.coefficients(g, edgeVectors) : null;
        double[] eye = new double[s * s];
        for (int k = 0; k < s; k++) {
            eye[k * s + k] = 1;
        }
        Var z = g.gather(g.constant(eye, dt, s, s), speciesIndex);
        Var perAtom = g.add(g.gather(g.constant(offsets, dt, s), speciesIndex), g.gather(p.get(0), speciesIndex));
        if (terms != null) {
            terms.add(perAtom);
        }
        Var hierarchy = null;
        for (Block bl : blocks) {
            Var in = z;
            z = interaction(g, p, bl, z, edgeVectors, coefficients, inverse, u, centres, neighbors, hoods);
            if (settings.resnet()) {
                z = residual(g, z, p.get(bl.resR), p.get(bl.resB), bl.adjust < 0 ? in : g.matmul(in, p.get(bl.adjust)));
            }
            for (int o = 0; o < bl.onW.length; o++) {
                Var mid = activation(g, g.add(g.matmul(z, p.get(bl.onW[o])), p.get(bl.onB[o])));
                z = settings.resnet() ? residual(g, mid, p.get(bl.onResR[o]), p.get(bl.onResB[o]), z) : mid;
            }
            Var y = g.matmul(z, p.get(bl.readout));
            if (terms != null) {
                terms.add(g.reshape(y, n));
            }
            hierarchy = hierarchy == null ? y : g.add(hierarchy, y);
        }
        perAtom = g.add(perAtom, g.reshape(hierarchy, n));
        return g.scatterAdd(perAtom, g.constant(batch.atomStructure()), batch.structureCount());
    }

    /** hippynn's residual wrapper: R·f(layer) + b plus the (adjusted) input. */
    private static Var residual(Graph g, Var activated, Var r, Var b, Var skip) {
        return g.add(g.add(g.matmul(activated, r), b), skip);
    }

    private Var interaction(Graph g, List<Var> p, Block bl, Var z, Var edgeVectors, Var coefficients, Var inverse, Var u, Var centres,
                            Var neighbors, Neighbourhoods hoods) {
        int f = settings.width();
        int n = hoods.atoms();
        Var sense = Sensitivities.apply(g, inverse, u, p.get(bl.centres), p.get(bl.widths));
        boolean perAtom = order == Order.ATOM
            || (order == Order.AUTO && (settings.variant() == Variant.HIPNN || narrow(bl.fin, f)));
        Var inter;
        if (settings.variant() == Variant.HIPNN) {
            if (perAtom) {
                // hippynn's order: env_i[ν, b] = Σ_e s_eν z_{j(e),b} per atom, then I = env · V
                Var env = hoods.outerSum(g, sense, g.gather(z, neighbors));
                inter = g.matmul(g.reshape(env, n, settings.sensitivities() * bl.fin), p.get(bl.v));
            } else {
                inter = g.scatterAdd(messages(g, z, sense, p.get(bl.v), neighbors, bl.fin), centres, n);
            }
        } else {
            Var inv;
            if (invariants instanceof ContractedChannelInvariants c) {
                inv = c.invariants(g, perAtom ? atomEnvironment(g, c, z, sense, p.get(bl.v), coefficients, neighbors, hoods, bl.fin)
                    : c.environment(g, messages(g, z, sense, p.get(bl.v), neighbors, bl.fin), coefficients, hoods));
            } else {
                inv = invariants.apply(g, messages(g, z, sense, p.get(bl.v), neighbors, bl.fin), edgeVectors, centres, n);
            }
            if (settings.variant() == Variant.HIPNN_TS) {
                int l = settings.tensorOrder();
                Var scalar = g.reshape(g.slice(inv, 2, 0, 1), n, f);
                Var norms = g.sqrt(g.add(g.slice(inv, 2, 1, l + 1), settings.normEpsilon()));
                inter = g.add(scalar, g.sum(g.mul(norms, p.get(bl.scales)), 2, false));
            } else {
                int k = invariants.count();
                Var grouped = g.reshape(g.transpose(inv, 0, 2, 1), n, k * f);
                Var normed = g.groupNorm(grouped, k, settings.groupNormEpsilon());
                Var affine = g.add(g.mul(normed, p.get(bl.gamma)), p.get(bl.beta));
                inter = g.matmul(affine, p.get(bl.mix));
            }
        }
        Var self = g.add(g.matmul(z, p.get(bl.w)), p.get(bl.b));
        return activation(g, g.add(inter, self));
    }

    /**
     * Channel environment coefficients E_{i,a,q} = Σ_{e: i(e) = i} m_{e,a} c_q(r̂_e) [atoms, C, P]
     * (Eq. 26 in coefficients) in hippynn's order, without per-edge messages:
     * Σ_e c_e ⊗ (s_e ⊗ z_{j(e)}) per atom [atoms, P, ν·F_in], then one product with V. Cheap for
     * narrow inputs (the one-hot layer); the per-edge order {@link #messages} is cheaper for wide ones.
     */
    private Var atomEnvironment(Graph g, ContractedChannelInvariants layer, Var z, Var sense, Var v, Var coefficients, Var neighbors,
                                Neighbourhoods hoods, int fin) {
        int c = settings.width();
        int edges = sense.shape().dim(0);
        int nu = settings.sensitivities();
        int n = hoods.atoms();
        int p = layer.coefficientCount();
        Var zj = g.gather(z, neighbors);
        Var st = fin == 1 ? g.mul(sense, zj)
            : g.reshape(g.mul(g.reshape(sense, edges, nu, 1), g.reshape(zj, edges, 1, fin)), edges, nu * fin);
        Var features = g.matmul(g.reshape(hoods.outerSum(g, coefficients, st), n * p, nu * fin), v);
        return g.transpose(g.reshape(features, n, p, c), 0, 2, 1);
    }

    /**
     * Per-edge channel weights m_{e,a} = Σ_{ν,b} V^ν_ab s^ν_e z_{j(e),b}, with V stored as
     * [ν·F_in, C] (row ν·F_in + b).
     */
    private Var messages(Graph g, Var z, Var sense, Var v, Var neighbors, int fin) {
        int edges = sense.shape().dim(0);
        int nu = settings.sensitivities();
        int c = settings.width();
        if (narrow(fin, c)) {
            Var zj = g.gather(z, neighbors);
            Var outer = fin == 1 ? g.mul(sense, zj)
                : g.reshape(g.mul(g.reshape(sense, edges, nu, 1), g.reshape(zj, edges, 1, fin)), edges, nu * fin);
            return g.matmul(outer, v);
        }
        Var vt = g.reshape(g.transpose(g.reshape(v, nu, fin, c), 1, 0, 2), fin, nu * c);
        Var y = g.gather(g.matmul(z, vt), neighbors);
        return g.reshape(g.matmul(g.reshape(sense, edges, 1, nu), g.reshape(y, edges, nu, c)), edges, c);
    }

    /**
     * Whether an input of F_in features is narrow next to C channels (the one-hot layer):
     * F_in·(1 + 0.2·C) &lt; 3·C, the cost model of the message orders per edge — the outer
     * product s_e ⊗ z_j costs ν·F_in element operations plus a GEMM of 2ν·F_in·C flops (taken as
     * ten times cheaper per flop), the gather order about three passes over ν·C values. Narrow
     * inputs also make the per-atom environment of HIP-NN-TS / HIP-HOP-NN the cheaper order.
     *
     * @param fin input features F_in
     * @param c   channels C
     * @return whether the input is narrow
     */
    static boolean narrow(int fin, int c) {
        return fin * (1 + 0.2 * c) < 3.0 * c;
    }

    private Var activation(Graph g, Var x) {
        return switch (settings.activation()) {
            case SOFTPLUS -> g.softplus(x);
            case SILU -> g.silu(x);
            case TANH -> g.tanh(x);
        };
    }
}
