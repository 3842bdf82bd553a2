package org.atomstack.selection.langbein.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.stack.StackContext;
import org.junit.jupiter.api.Test;

/** The algorithm on synthetic bases whose functional dependences are known. */
class LangbeinSelectorTest {

    /**
     * f1 = x1, f2 = x2, f3 = x1², f4 = x1·x2 + x2, f5 = x3: f3 and f4 are functions of f1, f2.
     */
    static SyntheticBasis fiveFunctions(int[] degrees) {
        return new SyntheticBasis(3, degrees, List.of(
            (x, g) -> {
                g[0] = 1;
                return x[0];
            },
            (x, g) -> {
                g[1] = 1;
                return x[1];
            },
            (x, g) -> {
                g[0] = 2 * x[0];
                return x[0] * x[0];
            },
            (x, g) -> {
                g[0] = x[1];
                g[1] = x[0] + 1;
                return x[0] * x[1] + x[1];
            },
            (x, g) -> {
                g[2] = 1;
                return x[2];
            }));
    }

    static LangbeinSelector selector(Map<String, Object> parameters, long seed) {
        return (LangbeinSelector) new LangbeinSelectorProvider().create(Parameters.of("selector", parameters),
            StackContext.of(new int[] {42}, seed, PluginRegistry.of(), null));
    }

    @Test
    void dropsExactlyTheFunctionsOfOthers() {
        BasisSelection s = selector(Map.of(), 7).select(fiveFunctions(new int[5]));
        assertArrayEquals(new int[] {0, 1, 4}, s.indices());
        assertEquals(5, s.basisSize());
        assertEquals("langbein", s.selector());
        assertEquals(8, s.sampleRanks().length);
        for (int r : s.sampleRanks()) {
            assertEquals(3, r);
        }
        assertEquals(LangbeinSelectorProvider.DEFAULT_TOLERANCE, s.tolerance());
        assertEquals(7, s.seed());
    }

    @Test
    void isDeterministicPerSeed() {
        SyntheticBasis b = fiveFunctions(new int[5]);
        assertEquals(selector(Map.of("samples", 3), 11).select(b), selector(Map.of("samples", 3), 11).select(b));
        BasisSelection other = selector(Map.of("samples", 3), 12).select(b);
        assertArrayEquals(new int[] {0, 1, 4}, other.indices());
        assertEquals(12, other.seed());
    }

    @Test
    void theSamePointsAreDrawnForTheSameSeed() {
        // A basis that records its points: two runs with one seed see identical points, another seed different ones.
        java.util.List<double[]> seen = new java.util.ArrayList<>();
        SyntheticBasis recording = new SyntheticBasis(2, List.of((x, g) -> {
            seen.add(x.clone());
            g[0] = 1;
            return x[0];
        }));
        selector(Map.of("samples", 4), 5).select(recording);
        List<double[]> first = List.copyOf(seen);
        seen.clear();
        selector(Map.of("samples", 4), 5).select(recording);
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), seen.get(i));
        }
        seen.clear();
        selector(Map.of("samples", 4), 6).select(recording);
        assertTrue(!java.util.Arrays.equals(first.get(0), seen.get(0)));
    }

    @Test
    void differentCandidateOrdersKeepDifferentButEquallySizedSets() {
        SyntheticBasis b = fiveFunctions(new int[5]);
        LangbeinSelector sel = selector(Map.of("samples", 2), 3);
        BasisSelection forward = sel.select(b, new int[] {0, 1, 2, 3, 4});
        BasisSelection backward = sel.select(b, new int[] {4, 3, 2, 1, 0});
        BasisSelection mixed = sel.select(b, new int[] {2, 1, 3, 0, 4});
        assertArrayEquals(new int[] {0, 1, 4}, forward.indices());
        assertArrayEquals(new int[] {2, 3, 4}, backward.indices());
        assertArrayEquals(new int[] {1, 2, 4}, mixed.indices());
        assertEquals(forward.size(), backward.size());
        assertEquals(forward.size(), mixed.size());
        assertNotEquals(forward, backward);
    }

    @Test
    void degreeOrderVisitsLowDegreesFirstAndIndexOrderIgnoresThem() {
        SyntheticBasis b = fiveFunctions(new int[] {2, 2, 1, 1, 1});
        assertArrayEquals(new int[] {2, 3, 4}, selector(Map.of("order", "degree"), 1).select(b).indices());
        assertArrayEquals(new int[] {0, 1, 4}, selector(Map.of("order", "index"), 1).select(b).indices());
        assertArrayEquals(new int[] {2, 3, 4, 0, 1}, LangbeinSelector.candidateOrder(b, LangbeinSelector.CandidateOrder.DEGREE));
    }

    @Test
    void lengthsOfGradientsAndUnitsOfPrimitivesDoNotMatter() {
        // f1 = 1e-5·x1 (short gradient), f2 = 1e5·x1² (a function of f1, long gradient), f3 = 1e3·x2 (x2 in other
        // units), f4 = x1 + x2 (a function of f1 and f3): kept are f1 and f3, whatever the lengths.
        SyntheticBasis b = new SyntheticBasis(2, List.of(
            (x, g) -> {
                g[0] = 1e-5;
                return 1e-5 * x[0];
            },
            (x, g) -> {
                g[0] = 2e5 * x[0];
                return 1e5 * x[0] * x[0];
            },
            (x, g) -> {
                g[1] = 1e3;
                return 1e3 * x[1];
            },
            (x, g) -> {
                g[0] = 1;
                g[1] = 1;
                return x[0] + x[1];
            }));
        assertArrayEquals(new int[] {0, 2}, selector(Map.of(), 1).select(b).indices());
    }

    @Test
    void theToleranceIsTheSineOfTheAngleToTheKeptSpan() {
        // f1 = x1, f3 = x2 keep the columns at unit scale; f2 = x1 + eps·x2 leans away from f1 by an angle ~ eps.
        for (double eps : new double[] {1e-5, 1e-11}) {
            double e = eps;
            SyntheticBasis b = new SyntheticBasis(2, List.of(
                (x, g) -> {
                    g[0] = 1;
                    return x[0];
                },
                (x, g) -> {
                    g[0] = 1;
                    g[1] = e;
                    return x[0] + e * x[1];
                },
                (x, g) -> {
                    g[1] = 1;
                    return x[1];
                }));
            int[] kept = selector(Map.of("tolerance", 1e-8), 1).select(b).indices();
            assertArrayEquals(eps > 1e-8 ? new int[] {0, 1} : new int[] {0, 2}, kept, "eps = " + eps);
        }
    }

    /** f1 = u·w, f2 = u·v, f3 = u, f4 = v, f5 = w: complete with f1..f3 unless u vanishes. */
    static SyntheticBasis degenerateWhenUVanishes() {
        return new SyntheticBasis(3, List.of(
            (x, g) -> {
                g[0] = x[2];
                g[2] = x[0];
                return x[0] * x[2];
            },
            (x, g) -> {
                g[0] = x[1];
                g[1] = x[0];
                return x[0] * x[1];
            },
            (x, g) -> {
                g[0] = 1;
                return x[0];
            },
            (x, g) -> {
                g[1] = 1;
                return x[1];
            },
            (x, g) -> {
                g[2] = 1;
                return x[2];
            }));
    }

    @Test
    void vanishingGroupsAddWhatTheDegeneratePointsNeed() {
        SyntheticBasis b = degenerateWhenUVanishes();
        assertArrayEquals(new int[] {0, 1, 2}, selector(Map.of("samples", 2, "primitives", "gaussian"), 1).select(b).indices());
        BasisSelection flexible = selector(Map.of("samples", 2, "primitives", "gaussian", "vanishing", List.of(List.of(0, 1), List.of(1, 2))), 1)
            .select(b);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, flexible.indices());
        // s·G + g: full point rank 3; u = 0: rank 2 in (v, w) from f4, f5; v = 0: rank 2 in (u, w) from f1, f3.
        assertArrayEquals(new int[] {3, 2, 2, 3, 2, 2}, flexible.sampleRanks());
    }

    @Test
    void aPatternMayZeroSeveralRangesTogether() {
        // u and v vanish together: only f5 = w has a gradient in the remaining primitive.
        BasisSelection s = selector(Map.of("samples", 2, "primitives", "gaussian", "vanishing", List.of(List.of(List.of(0, 1), List.of(1, 2)))), 1)
            .select(degenerateWhenUVanishes());
        assertArrayEquals(new int[] {0, 1, 2, 4}, s.indices());
        assertArrayEquals(new int[] {3, 1, 3, 1}, s.sampleRanks());
    }

    @Test
    void pruningLeavesAnInclusionMinimalSetWithTheSameRanks() {
        // f1 = u·v, f2 = u, f3 = v. Full point: f1, f2; u = 0: only f3 has a gradient in v. Union {f1, f2, f3};
        // f2 is not needed once f3 is there.
        SyntheticBasis b = new SyntheticBasis(2, List.of(
            (x, g) -> {
                g[0] = x[1];
                g[1] = x[0];
                return x[0] * x[1];
            },
            (x, g) -> {
                g[0] = 1;
                return x[0];
            },
            (x, g) -> {
                g[1] = 1;
                return x[1];
            }));
        Map<String, Object> flex = Map.of("samples", 3, "primitives", "gaussian", "vanishing", List.of(List.of(0, 1)));
        BasisSelection union = selector(flex, 2).select(b);
        assertArrayEquals(new int[] {0, 1, 2}, union.indices());
        Map<String, Object> pruned = new java.util.HashMap<>(flex);
        pruned.put("prune", true);
        BasisSelection minimal = selector(pruned, 2).select(b);
        assertArrayEquals(new int[] {0, 2}, minimal.indices());
        assertArrayEquals(union.sampleRanks(), minimal.sampleRanks());
    }

    @Test
    void nonFiniteDerivativesAreReportedWithTheFunction() {
        SyntheticBasis b = new SyntheticBasis(1, List.of((x, g) -> {
            g[0] = Double.NaN;
            return 0;
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> selector(Map.of(), 1).select(b));
        assertTrue(e.getMessage().contains("'f1'") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void vanishingPatternsMustLieWithinThePrimitives() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> selector(Map.of("vanishing", List.of(List.of(2, 5))), 1).select(fiveFunctions(new int[5])));
        assertEquals("vanishing pattern 0 sets primitive 4 to zero, but the basis has 3 primitives (0..2)", e.getMessage());
    }

    @Test
    void anEmptyBasisGivesAnEmptySelection() {
        BasisSelection s = selector(Map.of(), 1).select(new SyntheticBasis(2, List.of()));
        assertEquals(0, s.size());
        assertEquals(0, s.basisSize());
    }
}
