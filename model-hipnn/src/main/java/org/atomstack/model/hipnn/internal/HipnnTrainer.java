package org.atomstack.model.hipnn.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.atomstack.api.model.ModelTrainer;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.api.tensor.TensorOps;
import org.atomstack.api.train.Adam;
import org.atomstack.api.train.AtomBatch;
import org.atomstack.api.train.Lbfgs;
import org.atomstack.api.train.LearningRateSchedule;
import org.atomstack.api.train.Loss;
import org.atomstack.api.train.ParameterSet;
import org.atomstack.api.train.Plateau;
import org.atomstack.api.train.Trainer;
import org.atomstack.api.train.TrainingOptions;
import org.atomstack.api.train.TrainingResult;

/**
 * Trains a {@link HipnnNetwork} with the api's {@link Trainer}:
 *
 * <ol>
 *   <li>when the validation set passed in is empty, a seeded fraction
 *       ({@code validation_fraction}) of the training set is held out for validation;</li>
 *   <li>per-species energy offsets are fitted on the remaining training structures by least
 *       squares on the composition ({@link OffsetFit}), and the mean neighbour count is measured
 *       (it scales the initial interaction weights);</li>
 *   <li>the loss w_E·mean((ΔE/N)²) + w_F·mean(ΔF²) [+ w_S·mean(Δσ²)] — forces and stresses from
 *       ∂E/∂r_e, so the force term's parameter gradient is a gradient of a gradient — is
 *       minimised by Adam in mini-batches under a reduce-on-plateau schedule driven by the
 *       validation loss, with early stopping and the best-validation parameters kept;</li>
 *   <li>with a {@code checkpoint} path the run is checkpointed every {@code checkpoint_every}
 *       epochs and resumed from the file when it exists (exactly, on a deterministic backend).</li>
 * </ol>
 *
 * The listener receives the trainer's progress and metrics, is polled for
 * {@code stopRequested()} before every step, and gets a closing message and the metric
 * {@code train_structures_per_second} (training steps only, validation excluded).
 */
final class HipnnTrainer implements ModelTrainer {
    private final HipnnSettings settings;
    private final int[] species;
    private final long seed;
    private final TensorOps ops;

    /**
     * A trainer.
     *
     * @param settings the parsed model stage
     * @param species  atomic numbers the model handles (the stack's), ascending
     * @param seed     seeds the validation split, the initial parameters and the batch order
     * @param ops      the backend to train and predict on
     */
    HipnnTrainer(HipnnSettings settings, int[] species, long seed, TensorOps ops) {
        this.settings = settings;
        this.species = species.clone();
        this.seed = seed;
        this.ops = ops;
    }

    @Override
    public HipnnModel train(Dataset training, Dataset validation, TrainingListener listener) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("training dataset '" + training.name() + "' is empty");
        }
        for (int z : training.species()) {
            if (Arrays.binarySearch(species, z) < 0) {
                throw new IllegalArgumentException("training dataset '" + training.name() + "' contains " + Elements.symbol(z)
                    + ", which the model does not handle (species " + HipnnModelProvider.symbols(species) + ")");
            }
        }
        Dataset train = training;
        Dataset val = validation;
        if (val.isEmpty() && settings.validationFraction() > 0 && training.size() >= 2) {
            int held = (int) Math.round(settings.validationFraction() * training.size());
            held = Math.max(1, Math.min(training.size() - 1, held));
            Dataset[] parts = training.split((training.size() - held) / (double) training.size(), seed ^ 0x5DEECE66DL);
            train = parts[0];
            val = parts[1];
            listener.message(String.format(Locale.ROOT, "hipnn: holding out %d of %d training structures for validation (seed %d)",
                val.size(), training.size(), seed));
        }
        WeightsFile.Contents warm = settings.initFrom() == null ? null : warmStart(settings.initFrom());
        double[] offsets = warm != null ? warm.offsets() : OffsetFit.fit(train, species);
        double neighbours = warm != null ? warm.neighbours() : meanNeighbours(train, settings.cutoff());
        HipnnNetwork network = new HipnnNetwork(settings, species, offsets, neighbours);
        listener.message(String.format(Locale.ROOT, "hipnn %s: %d parameters, offsets %s eV, %.1f neighbours per atom", settings.variant().id(),
            network.parameterCount(), Arrays.toString(offsets), neighbours));
        ParameterSet start = null;
        if (warm != null) {
            int narrow = Widening.width(warm.parameters());
            try {
                if (narrow > 0 && narrow < settings.width()) {
                    start = Widening.widen(network, warm.parameters(), seed);
                    listener.message(String.format(Locale.ROOT, "hipnn: widening the model in %s from %d to %d channels "
                        + "(new channels: fresh incoming, zero outgoing weights; same energies)", settings.initFrom(), narrow, settings.width()));
                } else {
                    HipnnModel.checkFits(network, warm.parameters());
                    start = warm.parameters();
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model.init_from: the model in '" + settings.initFrom() + "' has another architecture: "
                    + e.getMessage(), e);
            }
            listener.message("hipnn: starting from the parameters and offsets of " + settings.initFrom());
        }
        Loss loss = new Loss(network, settings.loss());
        TrainingOptions options = new TrainingOptions(settings.epochs(), settings.batchSize(), seed, settings.dtype(), settings.patience(),
            0, null, 0);
        if (settings.checkpoint() != null) {
            options = options.withCheckpoint(settings.checkpoint(), settings.checkpointEvery());
        }
        HipnnSettings s = settings;
        Trainer trainer = s.optimizer() == HipnnSettings.Optimizer.LBFGS
            ? new Trainer(loss, () -> new Lbfgs(s.lbfgsHistory(), s.lbfgsIterations(), Lbfgs.LineSearch.STRONG_WOLFE, 0, 0),
                () -> LearningRateSchedule.constant(1), options)
            : new Trainer(loss, Adam::new,
                () -> new Plateau(s.learningRate(), s.plateauFactor(), s.plateauPatience(), s.plateauThreshold(), s.minimumRate()), options);
        ThroughputListener timed = new ThroughputListener(listener, train.size(), settings.batchSize());
        TrainingResult result;
        try {
            if (settings.checkpoint() != null && Files.exists(settings.checkpoint())) {
                result = trainer.resume(ops, settings.checkpoint(), train, val, timed);
            } else if (warm != null) {
                result = trainer.fit(ops, start, train, val, timed);
            } else {
                result = trainer.fit(ops, train, val, timed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("model.checkpoint: cannot read '" + settings.checkpoint() + "': " + e.getMessage(), e);
        }
        double rate = timed.structuresPerSecond();
        listener.metric("train_structures_per_second", result.epochs(), rate);
        listener.message(String.format(Locale.ROOT, "hipnn %s: %d epochs (%s), best validation loss %.4g at epoch %d; "
                + "%.2f structures/s in training steps", settings.variant().id(), result.epochs(),
            result.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), result.bestLoss(), result.bestEpoch(), rate));
        return new HipnnModel(network, result.best(), ops);
    }

    /**
     * Reads the weights of a saved model for a warm start: {@code dir/weights.txt}, or
     * {@code dir/model/weights.txt} for the output folder of {@code atomstack fit}.
     */
    private WeightsFile.Contents warmStart(Path dir) {
        Path file = dir.resolve(WeightsFile.NAME);
        if (!Files.isRegularFile(file) && Files.isRegularFile(dir.resolve("model").resolve(WeightsFile.NAME))) {
            file = dir.resolve("model").resolve(WeightsFile.NAME);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model.init_from: '" + dir + "' holds no hipnn model (no " + WeightsFile.NAME
                + " in it or in its model/ folder)");
        }
        WeightsFile.Contents c;
        try {
            c = WeightsFile.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("model.init_from: " + e.getMessage(), e);
        }
        if (!Arrays.equals(c.species(), species)) {
            throw new IllegalArgumentException("model.init_from: " + file + " handles " + HipnnModelProvider.symbols(c.species())
                + " but the stack handles " + HipnnModelProvider.symbols(species));
        }
        return c;
    }

    /**
     * Mean number of directed edges per atom within {@code cutoff}.
     *
     * @param data   the structures
     * @param cutoff radius in Å
     * @return edges per atom (1 when there are none)
     */
    static double meanNeighbours(Dataset data, double cutoff) {
        List<Structure> structures = data.structures();
        List<NeighborList> lists = AtomBatch.neighborLists(structures, cutoff);
        long edges = 0;
        long atoms = 0;
        for (int i = 0; i < structures.size(); i++) {
            edges += lists.get(i).edgeCount();
            atoms += structures.get(i).atomCount();
        }
        return atoms == 0 || edges == 0 ? 1 : edges / (double) atoms;
    }

    /**
     * Passes everything on and times the training steps: the interval before each "batch"
     * progress event is step time, the interval before each "epoch" event is validation.
     */
    private static final class ThroughputListener implements TrainingListener {
        private final TrainingListener delegate;
        private final int trainingSize;
        private final int batchSize;
        private long last = System.nanoTime();
        private long stepNanos;
        private long structures;

        ThroughputListener(TrainingListener delegate, int trainingSize, int batchSize) {
            this.delegate = delegate;
            this.trainingSize = trainingSize;
            this.batchSize = batchSize;
        }

        @Override
        public void progress(String phase, long done, long total) {
            long now = System.nanoTime();
            if (phase.equals("batch")) {
                stepNanos += now - last;
                structures += done == total ? trainingSize - (total - 1) * batchSize : batchSize;
            }
            last = now;
            delegate.progress(phase, done, total);
        }

        @Override
        public void metric(String name, long step, double value) {
            delegate.metric(name, step, value);
        }

        @Override
        public void message(String text) {
            delegate.message(text);
        }

        @Override
        public boolean stopRequested() {
            return delegate.stopRequested();
        }

        double structuresPerSecond() {
            return stepNanos == 0 ? Double.NaN : structures / (stepNanos / 1e9);
        }
    }
}
