package org.atomstack.basis.ace.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.AceParameters;
import org.atomstack.testkit.RandomStructures;
import org.atomstack.testkit.RandomStructures.Options;
import org.atomstack.testkit.RandomStructures.Periodicity;
import org.junit.jupiter.api.Test;

/** Layout across species, restriction, parameters and the prior. */
class AceDescriptorTest {
    private static Map<String, Object> cuNiAu() {
        return AceFixtures.with(AceFixtures.with(AceFixtures.small(4.0), "degree", List.of(6, 6, 4, 3)), "species", List.of("Au", "Cu", "Ni"));
    }

    private static Structure cuNiAuStructure(long seed) {
        return RandomStructures.seeded(seed).structure(Options.defaults().speciesPool(29, 28, 79).species(3, 3).atoms(5, 7)
            .volumePerAtom(12, 16).minDistance(1.6).periodicity(Periodicity.FULL));
    }

    @Test
    void multiSpeciesFeaturesStackOneBlockPerCentreSpecies() {
        Descriptor d = AceFixtures.create(cuNiAu(), 1);
        assertArrayEquals(new int[] {28, 29, 79}, d.species());
        int k = d.size() / 3;
        assertEquals(3 * k, d.size());
        assertTrue(d.featureLabels().get(0).startsWith("Ni: "), d.featureLabels().get(0));
        assertTrue(d.featureLabels().get(k).startsWith("Cu: "));
        assertTrue(d.featureLabels().get(2 * k).startsWith("Au: "));
        Structure s = cuNiAuStructure(21);
        FeatureBlock b = AceFixtures.compute(d, s, true);
        int[] block = {-1};
        for (int i = 0; i < s.atomCount(); i++) {
            int c = switch (s.number(i)) {
                case 28 -> 0;
                case 29 -> 1;
                default -> 2;
            };
            block[0] = c;
            double inBlock = 0;
            for (int f = 0; f < d.size(); f++) {
                if (f / k != c) {
                    assertEquals(0, b.value(i, f), "atom " + i + " feature " + f + " outside its block");
                } else {
                    inBlock = Math.max(inBlock, Math.abs(b.value(i, f)));
                }
            }
            assertTrue(inBlock > 0);
        }
        // neighbour-species channels: swapping the species of two unlike atoms changes the features
        int[] z = s.numbers();
        int a = 0;
        int other = 1;
        while (z[other] == z[a]) {
            other++;
        }
        int t = z[a];
        z[a] = z[other];
        z[other] = t;
        Structure swapped = Structure.of(s.name(), s.positions(), z, s.cell().orElse(null), Labels.NONE);
        FeatureBlock bs = AceFixtures.compute(d, swapped, false);
        assertTrue(AceFixtures.relativeDifference(bs.values(), b.values()) > 1e-3);
    }

    @Test
    void unknownSpeciesNamesStructureAtomAndSpecies() {
        Descriptor d = AceFixtures.create(AceFixtures.with(AceFixtures.small(4.0), "species", List.of("Cu", "Ni")), 1);
        Structure s = Structure.of("cuau.xyz#3", new double[] {0, 0, 0, 2.5, 0, 0, 0, 2.5, 0}, new int[] {29, 28, 79}, null, Labels.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AceFixtures.compute(d, s, false));
        assertTrue(e.getMessage().contains("cuau.xyz#3") && e.getMessage().contains("atom 2") && e.getMessage().contains("Au"), e.getMessage());
    }

    @Test
    void restrictionEvaluatesTheSelectedColumnsInSelectionOrder() {
        Descriptor d = AceFixtures.create(cuNiAu(), 1);
        SplittableRandom rng = new SplittableRandom(5);
        int[] keep = new int[40];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < keep.length; i++) {
            int c;
            do {
                c = rng.nextInt(d.size());
            } while (!seen.add(c));
            keep[i] = c;
        }
        BasisSelection sel = new BasisSelection("test", d.size(), keep, new int[] {3}, 1e-10, 7);
        Descriptor r = d.restrict(sel);
        assertEquals(keep.length, r.size());
        Structure s = cuNiAuStructure(22);
        NeighborList nl = NeighborList.build(s, 4.0);
        FeatureBlock full = d.compute(s, nl, true);
        FeatureBlock part = r.compute(s, nl, true);
        for (int i = 0; i < s.atomCount(); i++) {
            for (int k = 0; k < keep.length; k++) {
                assertEquals(full.value(i, keep[k]), part.value(i, k), 0);
            }
        }
        for (int e = 0; e < nl.edgeCount(); e++) {
            for (int k = 0; k < keep.length; k++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(full.gradient(e, keep[k], c), part.gradient(e, k, c), 0);
                }
            }
        }
        for (int k = 0; k < keep.length; k++) {
            assertEquals(d.featureLabels().get(keep[k]), r.featureLabels().get(k));
            assertEquals(d.smoothnessPrior().orElseThrow()[keep[k]], r.smoothnessPrior().orElseThrow()[k]);
        }
        // a restriction of a restriction refers to the full basis in its parameters
        Descriptor rr = r.restrict(new BasisSelection("again", keep.length, new int[] {5, 1}, new int[0], Double.NaN, 0));
        FeatureBlock twice = rr.compute(s, nl, false);
        for (int i = 0; i < s.atomCount(); i++) {
            assertEquals(full.value(i, keep[5]), twice.value(i, 0), 0);
            assertEquals(full.value(i, keep[1]), twice.value(i, 1), 0);
        }
        // parameters() recreate the unrestricted basis (api contract); the selection is recorded separately
        Descriptor recreated = new AceDescriptorProvider().create(rr.parameters(), AceFixtures.context(1));
        assertEquals(d.featureLabels(), recreated.featureLabels());
        assertThrows(IllegalArgumentException.class, () -> d.restrict(new BasisSelection("x", d.size() + 1, new int[] {0}, new int[0], 0, 0)));
    }

    @Test
    void parametersRecreateTheSameDescriptor() {
        Map<String, Object> p = new LinkedHashMap<>(cuNiAu());
        p.put("radial", Map.of("r0", Map.of("Cu", 2.5, "Au-Ni", 2.6), "inner", 0.4, "q", 3));
        Descriptor d = AceFixtures.create(p, 1);
        Parameters again = d.parameters();
        Descriptor d2 = new AceDescriptorProvider().create(again, AceFixtures.context(6));
        assertEquals(d.featureLabels(), d2.featureLabels());
        assertEquals(again.asMap(), d2.parameters().asMap());
        Structure s = cuNiAuStructure(23);
        assertArrayEquals(AceFixtures.compute(d, s, false).values(), AceFixtures.compute(d2, s, false).values());
        Map<?, ?> radial = (Map<?, ?>) again.asMap().get("radial");
        assertEquals(Map.of("Ni", 3.52 / Math.sqrt(2), "Cu", 2.5, "Au", 4.08 / Math.sqrt(2), "Ni-Au", 2.6), radial.get("r0"), "pairs are named in ascending atomic number");
        assertEquals(List.of("Ni", "Cu", "Au").size(), ((List<?>) again.asMap().get("species")).size());
    }

    @Test
    void speciesDefaultToTheContext() {
        Descriptor d = AceFixtures.create(AceFixtures.small(4.0), 42, 3);
        assertArrayEquals(new int[] {3, 42}, d.species());
    }

    @Test
    void smoothnessPriorIsTheSumOfSquaredOnePlusFactorDegrees() {
        Map<String, Object> p = AceFixtures.with(AceFixtures.small(4.0), "wL", 2.0);
        AceDescriptor d = (AceDescriptor) AceFixtures.create(p, 42);
        double[] prior = d.smoothnessPrior().orElseThrow();
        AceBasisSet basis = d.basis();
        assertEquals(d.size(), prior.length);
        for (int k = 0; k < d.size(); k++) {
            double g = 0;
            for (int op : basis.function(k).factors()) {
                AceBasisSet.OneParticle o = basis.oneParticles().get(op);
                g += Math.pow(1 + o.n() + 2.0 * o.l(), 2);
            }
            assertEquals(g, prior[k], 1e-12);
            assertTrue(prior[k] >= 1);
        }
    }

    @Test
    void invalidParametersAreReportedWithTheirPath() {
        assertError(AceFixtures.with(AceFixtures.small(4.0), "degre", 3), "descriptor.degre", "unknown parameter");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "degree", List.of(5, 4)), "descriptor.degree", "[5.0, 4.0]");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "order", 9), "descriptor.order", "9");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "cutoff", -2), "descriptor.cutoff", "-2");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "species", List.of("Cu", "Xx")), "descriptor.species[1]", "Xx");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "radial", Map.of("kind", "gaussian")), "descriptor.radial.kind", "gaussian");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "radial", Map.of("kind", "bessel", "inner", 0.5)), "descriptor.radial.inner",
            "polynomial");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "radial", Map.of("p", 5, "q", 2)), "descriptor.radial.q", "p = 5.0");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "radial", Map.of("inner", 5.0)), "descriptor.radial.inner", "5.0");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "radial", Map.of("r0", Map.of("Pt", 2.0))), "descriptor.radial.r0.Pt", "Pt");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "species", List.of("H", "Mo")), "descriptor.radial.r0", "H");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "radial", Map.of("transform", "linear", "r0", 2)),
            "descriptor.radial.r0", "linear");
        // H works with an explicit r0 or a transform without one
        AceFixtures.create(AceFixtures.with(AceFixtures.with(AceFixtures.small(4.0), "species", List.of("H", "Mo")), "radial",
            Map.of("r0", Map.of("H", 1.0))), 1);
        AceFixtures.create(AceFixtures.with(AceFixtures.with(AceFixtures.small(4.0), "species", List.of("H", "Mo")), "radial",
            Map.of("kind", "bessel")), 1);
    }

    @Test
    void purificationKeysArePassedThroughAndPurifyNeedsTheCanonicalAcePlugin() {
        Map<String, Object> p = AceFixtures.with(AceFixtures.small(4.0), "purification", Map.of("tolerance", 1e-6));
        Descriptor d = AceFixtures.create(AceFixtures.with(p, "purify", false), 42);
        assertEquals(Map.of("tolerance", 1e-6), d.parameters().asMap().get("purification"), "kept for the purification plugin");
        assertTrue(!d.parameters().asMap().containsKey("purify"), "purify: false is the default and not written");
        // the registry of AceFixtures has the ace plugin only
        assertError(AceFixtures.with(p, "purify", true), "descriptor.purify", "canonical-ace");
        assertError(AceFixtures.with(p, "purify", "maybe"), "descriptor.purify", "maybe");
        assertError(AceFixtures.with(AceFixtures.small(4.0), "purification", 3), "descriptor.purification", "3");
        PluginException e = assertThrows(PluginException.class, () -> d.regularizer("purification"));
        assertTrue(e.getMessage().contains("canonical-ace"), e.getMessage());
        assertTrue(d.regularizer("other").isEmpty());
        // the toolkit reads the same parameters the same way
        AceParameters ap = AceParameters.parse(d.parameters(), AceFixtures.context(42));
        assertEquals(((AceDescriptor) d).basis().size(), ap.basisSpec().build().size());
        assertEquals(4.0, ap.cutoff());
        assertEquals(1e-6, ap.purification().orElseThrow().number("tolerance"));
        assertEquals("descriptor.purification", ap.purification().orElseThrow().path());
    }

    private static void assertError(Map<String, Object> params, String path, String quoted) {
        PluginException e = assertThrows(PluginException.class, () -> AceFixtures.create(params, 42));
        assertTrue(e.getMessage().contains(path) && e.getMessage().contains(quoted), e.getMessage());
    }

    @Test
    void concurrentComputeGivesTheSequentialResult() throws Exception {
        Descriptor d = AceFixtures.create(cuNiAu(), 1);
        List<Structure> structures = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            structures.add(cuNiAuStructure(100 + i));
        }
        List<FeatureBlock> sequential = new java.util.ArrayList<>();
        for (Structure s : structures) {
            sequential.add(AceFixtures.compute(d, s, true));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<FeatureBlock>> futures = new java.util.ArrayList<>();
            for (Structure s : structures) {
                futures.add(pool.submit(() -> AceFixtures.compute(d, s, true)));
            }
            for (int i = 0; i < structures.size(); i++) {
                FeatureBlock b = futures.get(i).get();
                assertArrayEquals(sequential.get(i).values(), b.values());
                assertArrayEquals(sequential.get(i).gradients(), b.gradients());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void validatesTheNeighbourList() {
        Descriptor d = AceFixtures.create(AceFixtures.small(4.0), 42);
        Structure s = Structure.of("pair", new double[] {0, 0, 0, 2.5, 0, 0}, new int[] {42, 42}, null, Labels.NONE);
        assertThrows(IllegalArgumentException.class, () -> d.compute(s, NeighborList.build(s, 3.0), false));
    }
}
