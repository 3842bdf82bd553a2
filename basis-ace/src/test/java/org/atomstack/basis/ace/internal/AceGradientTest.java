package org.atomstack.basis.ace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures;
import org.atomstack.testkit.RandomStructures.Options;
import org.atomstack.testkit.RandomStructures.Periodicity;
import org.junit.jupiter.api.Test;

/** Analytic edge gradients against central finite differences of atom positions. */
class AceGradientTest {
    private static void checkAgainstFiniteDifferences(Descriptor d, Structure s) {
        FeatureBlock b = AceFixtures.compute(d, s, true);
        double[] analytic = AceFixtures.positionGradients(b);
        int n = s.atomCount();
        int k = d.size();
        double h = 1e-5;
        double[] x = s.positions();
        double largest = 0;
        for (double g : analytic) {
            largest = Math.max(largest, Math.abs(g));
        }
        assertTrue(largest > 1e-3, "gradients are not trivially zero: largest " + largest);
        System.out.printf("%s: %d features, %d edges, largest |dB/dx| %.3g%n", s, k, b.neighbors().edgeCount(), largest);
        double worst = 0;
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < 3; c++) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[3 * a + c] += h;
                minus[3 * a + c] -= h;
                FeatureBlock bp = AceFixtures.compute(d, s.withPositions(plus), false);
                FeatureBlock bm = AceFixtures.compute(d, s.withPositions(minus), false);
                for (int i = 0; i < n; i++) {
                    for (int f = 0; f < k; f++) {
                        double fd = (bp.value(i, f) - bm.value(i, f)) / (2 * h);
                        double an = analytic[((i * k + f) * n + a) * 3 + c];
                        double err = Math.abs(fd - an) / (1 + Math.abs(fd));
                        worst = Math.max(worst, err);
                        assertEquals(fd, an, 1e-6 * (1 + Math.abs(fd)), s + ": dB[" + i + "," + d.featureLabels().get(f) + "]/dx[" + a + "," + c + "]");
                    }
                }
            }
        }
        assertTrue(worst < 1e-6, "worst relative error " + worst);
        System.out.printf("  worst relative error vs central differences %.2e%n", worst);
    }

    @Test
    void singleSpeciesPeriodicAndIsolated() {
        Descriptor d = AceFixtures.create(AceFixtures.small(4.0), 42);
        RandomStructures random = RandomStructures.seeded(11);
        Options o = Options.defaults().speciesPool(42).species(1, 1).atoms(2, 3).volumePerAtom(14, 18).minDistance(1.6);
        checkAgainstFiniteDifferences(d, random.structure(o.periodicity(Periodicity.FULL)));
        checkAgainstFiniteDifferences(d, random.structure(o.periodicity(Periodicity.NONE).atoms(4, 5)));
    }

    @Test
    void threeSpeciesWithPairDependentRadialBases() {
        Map<String, Object> p = AceFixtures.with(AceFixtures.with(AceFixtures.small(4.0), "degree", List.of(7, 7, 5, 4)),
            "species", List.of("Cu", "Ni", "Au"));
        Descriptor d = AceFixtures.create(p, 1);
        RandomStructures random = RandomStructures.seeded(12);
        Options o = Options.defaults().speciesPool(29, 28, 79).species(3, 3).atoms(3, 4).volumePerAtom(12, 16).minDistance(1.6)
            .periodicity(Periodicity.MIXED);
        checkAgainstFiniteDifferences(d, random.structure(o));
    }

    @Test
    void besselRadialBasisAndInnerCutoff() {
        Map<String, Object> bessel = AceFixtures.with(AceFixtures.small(4.0), "radial", Map.of("kind", "bessel", "envelope", 4));
        Map<String, Object> inner = AceFixtures.with(AceFixtures.small(4.0), "radial",
            Map.of("transform", "power", "inner", 0.5, "polynomials", "legendre", "r0", 2.6));
        RandomStructures random = RandomStructures.seeded(13);
        Options o = Options.defaults().speciesPool(42).species(1, 1).atoms(2, 2).volumePerAtom(14, 18).minDistance(1.6)
            .periodicity(Periodicity.FULL);
        checkAgainstFiniteDifferences(AceFixtures.create(bessel, 42), random.structure(o));
        checkAgainstFiniteDifferences(AceFixtures.create(inner, 42), random.structure(o));
    }

    @Test
    void neighbourListsWithALargerCutoffGiveTheSameResult() {
        Descriptor d = AceFixtures.create(AceFixtures.small(4.0), 42);
        Structure s = RandomStructures.seeded(14).structure(Options.defaults().speciesPool(42).species(1, 1).atoms(3, 3)
            .volumePerAtom(14, 18).minDistance(1.6).periodicity(Periodicity.FULL));
        FeatureBlock exact = d.compute(s, NeighborList.build(s, 4.0), true);
        NeighborList wide = NeighborList.build(s, 5.5);
        FeatureBlock b = d.compute(s, wide, true);
        assertTrue(AceFixtures.relativeDifference(b.values(), exact.values()) < 1e-14);
        double[] ga = AceFixtures.positionGradients(b);
        double[] gb = AceFixtures.positionGradients(exact);
        assertTrue(AceFixtures.relativeDifference(ga, gb) < 1e-12);
        for (int e = 0; e < wide.edgeCount(); e++) {
            if (wide.distance(e) >= 4.0) {
                for (int f = 0; f < d.size(); f++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(0, b.gradient(e, f, c));
                    }
                }
            }
        }
    }
}
