package org.atomstack.assembly.train;

import java.util.List;
import java.util.SplittableRandom;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.train.BatchTensors;
import org.atomstack.api.train.EnergyModel;
import org.atomstack.api.train.ParameterSet;

/**
 * A radial-only neural pair potential for one element, written against {@link EnergyModel}:
 *
 * <pre>
 * E = Σ_i E0 + ½ Σ_e φ(|r_e|),   φ(r) = MLP(R(r)) − MLP(0),
 * MLP(x) = W2ᵀ SiLU(W1ᵀ x + b1),
 * </pre>
 *
 * with R the 8 Bessel functions of {@link #BASIS} (cutoff 5 Å, envelope p = 6) and 16 hidden
 * units. Subtracting MLP(0) makes φ vanish with R at the cutoff, so the energy is continuous
 * as neighbours cross it. Positions enter only through the edge vectors.
 */
final class PairPotential implements EnergyModel {
    static final RadialBasis BASIS = new RadialBasis(RadialBasis.Kind.BESSEL, 8, 5.0, 0.0, 6);
    static final int HIDDEN = 16;

    private final int element;
    private final double initialE0;

    /**
     * @param element   atomic number of the one species
     * @param initialE0 initial energy per atom, eV (e.g. the mean of the training data)
     */
    PairPotential(int element, double initialE0) {
        this.element = element;
        this.initialE0 = initialE0;
    }

    @Override
    public double cutoff() {
        return BASIS.cutoff();
    }

    @Override
    public int[] species() {
        return new int[] {element};
    }

    @Override
    public List<String> parameterNames() {
        return List.of("e0", "w1", "b1", "w2");
    }

    @Override
    public ParameterSet initialParameters(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = BASIS.count();
        double[] w1 = uniform(rng, n * HIDDEN, Math.sqrt(6.0 / (n + HIDDEN)));
        double[] b1 = uniform(rng, HIDDEN, 0.5);
        double[] w2 = uniform(rng, HIDDEN, 0.1 * Math.sqrt(6.0 / (HIDDEN + 1)));
        return ParameterSet.of(parameterNames(), List.of(Shape.of(1), Shape.of(n, HIDDEN), Shape.of(HIDDEN), Shape.of(HIDDEN, 1)),
            List.of(new double[] {initialE0}, w1, b1, w2));
    }

    private static double[] uniform(SplittableRandom rng, int count, double bound) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = rng.nextDouble(-bound, bound);
        }
        return v;
    }

    @Override
    public Var energies(Graph g, List<Var> p, BatchTensors batch, Var edgeVectors) {
        Var e0 = p.get(0);
        Var w1 = p.get(1);
        Var b1 = p.get(2);
        Var w2 = p.get(3);
        int edges = batch.edgeCount();
        Var r = g.sqrt(g.sum(g.square(edgeVectors), 1, false));
        Var basis = g.radialBasis(r, BASIS);
        Var hidden = g.sub(g.silu(g.add(g.matmul(basis, w1), b1)), g.silu(b1));
        Var pair = g.reshape(g.matmul(hidden, w2), edges);
        Var perAtom = g.add(g.scatterAdd(g.mul(pair, 0.5), g.constant(batch.centres()), batch.atomCount()),
            g.gather(e0, g.constant(batch.species())));
        return g.scatterAdd(perAtom, g.constant(batch.atomStructure()), batch.structureCount());
    }
}
