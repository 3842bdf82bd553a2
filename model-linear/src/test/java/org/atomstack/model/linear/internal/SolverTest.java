package org.atomstack.model.linear.internal;

import static org.atomstack.model.linear.internal.Fixtures.map;
import static org.atomstack.model.linear.internal.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The solvers against direct computations and their defining properties. */
class SolverTest {
    private static final List<Structure> STRUCTURES = Fixtures.structures(31, 30, RandomStructures.Periodicity.ANY);

    /** The full weighted design matrix and targets, assembled row by row (for direct solves). */
    private static double[][] denseDesign(RadialTestDescriptor d, LinearSettings settings, DesignLayout layout, Dataset data,
                                          List<Double> targets) {
        RowAssembler asm = new RowAssembler(d, layout, settings.weights(), settings.configWeights(),
            new double[layout.speciesCount()], layout.pair() == null ? d.cutoff() : Math.max(d.cutoff(), layout.pair().cutoff()));
        List<double[]> rows = new ArrayList<>();
        for (Structure s : data.structures()) {
            RowBlock b = asm.rows(s);
            for (int r = 0; r < b.rows(); r++) {
                rows.add(Arrays.copyOfRange(b.design(), r * b.columns(), (r + 1) * b.columns()));
                targets.add(b.targets()[r]);
            }
        }
        return rows.toArray(new double[0][]);
    }

    @ParameterizedTest(name = "system {0}")
    @ValueSource(strings = {"normal", "qr"})
    void ridgeMatchesADirectDenseSolveOfTheRegularisedNormalEquations(String system) {
        RadialTestDescriptor d = Fixtures.descriptor();
        Dataset data = Fixtures.label("noisy", STRUCTURES, Fixtures.truth(d, true), 0.05, 2);
        double lambda = 0.5;
        var p = params("solver", map("method", "ridge", "lambda", lambda), "system", system, "prior", "smoothness",
            "pair", map("cutoff", 3.5, "basis", 3));
        LinearModel fit = Fixtures.train(p, d, data);
        LinearSettings settings = LinearSettings.parse(p);
        DesignLayout layout = fit.layout();
        List<Double> y = new ArrayList<>();
        double[][] a = denseDesign(d, settings, layout, data, y);
        int n = layout.columns();
        double[] gamma = layout.prior(d.smoothnessPrior().orElseThrow());
        double[][] lhs = new double[n][n];
        double[] rhs = new double[n];
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    lhs[i][j] += a[r][i] * a[r][j];
                }
                rhs[i] += a[r][i] * y.get(r);
            }
        }
        for (int k = 0; k < gamma.length; k++) {
            int col = layout.e0Columns() + k;
            lhs[col][col] += lambda * gamma[k] * gamma[k];
        }
        double[] c = new LUDecomposition(new Array2DRowRealMatrix(lhs)).getSolver().solve(new ArrayRealVector(rhs)).toArray();
        double[] fitted = concat(fit.e0(), fit.coefficients(), fit.pairCoefficients());
        assertTrue(Fixtures.relativeError(fitted, c) < 1e-9, Arrays.toString(fitted) + "\n" + Arrays.toString(c));
        assertEquals(lambda, fit.diagnostics().get("lambda"));
    }

    private static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }

    /** Descriptor with feature 0 duplicated, identity prior, labels from a model with c_0 = 0.3 and c_dup = 0.3·(−1)^… */
    private static Object[] duplicateSetup() {
        RadialTestDescriptor d = new RadialTestDescriptor(Fixtures.CUTOFF, 3, Fixtures.SPECIES, false, true);
        LinearModel truth = Fixtures.truth(d, false);
        Dataset data = Fixtures.label("rank-deficient", STRUCTURES, truth, 0, 3);
        return new Object[] {d, truth, data};
    }

    private static void assertPredictsLike(LinearModel fit, LinearModel truth) {
        for (Structure s : Fixtures.structures(32, 5, RandomStructures.Periodicity.FULL)) {
            NeighborList nl = NeighborList.build(s, truth.cutoff());
            Prediction a = fit.predict(s, nl, true, true);
            Prediction b = truth.predict(s, nl, true, true);
            assertEquals(b.energy(), a.energy(), 1e-8 * Math.abs(b.energy()));
            assertTrue(Fixtures.relativeError(a.forces().orElseThrow(), b.forces().orElseThrow()) < 1e-8);
            assertTrue(Fixtures.relativeError(a.stress().orElseThrow(), b.stress().orElseThrow()) < 1e-8);
        }
    }

    @Test
    void truncatedSvdSplitsADuplicatedFeatureEvenlyAndDropsOneSingularValue() {
        Object[] setup = duplicateSetup();
        RadialTestDescriptor d = (RadialTestDescriptor) setup[0];
        LinearModel truth = (LinearModel) setup[1];
        LinearModel fit = Fixtures.train(params("solver", map("method", "tsvd", "rtol", 1e-10), "prior", "identity"), d,
            (Dataset) setup[2]);
        double[] c = fit.coefficients();
        double[] t = truth.coefficients();
        int dup = d.size() - 1;
        assertEquals(c[0], c[dup], 1e-9, "minimum-norm split");
        assertEquals(t[0] + t[dup], c[0] + c[dup], 1e-9);
        for (int k = 1; k < dup; k++) {
            assertEquals(t[k], c[k], 1e-9, "feature " + k);
        }
        assertEquals(d.size() - 1, fit.diagnostics().get("rank"));
        assertPredictsLike(fit, truth);
    }

    @Test
    void rrqrKeepsOneOfTwoDuplicatedFeaturesAndZeroesTheOther() {
        Object[] setup = duplicateSetup();
        RadialTestDescriptor d = (RadialTestDescriptor) setup[0];
        LinearModel truth = (LinearModel) setup[1];
        LinearModel fit = Fixtures.train(params("solver", map("method", "rrqr", "rtol", 1e-10), "prior", "identity"), d,
            (Dataset) setup[2]);
        double[] c = fit.coefficients();
        double[] t = truth.coefficients();
        int dup = d.size() - 1;
        assertTrue(c[0] == 0 || c[dup] == 0, "one duplicate dropped: " + c[0] + ", " + c[dup]);
        assertEquals(t[0] + t[dup], c[0] + c[dup], 1e-9);
        assertEquals(d.size() - 1, fit.diagnostics().get("rank"));
        assertPredictsLike(fit, truth);
    }

    @ParameterizedTest(name = "system {0}")
    @ValueSource(strings = {"normal", "qr"})
    void unregularisedRidgeRejectsARankDeficientDesign(String system) {
        Object[] setup = duplicateSetup();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fixtures.train(
            params("solver", map("method", "ridge", "lambda", 0.0), "prior", "identity", "system", system),
            (RadialTestDescriptor) setup[0], (Dataset) setup[2]));
        assertTrue(e.getMessage().startsWith("ridge:") && e.getMessage().contains("rank-deficient"), e.getMessage());
    }

    @Test
    void bayesianRegressionRecoversTheNoiseLevel() {
        RadialTestDescriptor d = Fixtures.descriptor();
        double sigma = 0.02;
        Dataset data = Fixtures.label("noisy", Fixtures.structures(33, 60, RandomStructures.Periodicity.ANY),
            Fixtures.truth(d, true), sigma, 4);
        LinearModel fit = Fixtures.train(params("solver", "blr", "pair", map("cutoff", 3.5, "basis", 3),
            "weights", map("energy", 1.0, "forces", 1.0, "stress", 0.0)), d, data);
        Map<String, Double> diag = fit.diagnostics();
        assertEquals(1.0, diag.get("converged"));
        assertEquals(sigma, diag.get("noise_rms"), 0.1 * sigma, diag.toString());
        double gamma = diag.get("effective_parameters");
        assertTrue(gamma > 0 && gamma <= d.size() + 9, diag.toString());
        assertTrue(Double.isFinite(diag.get("log_evidence")));
    }

    @ParameterizedTest(name = "system {0}")
    @ValueSource(strings = {"normal", "qr"})
    void bayesianPosteriorMeanIsTheRidgeSolutionWithLambdaAlphaOverBeta(String system) {
        RadialTestDescriptor d = Fixtures.descriptor();
        Dataset data = Fixtures.label("noisy", STRUCTURES, Fixtures.truth(d, true), 0.05, 5);
        LinearModel blr = Fixtures.train(params("solver", "blr", "system", system, "pair", map("cutoff", 3.5, "basis", 3)), d, data);
        double lambda = blr.diagnostics().get("alpha") / blr.diagnostics().get("beta");
        assertTrue(lambda > 1e-8, "a non-trivial regularisation: " + lambda);
        LinearModel ridge = Fixtures.train(params("solver", map("method", "ridge", "lambda", lambda), "system", system,
            "pair", map("cutoff", 3.5, "basis", 3)), d, data);
        assertTrue(Fixtures.relativeError(blr.coefficients(), ridge.coefficients()) < 1e-8);
        assertTrue(Fixtures.relativeError(blr.pairCoefficients(), ridge.pairCoefficients()) < 1e-8);
        assertTrue(Fixtures.relativeError(blr.e0(), ridge.e0()) < 1e-8);
    }

    @Test
    void normalAndQrFormsGiveTheSameRegularisedFit() {
        RadialTestDescriptor d = Fixtures.descriptor();
        Dataset data = Fixtures.label("noisy", STRUCTURES, Fixtures.truth(d, true), 0.05, 6);
        for (Object solver : List.of(map("method", "ridge", "lambda", 0.01), map("method", "tsvd", "rtol", 1e-4), "blr")) {
            LinearModel a = Fixtures.train(params("solver", solver, "system", "normal"), d, data);
            LinearModel b = Fixtures.train(params("solver", solver, "system", "qr"), d, data);
            assertTrue(Fixtures.relativeError(a.coefficients(), b.coefficients()) < 1e-7, solver.toString());
            assertTrue(Fixtures.relativeError(a.e0(), b.e0()) < 1e-7, solver.toString());
        }
    }

    @Test
    void strongerRidgeShrinksThePriorScaledCoefficients() {
        RadialTestDescriptor d = Fixtures.descriptor();
        Dataset data = Fixtures.label("noisy", STRUCTURES, Fixtures.truth(d, false), 0.05, 7);
        double[] gamma = d.smoothnessPrior().orElseThrow();
        double previous = Double.POSITIVE_INFINITY;
        for (double lambda : new double[] {1e-4, 1e-1, 1e2, 1e5}) {
            double[] c = Fixtures.train(params("solver", map("method", "ridge", "lambda", lambda)), d, data).coefficients();
            double norm = 0;
            for (int k = 0; k < c.length; k++) {
                norm += gamma[k] * gamma[k] * c[k] * c[k];
            }
            assertTrue(norm < previous, "λ = " + lambda + ": ‖Γc‖² = " + norm);
            previous = norm;
        }
    }
}
