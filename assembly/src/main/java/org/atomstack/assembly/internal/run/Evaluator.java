package org.atomstack.assembly.internal.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * Predicts a dataset with a model (in parallel over structures) and computes {@link ErrorMetrics}
 * for the whole set, for each config type and for each structure.
 */
public final class Evaluator {
    /** Config type under which structures without one are grouped. */
    public static final String NO_CONFIG_TYPE = "(none)";

    private Evaluator() {
    }

    /**
     * Predictions and their errors.
     *
     * @param predicted    the structures with the model's energy, forces and stress as labels
     * @param metrics      errors against the reference labels
     * @param byConfigType the same errors per config type (Zuo et al.'s "group"), in order of first appearance;
     *                     empty when no structure names a config type
     * @param perStructure each structure's errors, in the dataset's order
     */
    public record Result(Dataset predicted, ErrorMetrics metrics, Map<String, ErrorMetrics> byConfigType,
                         List<StructureError> perStructure) {
    }

    /**
     * One structure's errors.
     *
     * @param index                 position in the dataset (0-based)
     * @param name                  the structure's name
     * @param configType            its config type, or {@link #NO_CONFIG_TYPE}
     * @param atoms                 atoms
     * @param energyErrorMeVPerAtom signed (E_pred − E_ref) / N in meV/atom; NaN without a reference energy
     * @param forceMae              mean |F_pred − F_ref| over its force components in eV/Å; NaN without reference forces
     * @param forceMaxError         largest |F_pred − F_ref| component in eV/Å; NaN without reference forces
     */
    public record StructureError(int index, String name, String configType, int atoms, double energyErrorMeVPerAtom,
                                 double forceMae, double forceMaxError) {
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
        Sums total = new Sums();
        Map<String, Sums> groups = new LinkedHashMap<>();
        List<StructureError> perStructure = new ArrayList<>(in.size());
        Structure[] predicted = new Structure[in.size()];
        for (int i = 0; i < in.size(); i++) {
            Structure s = in.get(i);
            Prediction p = out[i];
            Labels ref = s.labels();
            String type = ref.configType().orElse(NO_CONFIG_TYPE);
            Sums one = new Sums();
            one.add(s, p);
            total.merge(one);
            groups.computeIfAbsent(type, t -> new Sums()).merge(one);
            perStructure.add(new StructureError(i, s.name(), type, s.atomCount(), one.eN == 0 ? Double.NaN : one.eSum,
                one.fN == 0 ? Double.NaN : one.fAbs / one.fN, one.fN == 0 ? Double.NaN : one.fMax));
            Labels.Builder lb = Labels.builder().energy(p.energy()).forces(p.forces().orElse(null)).stress(p.stress().orElse(null));
            ref.configType().ifPresent(lb::configType);
            predicted[i] = s.withLabels(lb.build());
        }
        double microsecondsPerAtom = total.atoms == 0 ? Double.NaN : seconds * 1e6 / total.atoms;
        Map<String, ErrorMetrics> byConfigType = new LinkedHashMap<>();
        if (!groups.keySet().equals(Set.of(NO_CONFIG_TYPE))) {
            groups.forEach((type, g) -> byConfigType.put(type, g.metrics(Double.NaN)));
        }
        return new Result(Dataset.of(data.name() + " (predicted)", List.of(predicted)), total.metrics(microsecondsPerAtom),
            byConfigType, List.copyOf(perStructure));
    }

    /** Running sums of absolute and squared errors over structures. */
    private static final class Sums {
        int structures;
        long atoms;
        double eSum;
        double eAbs;
        double eSq;
        int eN;
        double fAbs;
        double fSq;
        double fMax;
        long fN;
        double sAbs;
        double sSq;
        int sN;

        void add(Structure s, Prediction p) {
            Labels ref = s.labels();
            structures++;
            atoms += s.atomCount();
            if (ref.energy().isPresent()) {
                double d = (p.energy() - ref.energy().getAsDouble()) / s.atomCount() * 1000;
                eSum += d;
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
                    fMax = Math.max(fMax, Math.abs(d));
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
        }

        void merge(Sums o) {
            structures += o.structures;
            atoms += o.atoms;
            eSum += o.eSum;
            eAbs += o.eAbs;
            eSq += o.eSq;
            eN += o.eN;
            fAbs += o.fAbs;
            fSq += o.fSq;
            fMax = Math.max(fMax, o.fMax);
            fN += o.fN;
            sAbs += o.sAbs;
            sSq += o.sSq;
            sN += o.sN;
        }

        ErrorMetrics metrics(double microsecondsPerAtom) {
            return new ErrorMetrics(structures, atoms,
                eN == 0 ? Double.NaN : eAbs / eN, eN == 0 ? Double.NaN : Math.sqrt(eSq / eN),
                fN == 0 ? Double.NaN : fAbs / fN, fN == 0 ? Double.NaN : Math.sqrt(fSq / fN),
                sN == 0 ? Double.NaN : sAbs / sN, sN == 0 ? Double.NaN : Math.sqrt(sSq / sN),
                microsecondsPerAtom);
        }
    }
}
