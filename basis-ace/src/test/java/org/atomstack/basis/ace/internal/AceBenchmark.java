package org.atomstack.basis.ace.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * Manual timing of featurisation with gradients (not a test; no assertions). Usage:
 * <pre>
 *   java -cp ... org.atomstack.basis.ace.internal.AceBenchmark [degrees D1,D2,D3,D4] [threads] [structures file]
 * </pre>
 * Times a perturbed bcc Mo supercell (128 atoms, a = 3.15 Å, cutoff 5 Å, 26 neighbours) and,
 * when a file is given, the structures in it (lines: atom count, 9 lattice numbers, then one
 * "x y z" line per atom).
 */
public final class AceBenchmark {
    private AceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String degrees = args.length > 0 ? args[0] : "21,16,11,6";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("cutoff", 5.0);
        p.put("order", degrees.split(",").length);
        List<Object> d = new ArrayList<>();
        for (String s : degrees.split(",")) {
            d.add(Double.parseDouble(s));
        }
        p.put("degree", d);
        long t0 = System.nanoTime();
        Descriptor desc = AceFixtures.create(p, 42);
        AceDescriptor ace = (AceDescriptor) desc;
        CompiledBasis cb = ace.compiled(0);
        System.out.printf(Locale.ROOT, "basis %s: %d functions %s, %d atomic-base entries, %d terms, %d Jacobian non-zeros; built in %.0f ms%n",
            degrees, desc.size(), Arrays.toString(ace.basis().countByOrder()), cb.evaluator.atomicBaseSize(), cb.evaluator.termCount(),
            cb.evaluator.jacobianNonZeros(), (System.nanoTime() - t0) / 1e6);
        Structure mo = bcc(4, 3.15, 0.08, 1);
        NeighborList nl = NeighborList.build(mo, 5.0);
        System.out.printf(Locale.ROOT, "bcc Mo: %d atoms, %.1f neighbours per atom%n", mo.atomCount(), nl.edgeCount() / (double) mo.atomCount());
        for (boolean grad : new boolean[] {false, true}) {
            double best = Double.POSITIVE_INFINITY;
            for (int rep = 0; rep < 12; rep++) {
                long t = System.nanoTime();
                FeatureBlock b = desc.compute(mo, nl, grad);
                double us = (System.nanoTime() - t) / 1e3 / mo.atomCount();
                if (b.values().length == 0) {
                    throw new IllegalStateException();
                }
                best = Math.min(best, us);
            }
            System.out.printf(Locale.ROOT, "  %s: best of 12: %.1f µs/atom (one thread)%n", grad ? "values + gradients" : "values only", best);
        }
        if (args.length > 2) {
            List<Structure> set = read(Path.of(args[2]));
            int atoms = set.stream().mapToInt(Structure::atomCount).sum();
            for (int rep = 0; rep < 3; rep++) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long t = System.nanoTime();
                List<Future<Long>> fs = new ArrayList<>();
                for (Structure s : set) {
                    fs.add(pool.submit(() -> {
                        FeatureBlock b = desc.compute(s, NeighborList.build(s, 5.0), true);
                        return (long) b.gradients().length;
                    }));
                }
                long doubles = 0;
                for (Future<Long> f : fs) {
                    doubles += f.get();
                }
                pool.shutdown();
                double sec = (System.nanoTime() - t) / 1e9;
                System.out.printf(Locale.ROOT, "  %s: %d structures, %d atoms, values + gradients (%d gradient doubles) in %.2f s on %d threads = %.1f µs/atom%n",
                    args[2], set.size(), atoms, doubles, sec, threads, sec * 1e6 / atoms);
            }
        }
    }

    static Structure bcc(int reps, double a, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 2 * reps * reps * reps;
        double[] x = new double[3 * n];
        int at = 0;
        for (int i = 0; i < reps; i++) {
            for (int j = 0; j < reps; j++) {
                for (int k = 0; k < reps; k++) {
                    for (int b = 0; b < 2; b++) {
                        x[3 * at] = a * (i + 0.5 * b) + noise * rng.nextGaussian();
                        x[3 * at + 1] = a * (j + 0.5 * b) + noise * rng.nextGaussian();
                        x[3 * at + 2] = a * (k + 0.5 * b) + noise * rng.nextGaussian();
                        at++;
                    }
                }
            }
        }
        int[] z = new int[n];
        Arrays.fill(z, 42);
        double l = a * reps;
        return Structure.of("bcc-Mo", x, z, Cell.periodic(new double[] {l, 0, 0, 0, l, 0, 0, 0, l}), Labels.NONE);
    }

    static List<Structure> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Structure> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).isBlank()) {
                i++;
                continue;
            }
            int n = Integer.parseInt(lines.get(i++).strip());
            double[] cell = Arrays.stream(lines.get(i++).strip().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
            double[] x = new double[3 * n];
            for (int k = 0; k < n; k++) {
                double[] v = Arrays.stream(lines.get(i++).strip().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
                System.arraycopy(v, 0, x, 3 * k, 3);
            }
            int[] z = new int[n];
            Arrays.fill(z, 42);
            out.add(Structure.of(file.getFileName() + "#" + out.size(), x, z, Cell.periodic(cell), Labels.NONE));
        }
        return out;
    }
}
