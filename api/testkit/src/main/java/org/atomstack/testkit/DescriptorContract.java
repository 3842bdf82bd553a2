package org.atomstack.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Contract every {@link Descriptor} must pass: shapes, invariance under rotations,
 * reflections, permutations of atoms, translations and the choice of periodic image; smoothness
 * as a neighbour crosses the cutoff; analytic ∂B/∂r_e against central finite differences of the
 * atom positions; rejection of unknown species; recreation from {@link Descriptor#parameters()};
 * restriction to a selection; and, when offered, the Jacobian of its {@link SelectableBasis}.
 *
 * <p>Subclass it, return the descriptor from {@link #descriptor()} (and optionally the provider
 * from {@link #provider()}); tune {@link #structures()} and the tolerances if needed. Every
 * check runs on several seeded random structures of the descriptor's species, periodic and not.
 */
public abstract class DescriptorContract {
    /** For subclasses. */
    protected DescriptorContract() {
    }

    /**
     * The descriptor under test.
     *
     * @return a descriptor; may be a shared instance
     */
    protected abstract Descriptor descriptor();

    /**
     * The provider that made the descriptor, to check that {@link Descriptor#parameters()}
     * recreates it; empty skips that check.
     *
     * @return the provider, if the subclass offers it
     */
    protected Optional<DescriptorProvider> provider() {
        return Optional.empty();
    }

    /**
     * Options of the random structures used by the checks: by default 2–10 atoms of the
     * descriptor's species, 12–22 Å³ per atom, at least 1.6 Å apart, any periodicity.
     *
     * @return generator options
     */
    protected RandomStructures.Options structures() {
        return RandomStructures.Options.defaults().atoms(2, 10).speciesPool(descriptor().species())
            .species(1, Math.min(3, descriptor().species().length)).volumePerAtom(12, 22).minDistance(1.6)
            .periodicity(RandomStructures.Periodicity.ANY);
    }

    /**
     * Tolerance of invariance checks, relative to the largest feature magnitude.
     *
     * @return the tolerance
     */
    protected double invarianceTolerance() {
        return 1e-9;
    }

    /**
     * Tolerance of the finite-difference gradient check, |analytic − numeric| / (1 + |numeric|).
     *
     * @return the tolerance
     */
    protected double gradientTolerance() {
        return 1e-6;
    }

    /**
     * Number of random structures per check.
     *
     * @return the count
     */
    protected int samples() {
        return 4;
    }

    private Structure sample(long seed) {
        return RandomStructures.seeded(seed).structure(structures());
    }

    private FeatureBlock features(Structure s, boolean gradients) {
        Descriptor d = descriptor();
        return d.compute(s, NeighborList.build(s, d.cutoff()), gradients);
    }

    private static double scale(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return Math.max(m, 1e-12);
    }

    private void assertSameFeatures(FeatureBlock expected, FeatureBlock actual, int[] rowOf, String what) {
        double tol = invarianceTolerance() * scale(expected.values());
        int size = expected.size();
        for (int i = 0; i < actual.atoms(); i++) {
            for (int k = 0; k < size; k++) {
                double e = expected.value(rowOf == null ? i : rowOf[i], k);
                double a = actual.value(i, k);
                if (!(Math.abs(e - a) <= tol)) {
                    fail(String.format(Locale.ROOT, "%s: atom %d feature %d (%s): %.12g vs %.12g", what, i, k,
                        descriptor().featureLabels().get(k), e, a));
                }
            }
        }
    }

    @Test
    void featuresHaveTheDeclaredShapeLabelsAndFiniteValues() {
        Descriptor d = descriptor();
        assertEquals(d.size(), d.featureLabels().size(), "one label per feature");
        assertTrue(d.cutoff() > 0, "cutoff must be positive");
        for (int s = 0; s < samples(); s++) {
            Structure st = sample(100 + s);
            FeatureBlock b = features(st, true);
            assertEquals(st.atomCount(), b.atoms());
            assertEquals(d.size(), b.size());
            assertTrue(b.hasGradients());
            for (double v : b.values()) {
                assertTrue(Double.isFinite(v), "non-finite feature in " + st);
            }
            for (double v : b.gradients()) {
                assertTrue(Double.isFinite(v), "non-finite gradient in " + st);
            }
        }
    }

    @Test
    void featuresAreInvariantUnderRotations() {
        for (int s = 0; s < samples(); s++) {
            RandomStructures gen = RandomStructures.seeded(200 + s);
            Structure st = gen.structure(structures());
            assertSameFeatures(features(st, false), features(RandomStructures.rotate(st, gen.rotation()), false), null, "rotation");
        }
    }

    @Test
    void featuresAreInvariantUnderReflections() {
        for (int s = 0; s < samples(); s++) {
            RandomStructures gen = RandomStructures.seeded(300 + s);
            Structure st = gen.structure(structures());
            assertSameFeatures(features(st, false), features(RandomStructures.rotate(st, gen.reflection()), false), null, "reflection");
        }
    }

    @Test
    void featuresFollowPermutationsOfAtoms() {
        for (int s = 0; s < samples(); s++) {
            RandomStructures gen = RandomStructures.seeded(400 + s);
            Structure st = gen.structure(structures());
            int[] order = gen.permutation(st.atomCount());
            assertSameFeatures(features(st, false), features(RandomStructures.permute(st, order), false), order, "permutation");
        }
    }

    @Test
    void featuresAreInvariantUnderTranslations() {
        for (int s = 0; s < samples(); s++) {
            RandomStructures gen = RandomStructures.seeded(500 + s);
            Structure st = gen.structure(structures());
            assertSameFeatures(features(st, false), features(RandomStructures.translate(st, gen.translation(7.0)), false), null, "translation");
        }
    }

    @Test
    void featuresDoNotDependOnWhichPeriodicImageAnAtomIsStoredAt() {
        for (int s = 0; s < samples(); s++) {
            Structure st = RandomStructures.seeded(600 + s).structure(structures().periodicity(RandomStructures.Periodicity.FULL).unwrapped(true));
            assertSameFeatures(features(st, false), features(RandomStructures.wrapIntoCell(st), false), null, "periodic image");
        }
    }

    @Test
    void analyticGradientsMatchFiniteDifferencesOfPositions() {
        double h = 1e-5;
        for (int s = 0; s < Math.min(2, samples()); s++) {
            Structure st = RandomStructures.seeded(700 + s).structure(structures().atoms(2, 5));
            FeatureBlock b = features(st, true);
            NeighborList nl = b.neighbors();
            int n = st.atomCount();
            int size = b.size();
            double[] x = st.positions();
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < 3; c++) {
                    double[] xp = x.clone();
                    double[] xm = x.clone();
                    xp[3 * j + c] += h;
                    xm[3 * j + c] -= h;
                    FeatureBlock bp = features(st.withPositions(xp), false);
                    FeatureBlock bm = features(st.withPositions(xm), false);
                    for (int i = 0; i < n; i++) {
                        double[] analytic = new double[size];
                        for (int e = nl.offset(i); e < nl.offset(i + 1); e++) {
                            double sign = (nl.neighbor(e) == j ? 1 : 0) - (i == j ? 1 : 0);
                            if (sign != 0) {
                                for (int k = 0; k < size; k++) {
                                    analytic[k] += sign * b.gradient(e, k, c);
                                }
                            }
                        }
                        for (int k = 0; k < size; k++) {
                            double numeric = (bp.value(i, k) - bm.value(i, k)) / (2 * h);
                            double err = Math.abs(analytic[k] - numeric) / (1 + Math.abs(numeric));
                            if (!(err <= gradientTolerance())) {
                                fail(String.format(Locale.ROOT, "dB_%d[%d (%s)]/dx_%d,%d: analytic %.10g, numeric %.10g",
                                    i, k, descriptor().featureLabels().get(k), j, c, analytic[k], numeric));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void featuresAndGradientsVanishSmoothlyAsANeighbourCrossesTheCutoff() {
        Descriptor d = descriptor();
        int[] species = d.species();
        int za = species[0];
        int zb = species[species.length - 1];
        double rc = d.cutoff();
        Structure alone = Structure.of("alone", new double[] {0, 0, 0}, new int[] {za}, null, Labels.NONE);
        double[] isolated = features(alone, false).values();
        double[] dv = new double[3];
        double[] dg = new double[3];
        double[] eps = {1e-2, 1e-3, 1e-4};
        for (int t = 0; t < eps.length; t++) {
            double r = rc - eps[t];
            Structure pair = Structure.of("pair", new double[] {0, 0, 0, r * 0.6, r * 0.8, 0}, new int[] {za, zb}, null, Labels.NONE);
            FeatureBlock b = features(pair, true);
            for (int k = 0; k < d.size(); k++) {
                dv[t] = Math.max(dv[t], Math.abs(b.value(0, k) - isolated[k]));
            }
            for (double g : b.gradients()) {
                dg[t] = Math.max(dg[t], Math.abs(g));
            }
        }
        Structure beyond = Structure.of("beyond", new double[] {0, 0, 0, 0, 0, rc + 1e-6}, new int[] {za, zb}, null, Labels.NONE);
        double[] far = features(beyond, false).values();
        for (int k = 0; k < d.size(); k++) {
            assertEquals(isolated[k], far[k], 0.0, "beyond the cutoff a neighbour must not change feature " + k);
        }
        Structure half = Structure.of("half", new double[] {0, 0, 0, 0, 0, rc / 2}, new int[] {za, zb}, null, Labels.NONE);
        double[] mid = features(half, false).values();
        double typical = 1e-300;
        for (int k = 0; k < d.size(); k++) {
            typical = Math.max(typical, Math.abs(mid[k] - isolated[k]));
        }
        assertTrue(dv[2] <= 1e-4 * typical, "features must approach the isolated-atom value at the cutoff: change " + dv[2]
            + " at 1e-4 Å inside, against " + typical + " at half the cutoff");
        assertTrue(dv[2] <= 0.1 * dv[1] + 1e-14 && dv[1] <= 0.1 * dv[0] + 1e-14,
            "feature change must vanish faster than linearly towards the cutoff: " + Arrays.toString(dv));
        assertTrue(dg[2] <= 0.2 * dg[1] + 1e-14 && dg[1] <= 0.2 * dg[0] + 1e-14,
            "gradients must vanish towards the cutoff: " + Arrays.toString(dg));
    }

    @Test
    void aStructureWithAnUnknownSpeciesIsRejectedNamingIt() {
        Descriptor d = descriptor();
        int unknown = 86;
        for (int z : d.species()) {
            if (z == unknown) {
                unknown = 54;
            }
        }
        Structure st = Structure.of("stranger", new double[] {0, 0, 0, 1.5, 1.0, 0.5}, new int[] {d.species()[0], unknown}, null, Labels.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> features(st, false));
        assertTrue(e.getMessage().contains("stranger"), "message must name the structure: " + e.getMessage());
    }

    @Test
    void parametersRecreateTheSameDescriptor() {
        Assumptions.assumeTrue(provider().isPresent(), "no provider given");
        Descriptor d = descriptor();
        Descriptor again = provider().get().create(d.parameters(), StackContext.of(d.species(), 1, PluginRegistry.of(), null));
        assertEquals(d.size(), again.size());
        assertEquals(d.featureLabels(), again.featureLabels());
        Structure st = sample(800);
        assertSameFeatures(features(st, false), again.compute(st, NeighborList.build(st, again.cutoff()), false), null, "recreated");
    }

    @Test
    void restrictionKeepsExactlyTheSelectedFeaturesWithTheirGradients() {
        Descriptor d = descriptor();
        int[] keep = d.size() >= 3 ? new int[] {d.size() - 1, 0, d.size() / 2} : new int[] {0};
        Descriptor sub = d.restrict(new BasisSelection("contract", d.size(), keep, new int[0], Double.NaN, 0));
        assertEquals(keep.length, sub.size());
        Structure st = sample(900);
        NeighborList nl = NeighborList.build(st, d.cutoff());
        FeatureBlock full = d.compute(st, nl, true);
        FeatureBlock part = sub.compute(st, nl, true);
        for (int i = 0; i < st.atomCount(); i++) {
            for (int k = 0; k < keep.length; k++) {
                assertEquals(full.value(i, keep[k]), part.value(i, k), 1e-12 * (1 + Math.abs(full.value(i, keep[k]))));
            }
        }
        for (int e = 0; e < nl.edgeCount(); e++) {
            for (int k = 0; k < keep.length; k++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(full.gradient(e, keep[k], c), part.gradient(e, k, c), 1e-12 * (1 + Math.abs(full.gradient(e, keep[k], c))));
                }
            }
        }
    }

    @Test
    void selectableBasisJacobianMatchesFiniteDifferences() {
        Optional<SelectableBasis> sel = descriptor().selectable();
        Assumptions.assumeTrue(sel.isPresent(), "descriptor offers no selectable basis");
        SelectableBasis b = sel.get();
        assertEquals(b.size(), b.labels().size());
        assertEquals(b.size(), b.degrees().length);
        double[] alpha = new double[b.primitiveCount()];
        b.samplePrimitives(new SplittableRandom(17), alpha);
        double[] values = new double[b.size()];
        double[] jac = new double[b.size() * b.primitiveCount()];
        b.evaluate(alpha, values, jac);
        double h = 1e-6;
        double[] vp = new double[b.size()];
        double[] vm = new double[b.size()];
        double[] scratch = new double[jac.length];
        for (int p : List.of(0, b.primitiveCount() / 2, b.primitiveCount() - 1)) {
            double[] ap = alpha.clone();
            double[] am = alpha.clone();
            ap[p] += h;
            am[p] -= h;
            b.evaluate(ap, vp, scratch);
            b.evaluate(am, vm, scratch);
            for (int k = 0; k < b.size(); k++) {
                double numeric = (vp[k] - vm[k]) / (2 * h);
                double analytic = jac[k * b.primitiveCount() + p];
                assertEquals(numeric, analytic, 1e-5 * (1 + Math.abs(numeric)), "dB_" + k + "/dα_" + p);
            }
        }
    }
}
