package org.atomstack.purification.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sec. 2.3.1: Tikhonov regularisation with Γ = P⁻ᵀ on the self-interacting basis
 * ({@code ace} + {@code linear} with {@code regularizer: purification}) fits the same potential as
 * the canonical basis with Γ = I ({@code ace} with {@code purify: true}), also combined with the
 * smoothness prior, when the basis is closed under purification.
 */
class RegulariserRouteTest {
    /** An EAM-like many-body energy with a pair term, cutoff 5 Å: E = Σ_i [½ Σ_j φ(r_ij) − √(ρ_i)], ρ_i = Σ_j ψ(r_ij). */
    private static double energy(Structure s) {
        NeighborList nl = NeighborList.build(s, 5.0);
        double e = 0;
        for (int i = 0; i < s.atomCount(); i++) {
            double rho = 0;
            for (int p = nl.offset(i); p < nl.offset(i + 1); p++) {
                double r = nl.distance(p);
                double u = (1 - r / 5.0) * (1 - r / 5.0);
                e += 0.5 * 3.0 * Math.exp(-2 * (r - 2.2)) * u;
                rho += Math.exp(-0.8 * (r - 2.7)) * u;
            }
            e -= Math.sqrt(1 + rho);
        }
        return e;
    }

    /** Labels from {@link #energy} with Gaussian noise (σ 2 meV/atom, 0.02 eV/Å), so that BLR finds a real noise level. */
    private static Structure labelled(Structure s, SplittableRandom noise) {
        double[] x = s.positions();
        double[] f = new double[x.length];
        double h = 1e-5;
        for (int k = 0; k < x.length; k++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[k] += h;
            xm[k] -= h;
            f[k] = -(energy(s.withPositions(xp)) - energy(s.withPositions(xm))) / (2 * h) + 0.02 * gaussian(noise);
        }
        return s.withLabels(Labels.builder().energy(energy(s) + 0.002 * s.atomCount() * gaussian(noise)).forces(f).build());
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** Jittered bcc Mo cells of 2 atoms, strained. */
    private static List<Structure> structures(long seed, int count) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Structure> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            double a = 3.0 + 0.35 * rnd.nextDouble();
            double[] cell = {a, 0.1 * rnd.nextDouble(), 0, 0, a * (0.95 + 0.1 * rnd.nextDouble()), 0, 0, 0, a};
            double[] pos = new double[6];
            for (int i = 0; i < 6; i++) {
                pos[i] = (i >= 3 ? a / 2 : 0) + 0.2 * (rnd.nextDouble() - 0.5);
            }
            out.add(labelled(Structure.of("bcc-" + seed + "-" + k, pos, new int[] {Fixtures.MO, Fixtures.MO},
                Cell.periodic(cell), Labels.NONE), rnd));
        }
        return out;
    }

    private static Model fit(Descriptor d, Map<String, Object> model, Dataset data) {
        StackContext ctx = Fixtures.context(Fixtures.MO);
        ModelProvider linear = ctx.registry().find(ModelProvider.class, "linear").provider();
        return linear.trainer(Parameters.of("model", model), d, ctx).train(data, Dataset.of("none", List.of()), TrainingListener.NONE);
    }

    @ParameterizedTest(name = "{0}, prior {1}")
    @CsvSource({"ridge, smoothness", "ridge, identity", "blr, smoothness", "blr, identity", "tsvd, smoothness"})
    void regularisingTheSelfInteractingBasisWithPurificationFitsTheCanonicalBasis(String solver, String prior) {
        Map<String, Object> ace = Fixtures.ace(3, 12, 8, 4); // closed under purification (D1 >= D2 + 4 >= D3 + 8)
        Dataset train = Dataset.of("train", structures(1, 16));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("solver", solver.equals("ridge") ? Map.of("method", "ridge", "lambda", 1e-3) : solver);
        model.put("prior", prior);
        model.put("threads", 1);
        Model canonical = fit(Fixtures.create("ace", Fixtures.with(ace, "purify", true)), model, train);
        Model regularised = fit(Fixtures.create("ace", ace), Fixtures.with(model, "regularizer", "purification"), train);
        Model plain = fit(Fixtures.create("ace", ace), model, train);
        double maxDiff = 0;
        double maxPlain = 0;
        for (Structure s : structures(2, 6)) {
            Prediction a = canonical.predict(s, NeighborList.build(s, 5.0), true, false);
            Prediction b = regularised.predict(s, NeighborList.build(s, 5.0), true, false);
            Prediction c = plain.predict(s, NeighborList.build(s, 5.0), false, false);
            maxDiff = Math.max(maxDiff, Math.abs(a.energy() - b.energy()) / s.atomCount());
            maxPlain = Math.max(maxPlain, Math.abs(a.energy() - c.energy()) / s.atomCount());
            double[] fa = a.forces().orElseThrow();
            double[] fb = b.forces().orElseThrow();
            for (int i = 0; i < fa.length; i++) {
                assertEquals(fa[i], fb[i], 1e-7, "force " + i + " of " + s.name());
            }
        }
        assertTrue(maxDiff < 1e-8, "canonical vs P^-T-regularised energies differ by " + maxDiff + " eV/atom");
        // a different regulariser would give a visibly different fit, so the agreement is not trivial
        assertTrue(maxPlain > 1e3 * maxDiff, "plain vs canonical " + maxPlain + ", routes " + maxDiff);
    }
}
