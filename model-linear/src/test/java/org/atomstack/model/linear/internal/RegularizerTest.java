package org.atomstack.model.linear.internal;

import static org.atomstack.model.linear.internal.Fixtures.map;
import static org.atomstack.model.linear.internal.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.descriptor.Regularizer;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@code regularizer: <name>} with Γ = T⁻ᵀ on features B fits exactly what Γ = I (times the same
 * diagonal prior) fits on the transformed features T·B.
 */
class RegularizerTest {
    private static final List<Structure> STRUCTURES = Fixtures.structures(57, 24, RandomStructures.Periodicity.ANY);

    /** A unit lower-triangular T with a few off-diagonal entries (like a purification operator). */
    private static double[][] operator(int n) {
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            t[i][i] = 1;
            for (int j = 0; j < i; j++) {
                if ((i + 2 * j) % 3 == 0) {
                    t[i][j] = 0.4 * Math.sin(1.0 + i + 3 * j);
                }
            }
        }
        return t;
    }

    /** The base descriptor offering regulariser "change" = T⁻ᵀ, i.e. S = Γ⁻¹ = Tᵀ. */
    private record Offering(RadialTestDescriptor base, double[][] t) implements Descriptor {
        @Override
        public double cutoff() {
            return base.cutoff();
        }

        @Override
        public int size() {
            return base.size();
        }

        @Override
        public int[] species() {
            return base.species();
        }

        @Override
        public List<String> featureLabels() {
            return base.featureLabels();
        }

        @Override
        public FeatureBlock compute(Structure s, NeighborList nl, boolean gradients) {
            return base.compute(s, nl, gradients);
        }

        @Override
        public Parameters parameters() {
            return base.parameters();
        }

        @Override
        public Optional<double[]> smoothnessPrior() {
            return base.smoothnessPrior();
        }

        @Override
        public Optional<Regularizer> regularizer(String name) {
            if (!name.equals("change")) {
                return Optional.empty();
            }
            int n = size();
            int[] start = new int[n + 1];
            List<Integer> cols = new java.util.ArrayList<>();
            List<Double> vals = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                start[i] = cols.size();
                for (int j = 0; j < n; j++) {
                    if (t[j][i] != 0) {
                        cols.add(j);
                        vals.add(t[j][i]);
                    }
                }
            }
            start[n] = cols.size();
            return Optional.of(Regularizer.ofInverse(name, n, start, cols.stream().mapToInt(Integer::intValue).toArray(),
                vals.stream().mapToDouble(Double::doubleValue).toArray(), "test change of basis"));
        }
    }

    /** The features T·B (values and gradients). */
    private record Transformed(RadialTestDescriptor base, double[][] t) implements Descriptor {
        @Override
        public double cutoff() {
            return base.cutoff();
        }

        @Override
        public int size() {
            return base.size();
        }

        @Override
        public int[] species() {
            return base.species();
        }

        @Override
        public List<String> featureLabels() {
            return base.featureLabels();
        }

        @Override
        public FeatureBlock compute(Structure s, NeighborList nl, boolean gradients) {
            FeatureBlock b = base.compute(s, nl, gradients);
            int n = size();
            double[] v = new double[b.values().length];
            for (int a = 0; a < b.atoms(); a++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        v[a * n + i] += t[i][j] * b.value(a, j);
                    }
                }
            }
            double[] g = null;
            if (gradients) {
                g = new double[b.gradients().length];
                for (int e = 0; e < nl.edgeCount(); e++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            for (int c = 0; c < 3; c++) {
                                g[(e * n + i) * 3 + c] += t[i][j] * b.gradient(e, j, c);
                            }
                        }
                    }
                }
            }
            return new FeatureBlock(b.atoms(), n, v, nl, g);
        }

        @Override
        public Parameters parameters() {
            return base.parameters();
        }

        @Override
        public Optional<double[]> smoothnessPrior() {
            return base.smoothnessPrior();
        }
    }

    @ParameterizedTest(name = "{0} on {1}, prior {2}")
    @CsvSource({"ridge, normal, smoothness", "ridge, qr, identity", "blr, normal, smoothness", "tsvd, qr, smoothness"})
    void aRegulariserEqualsTheChangeOfBasis(String method, String system, String prior) {
        RadialTestDescriptor base = Fixtures.descriptor();
        double[][] t = operator(base.size());
        Dataset data = Fixtures.label("noisy", STRUCTURES, Fixtures.truth(base, true), 0.02, 5);
        Object solver = method.equals("ridge") ? map("method", "ridge", "lambda", 0.3) : method;
        Parameters viaRegulariser = params("solver", solver, "system", system, "prior", prior, "regularizer", "change",
            "pair", map("cutoff", 3.5, "basis", 3));
        Parameters viaBasis = params("solver", solver, "system", system, "prior", prior, "pair", map("cutoff", 3.5, "basis", 3));
        LinearModel a = Fixtures.train(viaRegulariser, new Offering(base, t), data);
        LinearModel b = Fixtures.train(viaBasis, new Transformed(base, t), data);
        for (Structure s : Fixtures.structures(99, 6, RandomStructures.Periodicity.ANY)) {
            Prediction pa = a.predict(s, NeighborList.build(s, a.cutoff()), true, false);
            Prediction pb = b.predict(s, NeighborList.build(s, b.cutoff()), true, false);
            assertEquals(pb.energy(), pa.energy(), 1e-7 * (1 + Math.abs(pb.energy())), s.name());
            assertTrue(Fixtures.relativeError(pa.forces().orElseThrow(), pb.forces().orElseThrow()) < 1e-7, s.name());
        }
        assertEquals("change", a.parameters().asMap().get("regularizer"));
    }

    @Test
    void aRegulariserTheDescriptorDoesNotOfferIsAnErrorNamingThePath() {
        RadialTestDescriptor base = Fixtures.descriptor();
        PluginException e = assertThrows(PluginException.class,
            () -> new LinearModelProvider().trainer(params("regularizer", "purification"), base, Fixtures.context()));
        assertTrue(e.getMessage().startsWith("model.regularizer: 'purification'"), e.getMessage());
        e = assertThrows(PluginException.class,
            () -> new LinearModelProvider().trainer(params("regularizer", "a b"), base, Fixtures.context()));
        assertTrue(e.getMessage().contains("model.regularizer") && e.getMessage().contains("'a b'"), e.getMessage());
    }
}
