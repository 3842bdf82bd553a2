package org.atomstack.model.linear.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atomstack.api.model.Prediction;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures;
import org.junit.jupiter.api.Test;

/** Forces and stresses of the model are derivatives of its energy; the pair basis is C¹. */
class DerivativeTest {
    private static final double H = 1e-5;

    private static double energy(LinearModel model, Structure s) {
        return model.predict(s, NeighborList.build(s, model.cutoff()), false, false).energy();
    }

    @Test
    void forcesAreMinusTheEnergyGradient() {
        LinearModel model = Fixtures.truth(Fixtures.descriptor(), true);
        for (Structure s : Fixtures.structures(21, 8, RandomStructures.Periodicity.ANY)) {
            double[] f = model.predict(s, NeighborList.build(s, model.cutoff()), true, false).forces().orElseThrow();
            double[] x = s.positions();
            for (int k = 0; k < x.length; k++) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[k] += H;
                minus[k] -= H;
                double fd = -(energy(model, s.withPositions(plus)) - energy(model, s.withPositions(minus))) / (2 * H);
                assertEquals(fd, f[k], 1e-6 * Math.max(1, Math.abs(fd)), s.name() + " component " + k);
            }
        }
    }

    @Test
    void stressIsTheEnergyDerivativeWithRespectToStrainOverVolume() {
        LinearModel model = Fixtures.truth(Fixtures.descriptor(), true);
        int[][] voigt = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
        for (Structure s : Fixtures.structures(22, 6, RandomStructures.Periodicity.FULL)) {
            Prediction p = model.predict(s, NeighborList.build(s, model.cutoff()), false, true);
            double[] sigma = p.stress().orElseThrow();
            double volume = s.cell().orElseThrow().volume();
            for (int v = 0; v < 6; v++) {
                double[] eps = new double[9];
                int a = voigt[v][0];
                int b = voigt[v][1];
                eps[3 * a + b] = 1;
                eps[3 * b + a] = 1;
                double dE = (energy(model, strained(s, eps, H)) - energy(model, strained(s, eps, -H))) / (2 * H);
                double expected = a == b ? dE / volume : dE / (2 * volume);
                assertEquals(expected, sigma[v], 1e-7 * Math.max(1e-3, Math.abs(expected)), s.name() + " Voigt " + v);
            }
        }
    }

    @Test
    void stressIsOnlyPredictedForPeriodicCells() {
        LinearModel model = Fixtures.truth(Fixtures.descriptor(), false);
        for (Structure s : Fixtures.structures(23, 4, RandomStructures.Periodicity.NONE)) {
            Prediction p = model.predict(s, NeighborList.build(s, model.cutoff()), true, true);
            assertFalse(p.stress().isPresent(), s.name());
            assertTrue(p.forces().isPresent());
        }
    }

    @Test
    void pairBasisDerivativeMatchesFiniteDifferencesAndVanishesSmoothlyAtTheCutoff() {
        PairBasis basis = new PairBasis(3.0, 6, new int[] {14});
        double[] f = new double[6];
        double[] df = new double[6];
        double[] fp = new double[6];
        double[] fm = new double[6];
        double[] unused = new double[6];
        for (double r = 0.5; r < 3.0; r += 0.173) {
            basis.evaluate(r, f, df);
            basis.evaluate(r + H, fp, unused);
            basis.evaluate(r - H, fm, unused);
            for (int n = 0; n < 6; n++) {
                assertEquals((fp[n] - fm[n]) / (2 * H), df[n], 1e-7, "r=" + r + " n=" + n);
            }
        }
        basis.evaluate(3.0 - 1e-9, f, df);
        for (int n = 0; n < 6; n++) {
            assertEquals(0, f[n], 1e-15);
            assertEquals(0, df[n], 1e-8);
        }
        assertFalse(basis.evaluate(3.0, f, df));
    }

    @Test
    void pairIndicesEnumerateUnorderedPairs() {
        PairBasis basis = new PairBasis(3.0, 2, new int[] {1, 8, 14});
        assertEquals(6, basis.pairs());
        boolean[] seen = new boolean[6];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                int p = basis.pairIndex(a, b);
                assertEquals(p, basis.pairIndex(b, a));
                seen[p] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    /** The structure deformed by F = I + t·eps (positions and lattice vectors as rows: x·Fᵀ with symmetric eps). */
    private static Structure strained(Structure s, double[] eps, double t) {
        double[] x = s.positions();
        double[] y = new double[x.length];
        for (int i = 0; i < x.length / 3; i++) {
            deform(x, 3 * i, eps, t, y);
        }
        Cell c = s.cell().orElseThrow();
        double[] m = c.matrix();
        double[] m2 = new double[9];
        for (int i = 0; i < 3; i++) {
            deform(m, 3 * i, eps, t, m2);
        }
        return Structure.of(s.name(), y, s.numbers(), Cell.of(m2, c.pbc()), Labels.NONE);
    }

    private static void deform(double[] in, int at, double[] eps, double t, double[] out) {
        for (int b = 0; b < 3; b++) {
            double v = in[at + b];
            for (int a = 0; a < 3; a++) {
                v += t * in[at + a] * eps[3 * a + b];
            }
            out[at + b] = v;
        }
    }

    @Test
    void predictionRejectsShortNeighbourListsAndUnknownSpecies() {
        LinearModel model = Fixtures.truth(Fixtures.descriptor(), true);
        Structure s = Fixtures.structures(24, 1, RandomStructures.Periodicity.FULL).get(0);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> model.predict(s, NeighborList.build(s, 2.0), true, false));
        assertTrue(e.getMessage().contains("below the model cutoff"), e.getMessage());
        Structure carbon = Structure.of("carbon", new double[] {0, 0, 0, 1.5, 0, 0}, new int[] {6, 14}, null, Labels.NONE);
        IllegalArgumentException u = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> model.predict(carbon, NeighborList.build(carbon, model.cutoff()), false, false));
        assertTrue(u.getMessage().contains("carbon: atom 0 is C"), u.getMessage());
    }
}
