package org.atomstack.api.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;
import org.atomstack.api.train.internal.Checkpoint;

/**
 * Trains an {@link EnergyModel} by minimising a {@link Loss} with an {@link Optimizer} under a
 * {@link LearningRateSchedule}, on any backend.
 *
 * <p>Each epoch visits the training structures in mini-batches of {@link TrainingOptions#batchSize()}
 * in an order drawn from (seed, epoch) only; one optimiser step per batch, each batch in its own
 * {@link Graph} released after the step. Full-batch optimisers take one step per epoch on the
 * whole set in dataset order, evaluated in chunks of the batch size whose losses and gradients
 * add up exactly to those of the whole set, so memory stays that of one mini-batch. After the
 * epoch the validation loss is computed over the whole validation set (exact
 * dataset means, not averaged batch means); it is the monitored loss, or the mean training loss
 * when there is no validation data. The monitored loss drives the schedule, early stopping
 * (patience, min delta) and the choice of the best parameters, which are kept on the host.
 *
 * <p>Checkpoints hold epoch, position within the epoch, parameters, optimiser, schedule and
 * early-stopping state, best parameters and the loss history, in one file replaced atomically.
 * A run stopped at any step boundary (by the listener or by a crash after a checkpoint) and
 * resumed with {@link #resume} produces bitwise the same parameters as an uninterrupted run on
 * a deterministic backend (the CPU backend is). Metrics reported to the listener, per epoch:
 * {@code train_loss}, {@code learning_rate}, and with validation data {@code validation_loss},
 * {@code validation_energy_rmse}, {@code validation_force_rmse}, {@code validation_stress_rmse}
 * and the mean absolute errors {@code validation_energy_mae}, {@code validation_force_mae},
 * {@code validation_stress_mae} (when labelled); progress phases {@code epoch} and {@code batch}.
 *
 * <p>The trainer itself is immutable: optimiser and schedule come from suppliers, one fresh
 * instance per run, so one trainer can run several times.
 */
public final class Trainer {
    private final Loss loss;
    private final Supplier<? extends Optimizer> optimizer;
    private final Supplier<? extends LearningRateSchedule> schedule;
    private final TrainingOptions options;

    /**
     * A trainer; nothing runs until {@link #fit} or {@link #resume}.
     *
     * @param loss      the model and loss weights
     * @param optimizer makes a fresh optimiser for each run
     * @param schedule  makes a fresh schedule for each run
     * @param options   epochs, batches, seed, precision, early stopping, checkpoints
     */
    public Trainer(Loss loss, Supplier<? extends Optimizer> optimizer, Supplier<? extends LearningRateSchedule> schedule,
                   TrainingOptions options) {
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options. */
    public TrainingOptions options() {
        return options;
    }

    /**
     * Trains from the model's initial parameters ({@link EnergyModel#initialParameters} with the seed).
     *
     * @param ops        the backend to compute on
     * @param training   labelled structures (non-empty)
     * @param validation structures for the monitored loss; may be empty
     * @param listener   progress sink; its {@code stopRequested()} is polled before every step
     * @throws IllegalArgumentException naming the dataset when it is empty or has no labels the loss uses
     * @throws UncheckedIOException when a checkpoint cannot be written
     */
    public TrainingResult fit(TensorOps ops, Dataset training, Dataset validation, TrainingListener listener) {
        return fit(ops, loss.model().initialParameters(options.seed()), training, validation, listener);
    }

    /**
     * Trains from given parameters (a warm start, e.g. refining a trained model with another
     * optimiser); otherwise as {@link #fit(TensorOps, Dataset, Dataset, TrainingListener)}.
     *
     * @param initial the starting parameters, named as {@link EnergyModel#parameterNames()}
     * @throws IllegalArgumentException when {@code initial} does not name the model's parameters
     */
    public TrainingResult fit(TensorOps ops, ParameterSet initial, Dataset training, Dataset validation, TrainingListener listener) {
        EnergyModel model = loss.model();
        if (!initial.names().equals(model.parameterNames())) {
            throw new IllegalArgumentException("model " + model.getClass().getName() + " names its parameters " + model.parameterNames()
                + " but the initial parameters are " + initial.names());
        }
        Checkpoint start = new Checkpoint(fingerprint(training, validation, initial), 0, 0, 0, 0, new double[0], new double[0],
            initial, SavedState.EMPTY, SavedState.EMPTY, Double.POSITIVE_INFINITY, 0, 0, null);
        return run(ops, training, validation, listener, start);
    }

    /**
     * Continues a run from its checkpoint, up to {@link TrainingOptions#epochs()} epochs in all.
     * The trainer must have the same loss, optimiser and schedule settings, seed, batch size and
     * precision, and the same data, as the run that wrote it.
     *
     * @throws IOException when the checkpoint cannot be read
     * @throws IllegalArgumentException when the checkpoint belongs to another configuration or data
     */
    public TrainingResult resume(TensorOps ops, Path checkpoint, Dataset training, Dataset validation,
                                 TrainingListener listener) throws IOException {
        Checkpoint c = Checkpoint.read(checkpoint);
        String expected = fingerprint(training, validation, c.parameters());
        if (!expected.equals(c.fingerprint())) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " was written by another configuration or data:\n  checkpoint: "
                + c.fingerprint() + "\n  this run:   " + expected);
        }
        listener.message(String.format(Locale.ROOT, "resuming from %s after epoch %d (batch %d)", checkpoint, c.epoch(), c.batchesDone()));
        return run(ops, training, validation, listener, c);
    }

    private String fingerprint(Dataset training, Dataset validation, ParameterSet params) {
        StringBuilder b = new StringBuilder();
        b.append("model=").append(loss.model().getClass().getName()).append(" species=").append(Arrays.toString(loss.model().species()))
            .append(" cutoff=").append(loss.model().cutoff()).append(" parameters=").append(params)
            .append(" loss=").append(loss.weights());
        String penalty = loss.model().penaltyDescription();
        if (!penalty.isEmpty()) {
            b.append(" penalty=").append(penalty); // absent without a penalty, so older checkpoints still match
        }
        b.append(" dtype=").append(options.dtype()).append(" seed=").append(options.seed())
            .append(" batch=").append(options.batchSize())
            .append(" training=").append(dataHash(training)).append(" validation=").append(dataHash(validation));
        return b.toString();
    }

    private static String dataHash(Dataset d) {
        int h = 1;
        for (Structure s : d.structures()) {
            h = 31 * h + s.hashCode();
        }
        return d.size() + "#" + Integer.toHexString(h);
    }

    /** Mutable progress of one run. */
    private static final class RunState {
        int epoch;
        int batchesDone;
        double partialLoss;
        double partialCount;
        final List<Double> trainingLoss = new ArrayList<>();
        final List<Double> validationLoss = new ArrayList<>();
        double bestLoss;
        int bestEpoch;
        int badEpochs;
        ParameterSet best;

        RunState(Checkpoint c) {
            epoch = c.epoch();
            batchesDone = c.batchesDone();
            partialLoss = c.partialLoss();
            partialCount = c.partialCount();
            for (double v : c.trainingLoss()) {
                trainingLoss.add(v);
            }
            for (double v : c.validationLoss()) {
                validationLoss.add(v);
            }
            bestLoss = c.bestLoss();
            bestEpoch = c.bestEpoch();
            badEpochs = c.badEpochs();
            best = c.best();
        }
    }

    private TrainingResult run(TensorOps ops, Dataset training, Dataset validation, TrainingListener listener, Checkpoint start) {
        Objects.requireNonNull(ops, "ops");
        Objects.requireNonNull(listener, "listener");
        checkData(training, validation);
        EnergyModel model = loss.model();
        List<String> names = model.parameterNames();
        RunState st = new RunState(start);
        List<NeighborList> trainLists = AtomBatch.neighborLists(training.structures(), model.cutoff());
        List<NeighborList> valLists = AtomBatch.neighborLists(validation.structures(), model.cutoff());
        LearningRateSchedule sched = schedule.get();
        if (!start.schedule().names().isEmpty()) {
            sched.restore(start.schedule());
        }
        List<Tensor> params = start.parameters().upload(ops, options.dtype());
        WholeSetObjective whole = null; // full-batch optimisers: the training set, uploaded once
        try (Optimizer opt = optimizer.get()) {
            if (!start.optimizer().names().isEmpty()) {
                opt.restore(start.optimizer());
            }
            TrainingResult.StopReason reason = TrainingResult.StopReason.COMPLETED;
            int n = training.size();
            outer:
            while (st.epoch < options.epochs()) {
                if (opt.converged()) {
                    reason = TrainingResult.StopReason.CONVERGED;
                    break;
                }
                if (options.patience() > 0 && st.badEpochs >= options.patience()) {
                    reason = TrainingResult.StopReason.EARLY_STOPPING;
                    break;
                }
                int epoch = st.epoch + 1;
                int[][] batches = batches(opt.fullBatch(), epoch, n);
                for (int b = st.batchesDone; b < batches.length; b++) {
                    if (listener.stopRequested()) {
                        reason = TrainingResult.StopReason.REQUESTED;
                        break outer;
                    }
                    if (opt.fullBatch()) {
                        if (whole == null) {
                            whole = new WholeSetObjective(ops, training, trainLists);
                        }
                        Optimizer.Update u = opt.step(params, whole, sched.learningRate());
                        params.forEach(Tensor::close);
                        params = new ArrayList<>(u.parameters());
                        st.partialLoss += u.loss() * n;
                        st.partialCount += n;
                    } else {
                        List<Structure> structures = new ArrayList<>(batches[b].length);
                        List<NeighborList> lists = new ArrayList<>(batches[b].length);
                        for (int i : batches[b]) {
                            structures.add(training.structures().get(i));
                            lists.add(trainLists.get(i));
                        }
                        AtomBatch batch = AtomBatch.of(structures, lists);
                        try (BatchTensors bt = batch.upload(ops, options.dtype(), model.species())) {
                            Optimizer.Update u = opt.step(params, objective(ops, loss, bt), sched.learningRate());
                            params.forEach(Tensor::close);
                            params = new ArrayList<>(u.parameters());
                            st.partialLoss += u.loss() * batch.structureCount();
                            st.partialCount += batch.structureCount();
                        }
                    }
                    st.batchesDone = b + 1;
                    listener.progress("batch", b + 1, batches.length);
                }
                endEpoch(ops, st, epoch, params, names, validation, valLists, sched, listener);
                if (options.checkpoint() != null && options.checkpointEvery() > 0 && epoch % options.checkpointEvery() == 0
                    && epoch < options.epochs()) {
                    save(st, params, names, opt, sched, training, validation);
                }
            }
            if (reason != TrainingResult.StopReason.COMPLETED) {
                listener.message("training stopped after epoch " + st.epoch + ": " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            if (options.checkpoint() != null) {
                save(st, params, names, opt, sched, training, validation);
            }
            ParameterSet last = ParameterSet.download(names, params);
            return new TrainingResult(st.best != null ? st.best : last, last, st.epoch, st.bestEpoch, st.bestLoss,
                toArray(st.trainingLoss), toArray(st.validationLoss), reason);
        } finally {
            params.forEach(Tensor::close);
            if (whole != null) {
                whole.close();
            }
        }
    }

    private void endEpoch(TensorOps ops, RunState st, int epoch, List<Tensor> params, List<String> names, Dataset validation,
                          List<NeighborList> valLists, LearningRateSchedule sched, TrainingListener listener) {
        double trainLoss = st.partialCount > 0 ? st.partialLoss / st.partialCount : Double.NaN;
        double valLoss = Double.NaN;
        LossTotals val = null;
        if (!validation.isEmpty()) {
            val = totals(ops, params, validation, valLists);
            valLoss = val.loss(loss.weights());
        }
        double monitored = validation.isEmpty() ? trainLoss : valLoss;
        listener.metric("train_loss", epoch, trainLoss);
        listener.metric("learning_rate", epoch, sched.learningRate());
        if (val != null) {
            listener.metric("validation_loss", epoch, valLoss);
            report(listener, "validation_energy_rmse", epoch, val.energyRmse());
            report(listener, "validation_force_rmse", epoch, val.forceRmse());
            report(listener, "validation_stress_rmse", epoch, val.stressRmse());
            report(listener, "validation_energy_mae", epoch, val.energy().mae());
            report(listener, "validation_force_mae", epoch, val.forces().mae());
            report(listener, "validation_stress_mae", epoch, val.stress().mae());
        }
        sched.epochEnd(monitored);
        boolean improved = monitored < st.bestLoss - options.minDelta()
            || (st.best == null && !Double.isNaN(monitored));
        if (improved) {
            st.bestLoss = monitored;
            st.bestEpoch = epoch;
            st.badEpochs = 0;
            st.best = ParameterSet.download(names, params);
        } else {
            st.badEpochs++;
        }
        st.trainingLoss.add(trainLoss);
        st.validationLoss.add(valLoss);
        st.epoch = epoch;
        st.batchesDone = 0;
        st.partialLoss = 0;
        st.partialCount = 0;
        listener.progress("epoch", epoch, options.epochs());
    }

    private static void report(TrainingListener listener, String name, int epoch, double value) {
        if (!Double.isNaN(value)) {
            listener.metric(name, epoch, value);
        }
    }

    /** The loss parts of a whole dataset at fixed parameters, in batches of the batch size. */
    private LossTotals totals(TensorOps ops, List<Tensor> params, Dataset data, List<NeighborList> lists) {
        LossTotals sum = LossTotals.ZERO;
        int bs = options.batchSize();
        for (int from = 0; from < data.size(); from += bs) {
            int to = Math.min(data.size(), from + bs);
            AtomBatch batch = AtomBatch.of(data.structures().subList(from, to), lists.subList(from, to));
            try (BatchTensors bt = batch.upload(ops, options.dtype(), loss.model().species()); Graph g = new Graph(ops)) {
                List<Var> vars = new ArrayList<>(params.size());
                for (Tensor p : params) {
                    vars.add(g.constant(p));
                }
                sum = sum.plus(loss.evaluate(g, vars, bt).totals());
            }
        }
        return sum;
    }

    /** The objective of one batch under {@code loss}: a fresh graph per evaluation, released with the evaluation. */
    private static Objective objective(TensorOps ops, Loss loss, BatchTensors bt) {
        return ps -> {
            Graph g = new Graph(ops);
            try {
                List<Var> vars = new ArrayList<>(ps.size());
                for (Tensor p : ps) {
                    vars.add(g.variable(p));
                }
                Var l = loss.evaluate(g, vars, bt).loss();
                List<Var> grads = g.grad(l, vars, false);
                List<Tensor> out = new ArrayList<>(grads.size());
                for (Var v : grads) {
                    out.add(v.value());
                }
                return new Objective.Evaluation(l.item(), out, g);
            } catch (RuntimeException e) {
                g.close();
                throw e;
            }
        };
    }

    /**
     * The loss of the whole training set for full-batch optimisers, evaluated in chunks of the
     * batch size so that memory stays that of one mini-batch. Each chunk's loss carries its share
     * of the whole-set means (every term weight scaled by the chunk's share of that term's label
     * weights), so the sums of the chunk losses and gradients are the loss and gradient of the
     * whole set; gradients are summed on the host in float64 and uploaded in the parameters'
     * dtype. The chunks' tensors are uploaded once and released by {@link #close()}.
     */
    private final class WholeSetObjective implements Objective, AutoCloseable {
        private final TensorOps ops;
        private final List<BatchTensors> chunks = new ArrayList<>();
        private final List<Loss> shares = new ArrayList<>();

        WholeSetObjective(TensorOps ops, Dataset training, List<NeighborList> lists) {
            this.ops = ops;
            int bs = options.batchSize();
            try {
                double ew = 0;
                double fw = 0;
                double sw = 0;
                for (int from = 0; from < training.size(); from += bs) {
                    int to = Math.min(training.size(), from + bs);
                    BatchTensors bt = AtomBatch.of(training.structures().subList(from, to), lists.subList(from, to))
                        .upload(ops, options.dtype(), loss.model().species());
                    chunks.add(bt);
                    ew += bt.energyWeightSum();
                    fw += bt.forceWeightSum();
                    sw += bt.stressWeightSum();
                }
                LossWeights w = loss.weights();
                for (BatchTensors bt : chunks) {
                    double we = ew > 0 ? bt.energyWeightSum() / ew : 0;
                    double wf = fw > 0 ? bt.forceWeightSum() / fw : 0;
                    double ws = sw > 0 ? bt.stressWeightSum() / sw : 0;
                    LossWeights share = w.energy() * we > 0 || w.forces() * wf > 0 || w.stress() * ws > 0 ? w.scaled(we, wf, ws) : null;
                    // the penalty is averaged over the chunks by their share of the structures
                    double structures = bt.structureCount() / (double) training.size();
                    shares.add(share == null ? null : new Loss(loss.model(), share, structures));
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public Evaluation evaluate(List<Tensor> parameters) {
            double total = 0;
            double[][] sum = new double[parameters.size()][];
            for (int c = 0; c < chunks.size(); c++) {
                if (shares.get(c) == null) {
                    continue; // no labels the loss uses
                }
                try (Evaluation e = objective(ops, shares.get(c), chunks.get(c)).evaluate(parameters)) {
                    total += e.loss();
                    for (int k = 0; k < sum.length; k++) {
                        double[] g = e.gradients().get(k).toDoubles();
                        if (sum[k] == null) {
                            sum[k] = g;
                        } else {
                            for (int i = 0; i < g.length; i++) {
                                sum[k][i] += g[i];
                            }
                        }
                    }
                }
            }
            List<Tensor> gradients = new ArrayList<>(sum.length);
            try {
                for (int k = 0; k < sum.length; k++) {
                    Tensor p = parameters.get(k);
                    double[] g = sum[k] != null ? sum[k] : new double[p.shape().intSize()];
                    gradients.add(ops.fromDoubles(g, p.dtype(), p.shape()));
                }
            } catch (RuntimeException e) {
                gradients.forEach(Tensor::close);
                throw e;
            }
            return new Evaluation(total, gradients, () -> gradients.forEach(Tensor::close));
        }

        @Override
        public void close() {
            chunks.forEach(BatchTensors::close);
        }
    }

    /** Batches of epoch {@code epoch}: a permutation drawn from (seed, epoch), cut into batch-size chunks. */
    private int[][] batches(boolean fullBatch, int epoch, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (fullBatch) {
            return new int[][] {order};
        }
        SplittableRandom rng = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int bs = options.batchSize();
        int[][] out = new int[(n + bs - 1) / bs][];
        for (int b = 0; b < out.length; b++) {
            out[b] = Arrays.copyOfRange(order, b * bs, Math.min(n, (b + 1) * bs));
        }
        return out;
    }

    private void save(RunState st, List<Tensor> params, List<String> names, Optimizer opt, LearningRateSchedule sched,
                      Dataset training, Dataset validation) {
        ParameterSet current = ParameterSet.download(names, params);
        Checkpoint c = new Checkpoint(fingerprint(training, validation, current), st.epoch, st.batchesDone, st.partialLoss,
            st.partialCount, toArray(st.trainingLoss), toArray(st.validationLoss), current, opt.state(), sched.state(),
            st.bestLoss, st.bestEpoch, st.badEpochs, st.best);
        try {
            c.write(options.checkpoint());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + options.checkpoint() + ": " + e.getMessage(), e);
        }
    }

    private void checkData(Dataset training, Dataset validation) {
        Objects.requireNonNull(validation, "validation");
        if (training.isEmpty()) {
            throw new IllegalArgumentException("training dataset '" + training.name() + "' is empty");
        }
        LossWeights w = loss.weights();
        boolean any = false;
        for (Structure s : training.structures()) {
            any |= (w.energy() > 0 && s.labels().energy().isPresent()) || (w.forces() > 0 && s.labels().hasForces())
                || (w.stress() > 0 && s.labels().stress().isPresent() && s.periodic(0) && s.periodic(1) && s.periodic(2));
        }
        if (!any) {
            throw new IllegalArgumentException("training dataset '" + training.name() + "' has no labels for the loss " + w);
        }
    }

    private static double[] toArray(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
