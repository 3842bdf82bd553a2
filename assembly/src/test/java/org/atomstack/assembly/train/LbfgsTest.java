package org.atomstack.assembly.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.train.LearningRateSchedule;
import org.atomstack.api.train.Lbfgs;
import org.atomstack.api.train.Loss;
import org.atomstack.api.train.LossWeights;
import org.atomstack.api.train.Objective;
import org.atomstack.api.train.Optimizer;
import org.atomstack.api.train.ParameterSet;
import org.atomstack.api.train.Trainer;
import org.atomstack.api.train.TrainingOptions;
import org.atomstack.api.train.TrainingResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** L-BFGS: converges on the Rosenbrock function with either line search, and reduces the Mo loss full-batch. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LbfgsTest {
    Backend cpu;

    @BeforeAll
    void open() {
        cpu = TrainFixtures.cpu();
    }

    @AfterAll
    void close() {
        cpu.close();
    }

    /** f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1), written with graph operations. */
    private Objective rosenbrock() {
        return ps -> {
            Graph g = new Graph(cpu);
            Var p = g.variable(ps.get(0));
            Var x = g.slice(p, 0, 0, 1);
            Var y = g.slice(p, 0, 1, 2);
            Var f = g.sumAll(g.add(g.square(g.sub(g.scalar(1, x), x)), g.mul(g.square(g.sub(y, g.square(x))), 100)));
            Var grad = g.grad(f, List.of(p), false).get(0);
            return new Objective.Evaluation(f.item(), List.of(grad.value()), g);
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lbfgs.LineSearch.class)
    void convergesToTheMinimumOfTheRosenbrockFunction(Lbfgs.LineSearch search) {
        Lbfgs lbfgs = new Lbfgs(8, 500, search, 1e-9, 0);
        List<Tensor> p = new ArrayList<>(List.of(cpu.fromDoubles(new double[] {-1.2, 1.0}, DType.FLOAT64, Shape.of(2))));
        try {
            Optimizer.Update u = lbfgs.step(p, rosenbrock(), 1.0);
            assertEquals(24.2, u.loss(), 1e-12, "loss at the start");
            p.forEach(Tensor::close);
            p = new ArrayList<>(u.parameters());
            assertTrue(lbfgs.converged(), search + " converged within 500 iterations (" + lbfgs.iterations() + " used)");
            assertArrayEquals(new double[] {1, 1}, p.get(0).toDoubles(), 1e-6, search + " after " + lbfgs.iterations() + " iterations");
            System.out.printf(Locale.ROOT, "Rosenbrock with %s: %d iterations, %d evaluations%n", search, lbfgs.iterations(), u.evaluations());
        } finally {
            p.forEach(Tensor::close);
        }
    }

    @Test
    void savedHistoryContinuesTheSameIterations() {
        double[] straight;
        Lbfgs a = new Lbfgs(5, 6, Lbfgs.LineSearch.STRONG_WOLFE, 0, 0);
        List<Tensor> p = new ArrayList<>(List.of(cpu.fromDoubles(new double[] {-1.2, 1.0}, DType.FLOAT64, Shape.of(2))));
        try {
            for (int i = 0; i < 2; i++) {
                Optimizer.Update u = a.step(p, rosenbrock(), 1.0);
                p.forEach(Tensor::close);
                p = new ArrayList<>(u.parameters());
            }
            straight = p.get(0).toDoubles();
        } finally {
            p.forEach(Tensor::close);
        }
        Lbfgs b = new Lbfgs(5, 6, Lbfgs.LineSearch.STRONG_WOLFE, 0, 0);
        Lbfgs c = new Lbfgs(5, 6, Lbfgs.LineSearch.STRONG_WOLFE, 0, 0);
        p = new ArrayList<>(List.of(cpu.fromDoubles(new double[] {-1.2, 1.0}, DType.FLOAT64, Shape.of(2))));
        try {
            Optimizer.Update u = b.step(p, rosenbrock(), 1.0);
            p.forEach(Tensor::close);
            p = new ArrayList<>(u.parameters());
            c.restore(b.state());
            u = c.step(p, rosenbrock(), 1.0);
            p.forEach(Tensor::close);
            p = new ArrayList<>(u.parameters());
            assertArrayEquals(straight, p.get(0).toDoubles(), 0.0);
        } finally {
            p.forEach(Tensor::close);
        }
    }

    @Test
    void aStepOnTheSameObjectiveReusesThePointTheLastStepEndedAt() {
        Objective same = rosenbrock();
        Lbfgs a = new Lbfgs(5, 3, Lbfgs.LineSearch.STRONG_WOLFE, 0, 0);
        Lbfgs b = new Lbfgs(5, 3, Lbfgs.LineSearch.STRONG_WOLFE, 0, 0);
        List<Tensor> pa = new ArrayList<>(List.of(cpu.fromDoubles(new double[] {-1.2, 1.0}, DType.FLOAT64, Shape.of(2))));
        List<Tensor> pb = new ArrayList<>(List.of(cpu.fromDoubles(new double[] {-1.2, 1.0}, DType.FLOAT64, Shape.of(2))));
        try {
            for (int i = 0; i < 3; i++) {
                Optimizer.Update ua = a.step(pa, same, 1.0);
                Optimizer.Update ub = b.step(pb, rosenbrock(), 1.0); // a fresh objective each time: no reuse
                pa.forEach(Tensor::close);
                pb.forEach(Tensor::close);
                pa = new ArrayList<>(ua.parameters());
                pb = new ArrayList<>(ub.parameters());
                assertEquals(ub.loss(), ua.loss(), 0.0, "step " + i);
                assertEquals(i == 0 ? ub.evaluations() : ub.evaluations() - 1, ua.evaluations(), "evaluations in step " + i);
                assertArrayEquals(pb.get(0).toDoubles(), pa.get(0).toDoubles(), 0.0, "step " + i);
            }
        } finally {
            pa.forEach(Tensor::close);
            pb.forEach(Tensor::close);
        }
    }

    /** Full-batch training evaluates the set in chunks of the batch size; the chunking must not change the loss or the steps. */
    @Test
    void theFullBatchLossAndStepsDoNotDependOnTheChunkSize() {
        Dataset training = TrainFixtures.mo("training.json").randomSubset(5, 3);
        PairPotential model = new PairPotential(TrainFixtures.MO, TrainFixtures.meanEnergyPerAtom(training));
        TrainingResult[] runs = new TrainingResult[2];
        int[] chunk = {5, 2};
        for (int k = 0; k < 2; k++) {
            Trainer trainer = new Trainer(new Loss(model, new LossWeights(10, 1, 0)), () -> new Lbfgs(10, 3, Lbfgs.LineSearch.STRONG_WOLFE, 0, 0),
                () -> LearningRateSchedule.constant(1), TrainingOptions.defaults().withEpochs(2).withSeed(9).withBatchSize(chunk[k]));
            runs[k] = trainer.fit(cpu, training, training, TrainingListener.NONE);
        }
        for (int e = 0; e < 2; e++) {
            assertEquals(runs[0].trainingLoss()[e], runs[1].trainingLoss()[e], 1e-12 * runs[0].trainingLoss()[e], "loss at epoch " + (e + 1));
        }
        for (int i = 0; i < runs[0].last().names().size(); i++) {
            assertArrayEquals(runs[0].last().values(i), runs[1].last().values(i), 1e-8, runs[0].last().names().get(i));
        }
        // and the whole-set training loss is the loss the validation pass computes at the same parameters
        assertEquals(runs[1].validationLoss()[0], runs[1].trainingLoss()[1], 1e-12 * runs[1].trainingLoss()[1]);
    }

    /**
     * A model's penalty is counted once in the full-batch loss, however many chunks the set is
     * evaluated in, and the validation loss leaves it out.
     */
    @Test
    void theFullBatchPenaltyDoesNotDependOnTheChunkSizeAndStaysOutOfTheValidationLoss() {
        Dataset training = TrainFixtures.mo("training.json").randomSubset(5, 3);
        L2Penalised model = new L2Penalised(new PairPotential(TrainFixtures.MO, TrainFixtures.meanEnergyPerAtom(training)), 0.3);
        TrainingResult[] runs = new TrainingResult[3];
        int[] chunk = {5, 2, 2};
        int[] epochs = {2, 2, 1};
        for (int k = 0; k < runs.length; k++) {
            Trainer trainer = new Trainer(new Loss(model, new LossWeights(10, 1, 0)), () -> new Lbfgs(10, 3, Lbfgs.LineSearch.STRONG_WOLFE, 0, 0),
                () -> LearningRateSchedule.constant(1), TrainingOptions.defaults().withEpochs(epochs[k]).withSeed(9).withBatchSize(chunk[k]));
            runs[k] = trainer.fit(cpu, training, training, TrainingListener.NONE);
        }
        for (int e = 0; e < 2; e++) {
            assertEquals(runs[0].trainingLoss()[e], runs[1].trainingLoss()[e], 1e-12 * runs[0].trainingLoss()[e], "loss at epoch " + (e + 1));
        }
        for (int i = 0; i < runs[0].last().names().size(); i++) {
            assertArrayEquals(runs[0].last().values(i), runs[1].last().values(i), 1e-8, runs[0].last().names().get(i));
        }
        // epoch 2 starts where epoch 1 ended (the last parameters of the one-epoch run): its loss is
        // the validation loss of epoch 1 plus the penalty there
        double penalty = model.penalty(runs[2].last());
        assertTrue(penalty > 1e-3 * runs[1].trainingLoss()[1], "the penalty is not negligible: " + penalty);
        assertEquals(runs[1].validationLoss()[0] + penalty, runs[1].trainingLoss()[1], 1e-10 * runs[1].trainingLoss()[1]);
    }

    /** A warm start begins exactly where the given parameters are: its first loss is the loss of the run it continues. */
    @Test
    void aWarmStartBeginsAtTheGivenParameters() {
        Dataset training = TrainFixtures.mo("training.json").randomSubset(3, 4);
        PairPotential model = new PairPotential(TrainFixtures.MO, TrainFixtures.meanEnergyPerAtom(training));
        Trainer trainer = new Trainer(new Loss(model, new LossWeights(10, 1, 0)), () -> new Lbfgs(10, 3, Lbfgs.LineSearch.STRONG_WOLFE, 0, 0),
            () -> LearningRateSchedule.constant(1), TrainingOptions.defaults().withEpochs(1).withSeed(2));
        TrainingResult first = trainer.fit(cpu, training, training, TrainingListener.NONE);
        TrainingResult second = trainer.fit(cpu, first.last(), training, training, TrainingListener.NONE);
        assertEquals(first.validationLoss()[0], second.trainingLoss()[0], 1e-12 * first.validationLoss()[0]);
        assertTrue(second.validationLoss()[0] <= first.validationLoss()[0], "L-BFGS went on descending");
        ParameterSet renamed = ParameterSet.of(List.of("not-" + first.last().names().get(0)), List.of(first.last().shapes().get(0)),
            List.of(first.last().values(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> trainer.fit(cpu, renamed, training, training, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("initial parameters"), e.getMessage());
    }

    @Test
    void fullBatchLbfgsReducesTheMoLossOnASmallBatch() {
        Dataset training = TrainFixtures.mo("training.json").randomSubset(4, 5);
        PairPotential model = new PairPotential(TrainFixtures.MO, TrainFixtures.meanEnergyPerAtom(training));
        Trainer trainer = new Trainer(new Loss(model, new LossWeights(10, 1, 0)), () -> new Lbfgs(10, 10, Lbfgs.LineSearch.STRONG_WOLFE, 1e-7, 1e-12),
            () -> LearningRateSchedule.constant(1), TrainingOptions.defaults().withEpochs(3).withSeed(9));
        TrainingResult r = trainer.fit(cpu, training, training, TrainingListener.NONE);
        double initial = r.trainingLoss()[0];
        double last = r.validationLoss()[r.epochs() - 1];
        System.out.printf(Locale.ROOT, "L-BFGS on 4 Mo structures: loss %.5g -> %.5g in %d epochs (%s)%n", initial, last, r.epochs(), r.reason());
        assertTrue(last < 0.2 * initial, "loss " + initial + " -> " + last);
        assertTrue(r.reason() == TrainingResult.StopReason.COMPLETED || r.reason() == TrainingResult.StopReason.CONVERGED, r.reason().name());
    }
}
