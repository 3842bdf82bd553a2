package org.atomstack.assembly.internal.run;

import java.util.List;
import java.util.stream.IntStream;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/** Predicts a dataset with a model (in parallel over structures) and computes {@link ErrorMetrics}. */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * Predictions and their errors.
     *
     * @param predicted the structures with the model's energy, forces and stress as labels
     * @param metrics   errors against the reference labels
     */
    public record Result(Dataset predicted, ErrorMetrics metrics) {
    }

    /** Evaluates {@code model} on {@code data}. */
    public static Result evaluate(Model model, Dataset data) {
        List<Structure> in = data.structures();
        long t0 = System.nanoTime();
        Prediction[] out = new Prediction[in.size()];
        IntStream.range(0, in.size()).parallel().forEach(i -> {
            Structure s = in.get(i);
            out[i] = model.predict(s, NeighborList.build(s, model.cutoff()), true, s.cell().map(c -> c.anyPeriodic()).orElse(false));
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        double eAbs = 0;
        double eSq = 0;
        int eN = 0;
        double fAbs = 0;
        double fSq = 0;
        long fN = 0;
        double sAbs = 0;
        double sSq = 0;
        int sN = 0;
        Structure[] predicted = new Structure[in.size()];
        for (int i = 0; i < in.size(); i++) {
            Structure s = in.get(i);
            Prediction p = out[i];
            Labels ref = s.labels();
            if (ref.energy().isPresent()) {
                double d = (p.energy() - ref.energy().getAsDouble()) / s.atomCount() * 1000;
                eAbs += Math.abs(d);
                eSq += d * d;
                eN++;
            }
            if (ref.hasForces() && p.forces().isPresent()) {
                double[] fr = ref.forces().orElseThrow();
                double[] fp = p.forces().get();
                for (int k = 0; k < fr.length; k++) {
                    double d = fp[k] - fr[k];
                    fAbs += Math.abs(d);
                    fSq += d * d;
                }
                fN += fr.length;
            }
            if (ref.stress().isPresent() && p.stress().isPresent()) {
                double[] sr = ref.stress().get();
                double[] sp = p.stress().get();
                for (int k = 0; k < 6; k++) {
                    double d = (sp[k] - sr[k]) * ErrorMetrics.GPA_PER_EV_PER_A3;
                    sAbs += Math.abs(d);
                    sSq += d * d;
                }
                sN += 6;
            }
            Labels.Builder lb = Labels.builder().energy(p.energy()).forces(p.forces().orElse(null)).stress(p.stress().orElse(null));
            ref.configType().ifPresent(lb::configType);
            predicted[i] = s.withLabels(lb.build());
        }
        long atoms = data.atomCount();
        ErrorMetrics m = new ErrorMetrics(in.size(), atoms,
            eN == 0 ? Double.NaN : eAbs / eN, eN == 0 ? Double.NaN : Math.sqrt(eSq / eN),
            fN == 0 ? Double.NaN : fAbs / fN, fN == 0 ? Double.NaN : Math.sqrt(fSq / fN),
            sN == 0 ? Double.NaN : sAbs / sN, sN == 0 ? Double.NaN : Math.sqrt(sSq / sN),
            atoms == 0 ? Double.NaN : seconds * 1e6 / atoms);
        return new Result(Dataset.of(data.name() + " (predicted)", List.of(predicted)), m);
    }
}
