package org.atomstack.basis.ace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures;
import org.atomstack.testkit.RandomStructures.Options;
import org.atomstack.testkit.RandomStructures.Periodicity;
import org.junit.jupiter.api.Test;

/**
 * Invariance of the features under the symmetries of the problem, on random structures of one
 * and of three species (these tests can later move onto the shared descriptor contract).
 */
class AceInvarianceTest {
    private static final double TOL = 1e-10;

    private static final Descriptor MO = AceFixtures.create(AceFixtures.small(4.5), 42);
    private static final Descriptor CUNIAU = AceFixtures.create(
        AceFixtures.with(AceFixtures.with(AceFixtures.small(4.5), "degree", List.of(7, 7, 5, 4)), "species", List.of("Cu", "Ni", "Au")), 1);

    private static Options mo() {
        return Options.defaults().speciesPool(42).species(1, 1).atoms(2, 6).volumePerAtom(14, 18).minDistance(1.6);
    }

    private static Options cuNiAu() {
        return Options.defaults().speciesPool(29, 28, 79).species(2, 3).atoms(3, 7).volumePerAtom(12, 16).minDistance(1.6);
    }

    private static void assertSame(FeatureBlock a, FeatureBlock b, String what) {
        double d = AceFixtures.relativeDifference(a.values(), b.values());
        assertTrue(d < TOL, what + ": relative difference " + d);
    }

    @Test
    void rotationsAndReflections() {
        RandomStructures random = RandomStructures.seeded(1);
        for (Descriptor d : List.of(MO, CUNIAU)) {
            for (int trial = 0; trial < 4; trial++) {
                Structure s = random.structure(d == MO ? mo() : cuNiAu());
                FeatureBlock b = AceFixtures.compute(d, s, false);
                assertSame(b, AceFixtures.compute(d, RandomStructures.rotate(s, random.rotation()), false), "rotation of " + s);
                assertSame(b, AceFixtures.compute(d, RandomStructures.rotate(s, random.reflection()), false), "reflection of " + s);
            }
        }
    }

    @Test
    void permutationsOfAtoms() {
        RandomStructures random = RandomStructures.seeded(2);
        for (Descriptor d : List.of(MO, CUNIAU)) {
            for (int trial = 0; trial < 4; trial++) {
                Structure s = random.structure(d == MO ? mo() : cuNiAu());
                int[] order = random.permutation(s.atomCount());
                FeatureBlock b = AceFixtures.compute(d, s, false);
                FeatureBlock p = AceFixtures.compute(d, RandomStructures.permute(s, order), false);
                for (int k = 0; k < s.atomCount(); k++) {
                    for (int f = 0; f < d.size(); f++) {
                        assertEquals(b.value(order[k], f), p.value(k, f), TOL * (1 + Math.abs(b.value(order[k], f))));
                    }
                }
            }
        }
    }

    @Test
    void translationsAndPeriodicImageChoice() {
        RandomStructures random = RandomStructures.seeded(3);
        for (Descriptor d : List.of(MO, CUNIAU)) {
            for (int trial = 0; trial < 4; trial++) {
                Options o = (d == MO ? mo() : cuNiAu()).periodicity(trial % 2 == 0 ? Periodicity.FULL : Periodicity.MIXED).unwrapped(true);
                Structure s = random.structure(o);
                FeatureBlock b = AceFixtures.compute(d, s, false);
                assertSame(b, AceFixtures.compute(d, RandomStructures.translate(s, random.translation(7)), false), "translation of " + s);
                assertSame(b, AceFixtures.compute(d, RandomStructures.wrapIntoCell(s), false), "wrapping " + s);
            }
        }
    }

    @Test
    void featuresAreNonTrivial() {
        Structure s = RandomStructures.seeded(4).structure(mo().periodicity(Periodicity.FULL));
        FeatureBlock b = AceFixtures.compute(MO, s, false);
        int nonzero = 0;
        for (double v : b.values()) {
            nonzero += Math.abs(v) > 1e-8 ? 1 : 0;
        }
        assertTrue(nonzero > 0.9 * b.values().length, nonzero + " of " + b.values().length + " features are non-zero");
    }
}
