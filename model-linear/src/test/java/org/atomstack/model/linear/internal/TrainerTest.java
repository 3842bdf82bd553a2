package org.atomstack.model.linear.internal;

import static org.atomstack.model.linear.internal.Fixtures.map;
import static org.atomstack.model.linear.internal.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures;
import org.junit.jupiter.api.Test;

/** The trainer's checks, messages and progress reporting; parameter validation. */
class TrainerTest {
    private static final RadialTestDescriptor DESCRIPTOR = Fixtures.descriptor();
    private static final Dataset DATA = Fixtures.label("train.xyz", Fixtures.structures(71, 12, RandomStructures.Periodicity.ANY),
        Fixtures.truth(DESCRIPTOR, false), 0.01, 1);
    private static final Dataset EMPTY = Dataset.of("empty.xyz", List.of());
    private final LinearModelProvider provider = new LinearModelProvider();

    private static Dataset relabel(String name, java.util.function.UnaryOperator<Labels.Builder> change) {
        List<Structure> out = new ArrayList<>();
        for (Structure s : DATA.structures()) {
            out.add(s.withLabels(change.apply(s.labels().toBuilder()).build()));
        }
        return Dataset.of(name, out);
    }

    private IllegalArgumentException trainFails(Parameters p, Dataset training) {
        return assertThrows(IllegalArgumentException.class,
            () -> provider.trainer(p, DESCRIPTOR, Fixtures.context()).train(training, EMPTY, TrainingListener.NONE));
    }

    private PluginException configFails(Parameters p) {
        return assertThrows(PluginException.class, () -> provider.trainer(p, DESCRIPTOR, Fixtures.context()));
    }

    @Test
    void rejectsAnEmptyTrainingSetNamingIt() {
        assertEquals("training dataset 'empty.xyz' is empty", trainFails(params(), EMPTY).getMessage());
    }

    @Test
    void rejectsADatasetWithoutEnergiesOrForcesNamingIt() {
        Dataset stressOnly = relabel("stress-only.xyz", b -> Labels.builder().stress(new double[6]));
        assertTrue(trainFails(params(), stressOnly).getMessage().startsWith("training dataset 'stress-only.xyz' has no energy or force labels"));
    }

    @Test
    void fittingE0NeedsEnergiesButGivenE0WorksWithForcesAlone() {
        Dataset forcesOnly = relabel("forces.xyz", b -> Labels.builder().forces(b.build().forces().orElseThrow()));
        String msg = trainFails(params(), forcesOnly).getMessage();
        assertTrue(msg.contains("'forces.xyz' has no energy labels, so E0 cannot be fitted"), msg);
        LinearModel m = Fixtures.train(params("e0", map("Si", -1.0, "Mo", -2.0)), DESCRIPTOR, forcesOnly);
        assertEquals(0, m.diagnostics().get("energy_rows"));
        String unweighted = trainFails(params("weights", map("energy", 0.0)), DATA).getMessage();
        assertTrue(unweighted.contains("'train.xyz' gives no weighted energy rows"), unweighted);
    }

    @Test
    void rejectsSpeciesTheDescriptorDoesNotHandle() {
        Structure carbon = Structure.of("c", new double[] {0, 0, 0, 1.4, 0, 0}, new int[] {6, 14}, null,
            Labels.builder().energy(1).build());
        String msg = trainFails(params(), Dataset.of("with-carbon.xyz", List.of(carbon))).getMessage();
        assertEquals("dataset 'with-carbon.xyz' contains C, which the descriptor does not handle (species [Si, Mo])", msg);
    }

    @Test
    void needsADescriptor() {
        PluginException e = assertThrows(PluginException.class, () -> provider.trainer(params(), null, Fixtures.context()));
        assertTrue(e.getMessage().contains("needs a descriptor"), e.getMessage());
    }

    @Test
    void smoothnessPriorNeedsADescriptorThatOffersOne() {
        RadialTestDescriptor plain = new RadialTestDescriptor(Fixtures.CUTOFF, 3, Fixtures.SPECIES, false, false);
        PluginException e = assertThrows(PluginException.class,
            () -> provider.trainer(params("prior", "smoothness"), plain, Fixtures.context()));
        assertTrue(e.getMessage().startsWith("model.prior: 'smoothness' needs a descriptor with a smoothness prior"), e.getMessage());
        List<String> messages = new ArrayList<>();
        provider.trainer(params(), plain, Fixtures.context()).train(DATA, EMPTY, new TrainingListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        });
        assertTrue(messages.get(0).contains("identity prior"), messages.toString());
    }

    @Test
    void parameterErrorsNameThePathAndQuoteTheValue() {
        assertTrue(configFails(params("solvr", "blr")).getMessage().startsWith("model.solvr: unknown parameter; allowed: e0, weights"));
        assertEquals("model.solver: 'lasso' is not one of [blr, ridge, tsvd, rrqr]", configFails(params("solver", "lasso")).getMessage());
        assertEquals("model.solver.method: 'lasso' is not one of [blr, ridge, tsvd, rrqr]",
            configFails(params("solver", map("method", "lasso"))).getMessage());
        assertEquals("model.solver.lambda: must be >= 0, got -1.0",
            configFails(params("solver", map("method", "ridge", "lambda", -1.0))).getMessage());
        assertEquals("model.solver.rtol: must be in [0, 1), got 2.0",
            configFails(params("solver", map("method", "tsvd", "rtol", 2.0))).getMessage());
        assertTrue(configFails(params("solver", map("method", "tsvd", "lambda", 1.0))).getMessage()
            .startsWith("model.solver.lambda: unknown parameter; allowed: method, rtol"));
        assertEquals("model.weights.energy: must be >= 0, got -1.0", configFails(params("weights", map("energy", -1.0))).getMessage());
        assertEquals("model.config_weights.Elastic: must be >= 0, got -2.0",
            configFails(params("config_weights", map("Elastic", -2.0))).getMessage());
        assertEquals("model.prior: 'sharp' is not one of [auto, identity, smoothness]", configFails(params("prior", "sharp")).getMessage());
        assertEquals("model.system: 'lu' is not one of [auto, normal, qr]", configFails(params("system", "lu")).getMessage());
        assertEquals("model.pair.cutoff: must be > 0 Å, got -1.0", configFails(params("pair", map("cutoff", -1.0))).getMessage());
        assertEquals("model.threads: must be >= 1, got 0", configFails(params("threads", 0)).getMessage());
        assertEquals("model.e0: 'guess' is not one of [fit, average] or a map {symbol: eV}", configFails(params("e0", "guess")).getMessage());
        assertEquals("model.e0.Xx: 'Xx' is not a chemical element", configFails(params("e0", map("Xx", 1.0))).getMessage());
        assertEquals("model.e0: no value for Mo (the descriptor handles [Si, Mo])", configFails(params("e0", map("Si", 1.0))).getMessage());
        assertTrue(configFails(params("e0", map("Si", 1.0, "Mo", 2.0, "C", 0.0))).getMessage()
            .startsWith("model.e0.C: the descriptor does not handle C"));
    }

    @Test
    void reportsProgressMessagesAndValidationMetrics() {
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void progress(String phase, long done, long total) {
                events.add(phase + " " + done + "/" + total);
            }

            @Override
            public void metric(String name, long step, double value) {
                events.add("metric " + name);
            }

            @Override
            public void message(String text) {
                events.add("message " + text);
            }
        };
        Dataset validation = Fixtures.label("valid.xyz", Fixtures.structures(72, 3, RandomStructures.Periodicity.FULL),
            Fixtures.truth(DESCRIPTOR, false), 0, 2);
        provider.trainer(params(), DESCRIPTOR, Fixtures.context()).train(DATA, validation, listener);
        assertEquals("featurise 0/12", events.get(1));
        assertTrue(events.contains("featurise 12/12"));
        assertTrue(events.indexOf("solve 0/1") < events.indexOf("solve 1/1"));
        assertTrue(events.contains("validate 3/3"));
        assertTrue(events.contains("metric weighted_rmse"));
        assertTrue(events.contains("metric validation_energy_rmse"));
        assertTrue(events.contains("metric validation_forces_rmse"));
        assertTrue(events.contains("metric validation_stress_rmse"));
        assertTrue(events.stream().anyMatch(e -> e.startsWith("message linear: blr alpha")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("message linear: validation 'valid.xyz' energy RMSE")), events.toString());
    }

    @Test
    void aStopRequestFitsTheStructuresReadSoFar() {
        int[] seen = {0};
        TrainingListener stopAfterFive = new TrainingListener() {
            @Override
            public void progress(String phase, long done, long total) {
                if (phase.equals("featurise")) {
                    seen[0] = (int) done;
                }
            }

            @Override
            public boolean stopRequested() {
                return seen[0] >= 5;
            }
        };
        LinearModel m = (LinearModel) provider.trainer(params("threads", 2), DESCRIPTOR, Fixtures.context())
            .train(DATA, EMPTY, stopAfterFive);
        assertEquals(5.0, m.diagnostics().get("structures"));
    }
}
