package org.atomstack.assembly.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Structure;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.train.Adam;
import org.atomstack.api.train.AtomBatch;
import org.atomstack.api.train.BatchPrediction;
import org.atomstack.api.train.Loss;
import org.atomstack.api.train.LossWeights;
import org.atomstack.api.train.Observables;
import org.atomstack.api.train.ParameterSet;
import org.atomstack.api.train.Plateau;
import org.atomstack.api.train.Trainer;
import org.atomstack.api.train.TrainingOptions;
import org.atomstack.api.train.TrainingResult;
import org.junit.jupiter.api.Test;

/**
 * End to end: the neural pair potential trained with Adam on energies and forces of a seeded
 * subset of the Zuo et al. (2020) Mo training set predicts the forces of the Mo test set far
 * better than the zero-force baseline.
 */
class MoTrainingTest {
    static final int STRUCTURES = 48;
    static final int EPOCHS = 30;

    /** Mean absolute errors on a dataset. */
    record Errors(double forceMae, double zeroForceMae, double energyMaePerAtom) {
    }

    static Errors errors(Backend cpu, PairPotential model, ParameterSet params, Dataset data) {
        BatchPrediction p = Observables.predict(model, cpu, params, DType.FLOAT64, AtomBatch.of(data.structures(), model.cutoff()), true, false);
        double fErr = 0;
        double fZero = 0;
        long comps = 0;
        double eErr = 0;
        int structures = 0;
        for (int s = 0; s < data.size(); s++) {
            Structure st = data.structures().get(s);
            double[] ref = st.labels().forces().orElseThrow();
            double[] pred = p.forces(s).orElseThrow();
            for (int k = 0; k < ref.length; k++) {
                fErr += Math.abs(pred[k] - ref[k]);
                fZero += Math.abs(ref[k]);
            }
            comps += ref.length;
            eErr += Math.abs(p.energy(s) - st.labels().energy().orElseThrow()) / st.atomCount();
            structures++;
        }
        return new Errors(fErr / comps, fZero / comps, eErr / structures);
    }

    @Test
    void adamTrainingOnMoForcesBeatsTheZeroForceBaselineOnTheTestSet() {
        Dataset all = TrainFixtures.mo("training.json");
        Dataset[] parts = all.randomSubset(STRUCTURES + 8, 2024).split((double) STRUCTURES / (STRUCTURES + 8), 1);
        Dataset training = parts[0];
        Dataset validation = parts[1];
        Dataset test = TrainFixtures.mo("test.json");
        PairPotential model = new PairPotential(TrainFixtures.MO, TrainFixtures.meanEnergyPerAtom(training));
        Trainer trainer = new Trainer(new Loss(model, new LossWeights(10, 1, 0)), Adam::new,
            () -> new Plateau(0.02, 0.5, 2, 1e-3, 1e-4),
            TrainingOptions.defaults().withEpochs(EPOCHS).withBatchSize(8).withSeed(3));
        long start = System.nanoTime();
        StringBuilder log = new StringBuilder();
        TrainingResult result;
        try (Backend cpu = TrainFixtures.cpu()) {
            Errors before = errors(cpu, model, model.initialParameters(3), test);
            result = trainer.fit(cpu, training, validation, new TrainingListener() {
                @Override
                public void metric(String name, long step, double value) {
                    log.append(String.format(Locale.ROOT, "epoch %d %s %.6g%n", step, name, value));
                }
            });
            Errors after = errors(cpu, model, result.best(), test);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.print(log);
            System.out.printf(Locale.ROOT, "Mo test set (%d structures): force MAE %.4f eV/Å trained vs %.4f zero baseline (ratio %.3f),"
                    + " before training %.4f; energy MAE %.4f eV/atom (before %.4f); %d training structures, %d epochs, best epoch %d, %.1f s%n",
                test.size(), after.forceMae, after.zeroForceMae, after.forceMae / after.zeroForceMae, before.forceMae,
                after.energyMaePerAtom, before.energyMaePerAtom, training.size(), result.epochs(), result.bestEpoch(), seconds);
            assertEquals(EPOCHS, result.epochs());
            assertTrue(after.forceMae < 0.6 * after.zeroForceMae,
                "force MAE " + after.forceMae + " is not well below the zero baseline " + after.zeroForceMae);
            assertTrue(after.energyMaePerAtom < before.energyMaePerAtom, "energy error did not improve");
        }
    }
}
