package org.atomstack.model.hipnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Training through the provider: the loss falls and a validation split is held out; a run
 * stopped by the listener and resumed from its checkpoint ends with exactly the parameters of
 * an uninterrupted run; the offsets are the composition least squares; a saved and reloaded
 * model predicts bit for bit the same.
 */
class TrainingTest extends CpuBackendTest {
    /** Records messages and metrics; optionally asks to stop after a number of steps. */
    static final class Recorder implements TrainingListener {
        final List<String> messages = new ArrayList<>();
        final List<String> metrics = new ArrayList<>();
        final List<Double> validationLoss = new ArrayList<>();
        final List<Double> trainLoss = new ArrayList<>();
        final int stopAfterSteps;
        int steps;

        Recorder(int stopAfterSteps) {
            this.stopAfterSteps = stopAfterSteps;
        }

        @Override
        public void progress(String phase, long done, long total) {
            if (phase.equals("batch")) {
                steps++;
            }
        }

        @Override
        public void metric(String name, long step, double value) {
            metrics.add(name);
            if (name.equals("validation_loss")) {
                validationLoss.add(value);
            } else if (name.equals("train_loss")) {
                trainLoss.add(value);
            }
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }

        @Override
        public boolean stopRequested() {
            return stopAfterSteps >= 0 && steps >= stopAfterSteps;
        }
    }

    private static Parameters small(String variant, int epochs, Object... extra) {
        List<Object> kv = new ArrayList<>(List.of("variant", variant, "width", 6, "interactions", 1, "onsite", 1, "sensitivities", 4,
            "cutoff", 4.0, "lower_cutoff", 1.8, "epochs", epochs, "batch_size", 4, "learning_rate", 0.01, "validation_fraction", 0.2));
        kv.addAll(List.of(extra));
        return Fixtures.parameters(kv.toArray());
    }

    private static Model train(Parameters p, Dataset data, TrainingListener listener) {
        return new HipnnModelProvider().trainer(p, null, Fixtures.context(new int[] {41, 42}, 3, backend))
            .train(data, Dataset.of("none", List.of()), listener);
    }

    @Test
    void trainingLowersTheValidationLossOnAHeldOutSplit() {
        Dataset data = Fixtures.bccSet(1, 10, 2, 41, 42);
        Recorder r = new Recorder(-1);
        train(small("hipnn", 6), data, r);
        assertTrue(r.messages.stream().anyMatch(m -> m.contains("holding out 2 of 10")), r.messages.toString());
        assertEquals(6, r.validationLoss.size());
        assertTrue(r.validationLoss.get(5) < r.validationLoss.get(0), "validation loss " + r.validationLoss);
        assertTrue(r.metrics.contains("train_structures_per_second"));
    }

    @Test
    void aStoppedRunResumedFromItsCheckpointEqualsAnUninterruptedRun(@TempDir Path dir) {
        Dataset data = Fixtures.bccSet(2, 8, 2, 41, 42);
        HipnnModel whole = (HipnnModel) train(small("hip-hop", 3, "learning_rate", 0.002), data, new Recorder(-1));
        Path checkpoint = dir.resolve("run.ckpt");
        Recorder stopper = new Recorder(3);
        HipnnModel stopped = (HipnnModel) train(small("hip-hop", 3, "learning_rate", 0.002, "checkpoint", checkpoint.toString()), data,
            stopper);
        assertTrue(Files.exists(checkpoint));
        assertTrue(stopper.messages.stream().anyMatch(m -> m.contains("requested")), stopper.messages.toString());
        assertNotEquals(whole.trainedParameters(), stopped.trainedParameters());
        Recorder resumed = new Recorder(-1);
        HipnnModel finished = (HipnnModel) train(small("hip-hop", 3, "learning_rate", 0.002, "checkpoint", checkpoint.toString()), data,
            resumed);
        assertTrue(resumed.messages.stream().anyMatch(m -> m.startsWith("resuming from")), resumed.messages.toString());
        assertEquals(whole.trainedParameters(), finished.trainedParameters());
    }

    /** The penalty is part of a checkpoint's configuration: a run is not resumed under another one. */
    @Test
    void aCheckpointIsNotResumedUnderAnotherPenalty(@TempDir Path dir) {
        Dataset data = Fixtures.bccSet(2, 8, 2, 41, 42);
        Path checkpoint = dir.resolve("run.ckpt");
        Recorder stopper = new Recorder(3);
        train(small("hipnn", 3, "checkpoint", checkpoint.toString(), "regularization", java.util.Map.of("hierarchicality", 0.1)), data,
            stopper);
        assertTrue(Files.exists(checkpoint));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> train(small("hipnn", 3,
            "checkpoint", checkpoint.toString(), "regularization", java.util.Map.of("hierarchicality", 0.2)), data, new Recorder(-1)));
        assertTrue(e.getMessage().contains("another configuration") && e.getMessage().contains("penalty=hierarchicality=0.1, l2=0.0"),
            e.getMessage());
    }

    /**
     * {@code init_from} continues a saved model: L-BFGS refinement starts at its parameters and
     * offsets (the first full-batch loss is the saved model's loss on the same training split,
     * which is the last validation pass's loss when the split is the same) and lowers the loss;
     * a model of another architecture is refused naming the parameter.
     */
    @Test
    void aWarmStartRefinesASavedModelWithLbfgs(@TempDir Path dir) throws Exception {
        Dataset data = Fixtures.bccSet(4, 8, 2, 41, 42);
        Model adam = train(small("hipnn-ts", 3, "validation_fraction", 0), data, TrainingListener.NONE);
        adam.save(Files.createDirectories(dir.resolve("model")));
        Recorder r = new Recorder(-1);
        HipnnModel refined = (HipnnModel) train(small("hipnn-ts", 3, "validation_fraction", 0, "optimizer", "lbfgs",
            "lbfgs", java.util.Map.of("history", 5, "iterations", 4), "init_from", dir.toString()), data, r);
        assertTrue(r.messages.stream().anyMatch(m -> m.contains("starting from the parameters and offsets of")), r.messages.toString());
        assertArrayEquals(((HipnnModel) adam).network().offsets(), refined.network().offsets(), 0.0);
        // without validation data the monitored loss is the training loss: full-batch, at the start of each epoch
        List<Double> losses = r.validationLoss.isEmpty() ? r.trainLoss : r.validationLoss;
        assertEquals(3, losses.size(), r.metrics.toString());
        double saved = fullBatchLoss(adam, data);
        assertEquals(saved, r.trainLoss.get(0), 1e-9 * saved, "the first loss is the saved model's");
        assertTrue(r.trainLoss.get(2) < 0.9 * saved, "L-BFGS lowered the loss " + r.trainLoss);
        Exception e = assertThrows(IllegalArgumentException.class, () -> train(small("hipnn-ts", 1, "width", 7,
            "init_from", dir.resolve("model").toString()), data, TrainingListener.NONE));
        assertTrue(e.getMessage().startsWith("model.init_from: the model in"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> train(small("hipnn-ts", 1, "init_from", dir.resolve("none").toString()), data,
            TrainingListener.NONE));
        assertTrue(e.getMessage().contains("holds no hipnn model"), e.getMessage());
    }

    /** 100 · mean((ΔE/N)²) + mean(ΔF²) of {@code model} over {@code data} (the default loss weights). */
    private static double fullBatchLoss(Model model, Dataset data) {
        double e = 0;
        double f = 0;
        int components = 0;
        for (Structure s : data.structures()) {
            Prediction p = model.predict(s, NeighborList.build(s, model.cutoff()), true, false);
            double de = (p.energy() - s.labels().energy().orElseThrow()) / s.atomCount();
            e += de * de;
            double[] ref = s.labels().forces().orElseThrow();
            double[] got = p.forces().orElseThrow();
            for (int i = 0; i < ref.length; i++) {
                f += (got[i] - ref[i]) * (got[i] - ref[i]);
            }
            components += ref.length;
        }
        return 100 * e / data.size() + f / components;
    }

    @Test
    void offsetsAreTheLeastSquaresFitOfEnergyOnComposition() {
        SplittableRandom rng = new SplittableRandom(4);
        List<Structure> out = new ArrayList<>();
        double[] e0 = {-3.25, -7.5};
        for (int k = 0; k < 6; k++) {
            Structure s = Fixtures.cluster(rng, "c" + k, 3 + k, 41, 42);
            double e = 0;
            for (int z : s.numbers()) {
                e += z == 41 ? e0[0] : e0[1];
            }
            out.add(s.withLabels(Labels.builder().energy(e).build()));
        }
        assertArrayEquals(e0, OffsetFit.fit(Dataset.of("d", out), new int[] {41, 42}), 1e-8);
    }

    /** Stage parameters recorded before {@code resnet} existed (no key) load as the plain layers they were. */
    @Test
    void aModelRecordedWithoutTheResnetKeyLoadsWithPlainLayers(@TempDir Path dir) throws Exception {
        Model model = train(small("hipnn-ts", 1, "resnet", false), Fixtures.bccSet(3, 4, 2, 41, 42), TrainingListener.NONE);
        model.save(dir);
        java.util.Map<String, Object> old = new java.util.LinkedHashMap<>(model.parameters().asMap());
        old.remove("resnet");
        Model loaded = new HipnnModelProvider().load(dir, Parameters.of("model", old), null,
            Fixtures.context(new int[] {41, 42}, 3, backend));
        assertEquals(false, loaded.parameters().raw("resnet"));
        Structure s = Fixtures.bcc(new SplittableRandom(5), "probe", 2, 3.1, 0.02, 0.1, 41, 42);
        NeighborList nl = NeighborList.build(s, model.cutoff());
        assertEquals(model.predict(s, nl, false, false).energy(), loaded.predict(s, nl, false, false).energy(), 0.0);
    }

    @ParameterizedTest
    @CsvSource({"hipnn, float64", "hipnn-ts, float64", "hip-hop, float64", "hip-hop, float32"})
    void aSavedAndReloadedModelPredictsIdentically(String variant, String dtype, @TempDir Path dir) throws Exception {
        Dataset data = Fixtures.bccSet(3, 4, 2, 41, 42);
        Model model = train(small(variant, 1, "dtype", dtype, "interactions", 2), data, TrainingListener.NONE);
        model.save(dir);
        Model loaded = new HipnnModelProvider().load(dir, model.parameters(), null, Fixtures.context(new int[] {41, 42}, 3, backend));
        assertEquals(model.parameterCount(), loaded.parameterCount());
        assertEquals(model.parameters().asMap(), loaded.parameters().asMap());
        assertEquals(((HipnnModel) model).trainedParameters(), ((HipnnModel) loaded).trainedParameters());
        Structure s = Fixtures.bcc(new SplittableRandom(5), "probe", 2, 3.1, 0.02, 0.1, 41, 42);
        NeighborList nl = NeighborList.build(s, model.cutoff());
        Prediction a = model.predict(s, nl, true, true);
        Prediction b = loaded.predict(s, nl, true, true);
        assertEquals(a.energy(), b.energy(), 0.0);
        assertArrayEquals(a.forces().orElseThrow(), b.forces().orElseThrow(), 0.0);
        assertArrayEquals(a.stress().orElseThrow(), b.stress().orElseThrow(), 0.0);
        Structure molecule = Structure.of("m", s.positions(), s.numbers(), Cell.of(s.cell().orElseThrow().matrix(),
            new boolean[] {true, true, false}), Labels.NONE);
        assertTrue(loaded.predict(molecule, NeighborList.build(molecule, model.cutoff()), true, true).stress().isEmpty(),
            "no stress without a fully periodic cell");
    }
}
