package org.atomstack.model.linear.internal;

import static org.atomstack.model.linear.internal.Fixtures.map;
import static org.atomstack.model.linear.internal.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Noiseless labels from a known linear model (descriptor coefficients, fitted E0, pair term)
 * are reproduced exactly by every solver in both system forms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryTest {
    private RadialTestDescriptor descriptor;
    private LinearModel truth;
    private Dataset data;

    @BeforeAll
    void label() {
        descriptor = Fixtures.descriptor();
        truth = Fixtures.truth(descriptor, true);
        List<Structure> structures = Fixtures.structures(11, 40, RandomStructures.Periodicity.ANY);
        data = Fixtures.label("synthetic", structures, truth, 0, 1);
    }

    Stream<Arguments> solvers() {
        return Stream.of(
            Arguments.of("blr", "normal", map("method", "blr")),
            Arguments.of("blr", "qr", map("method", "blr")),
            Arguments.of("ridge", "normal", map("method", "ridge", "lambda", 0.0)),
            Arguments.of("ridge", "qr", map("method", "ridge", "lambda", 0.0)),
            Arguments.of("tsvd", "normal", map("method", "tsvd", "rtol", 1e-7)),
            Arguments.of("tsvd", "qr", map("method", "tsvd", "rtol", 1e-12)),
            Arguments.of("rrqr", "normal", map("method", "rrqr", "rtol", 1e-7)),
            Arguments.of("rrqr", "qr", map("method", "rrqr", "rtol", 1e-12)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("solvers")
    void recoversKnownCoefficientsFromNoiselessLabels(String method, String system, Object solver) {
        Parameters p = params("solver", solver, "system", system, "pair", map("cutoff", 3.5, "basis", 3),
            "weights", map("energy", 30.0, "forces", 1.0, "stress", 1.0));
        LinearModel fit = Fixtures.train(p, descriptor, data);
        double tol = system.equals("qr") ? 1e-8 : 1e-6;
        assertTrue(Fixtures.relativeError(fit.coefficients(), truth.coefficients()) < tol,
            method + "/" + system + " coefficients " + java.util.Arrays.toString(fit.coefficients()));
        assertTrue(Fixtures.relativeError(fit.e0(), truth.e0()) < tol, "E0 " + java.util.Arrays.toString(fit.e0()));
        assertTrue(Fixtures.relativeError(fit.pairCoefficients(), truth.pairCoefficients()) < tol,
            "pair " + java.util.Arrays.toString(fit.pairCoefficients()));
        assertEquals(descriptor.size() + 2 + 9, fit.parameterCount());
        assertTrue(fit.diagnostics().get("weighted_rmse") < 1e-5, "rmse " + fit.diagnostics());
    }

    @Test
    void givenE0IsSubtractedAndNotFitted() {
        Parameters p = params("e0", map("Si", -5.5, "Mo", -10.8), "solver", map("method", "ridge", "lambda", 0.0),
            "pair", map("cutoff", 3.5, "basis", 3));
        LinearModel fit = Fixtures.train(p, descriptor, data);
        assertArrayEquals(new double[] {-5.5, -10.8}, fit.e0());
        assertTrue(Fixtures.relativeError(fit.coefficients(), truth.coefficients()) < 1e-6);
        assertEquals(descriptor.size() + 9, fit.parameterCount());
    }

    @Test
    void averageE0IsTheCompositionLeastSquaresFit() {
        Parameters p = params("e0", "average", "solver", map("method", "ridge", "lambda", 1e-3));
        LinearModel fit = Fixtures.train(p, descriptor, data);
        // direct 2×2 least squares of E/N on the composition fractions, energy weight 30 for all
        double[][] g = new double[2][2];
        double[] b = new double[2];
        for (Structure s : data.structures()) {
            double[] x = new double[2];
            for (int i = 0; i < s.atomCount(); i++) {
                x[s.number(i) == 14 ? 0 : 1] += 1.0 / s.atomCount();
            }
            double y = s.labels().energy().getAsDouble() / s.atomCount();
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    g[i][j] += x[i] * x[j];
                }
                b[i] += x[i] * y;
            }
        }
        double det = g[0][0] * g[1][1] - g[0][1] * g[1][0];
        double[] e0 = {(g[1][1] * b[0] - g[0][1] * b[1]) / det, (g[0][0] * b[1] - g[1][0] * b[0]) / det};
        assertTrue(Fixtures.relativeError(fit.e0(), e0) < 1e-9, java.util.Arrays.toString(fit.e0()) + " vs " + java.util.Arrays.toString(e0));
        assertEquals(descriptor.size(), fit.parameterCount());
    }
}
