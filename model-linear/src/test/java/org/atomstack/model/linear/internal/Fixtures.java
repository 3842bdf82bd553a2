package org.atomstack.model.linear.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures;

/** Shared test inputs: a two-species descriptor, random structures, a known "true" model and labelling. */
final class Fixtures {
    /** Si and Mo. */
    static final int[] SPECIES = {14, 42};
    /** Descriptor cutoff, Å. */
    static final double CUTOFF = 4.0;

    private Fixtures() {
    }

    /** The default test descriptor: 3 radial functions per species plus the three-body feature, with a smoothness prior. */
    static RadialTestDescriptor descriptor() {
        return new RadialTestDescriptor(CUTOFF, 3, SPECIES, true, false);
    }

    /** A context for the two species. */
    static StackContext context() {
        return StackContext.of(SPECIES, 7, PluginRegistry.of(new LinearModelProvider()), null);
    }

    /** Random structures of 2–6 atoms of Si and/or Mo with the given periodicity. */
    static List<Structure> structures(long seed, int count, RandomStructures.Periodicity periodicity) {
        RandomStructures random = RandomStructures.seeded(seed);
        RandomStructures.Options options = RandomStructures.Options.defaults().atoms(2, 6).speciesPool(SPECIES).species(1, 2)
            .periodicity(periodicity).volumePerAtom(12, 20).minDistance(1.6);
        List<Structure> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(random.structure(options));
        }
        return out;
    }

    /** Parameters from alternating keys and values, at path "model". */
    static Parameters params(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Parameters.of("model", m);
    }

    /** A map from alternating keys and values. */
    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /**
     * A "true" model with known coefficients over {@code descriptor}: c_k = (−1)^k (0.3 + 0.1k),
     * E0 = (−5.5, −10.8) eV, and, when {@code pair}, a pair term of 3 functions (cutoff 3.5 Å).
     */
    static LinearModel truth(Descriptor descriptor, boolean pair) {
        Parameters p = pair ? params("pair", map("cutoff", 3.5, "basis", 3)) : params();
        LinearSettings settings = LinearSettings.parse(p);
        PairBasis basis = pair ? new PairBasis(3.5, 3, descriptor.species()) : null;
        DesignLayout layout = new DesignLayout(descriptor.size(), descriptor.species(), true, basis);
        double[] c = new double[descriptor.size()];
        for (int k = 0; k < c.length; k++) {
            c[k] = (k % 2 == 0 ? 1 : -1) * (0.3 + 0.1 * k);
        }
        double[] pc = new double[layout.pairColumns()];
        for (int k = 0; k < pc.length; k++) {
            pc[k] = 0.2 + 0.05 * k * (k % 3 == 1 ? -1 : 1);
        }
        return new LinearModel(settings, descriptor, layout, c, new double[] {-5.5, -10.8}, pc, Map.of());
    }

    /**
     * The structures labelled by {@code model}: energy, forces, and stress where defined, each
     * with independent Gaussian noise of standard deviation {@code noise} added to the energy
     * per atom, every force component and every stress component.
     */
    static Dataset label(String name, List<Structure> structures, Model model, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Structure> out = new ArrayList<>();
        for (Structure s : structures) {
            Prediction p = model.predict(s, NeighborList.build(s, model.cutoff()), true, true);
            double[] f = p.forces().orElseThrow();
            for (int i = 0; i < f.length; i++) {
                f[i] += noise * gaussian(rng);
            }
            Labels.Builder b = s.labels().toBuilder().energy(p.energy() + s.atomCount() * noise * gaussian(rng)).forces(f);
            if (p.stress().isPresent()) {
                double[] st = p.stress().orElseThrow();
                for (int i = 0; i < 6; i++) {
                    st[i] += noise * gaussian(rng);
                }
                b.stress(st);
            }
            out.add(s.withLabels(b.build()));
        }
        return Dataset.of(name, out);
    }

    /** Trains a linear model with the given parameters. */
    static LinearModel train(Parameters p, Descriptor descriptor, Dataset training) {
        return (LinearModel) new LinearModelProvider().trainer(p, descriptor, context()).train(training, Dataset.of("none", List.of()),
            TrainingListener.NONE);
    }

    /** max_k |a_k − b_k| / max(1, max_k |b_k|). */
    static double relativeError(double[] a, double[] b) {
        double scale = 1;
        double err = 0;
        for (int i = 0; i < b.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            err = Math.max(err, Math.abs(a[i] - b[i]));
        }
        return err / scale;
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
