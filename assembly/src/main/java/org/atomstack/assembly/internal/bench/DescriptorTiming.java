package org.atomstack.assembly.internal.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * Times a descriptor's featurisation over a dataset: values only and values with edge
 * gradients (what forces need), on one thread and on all processors (structures in parallel).
 * Neighbour lists are built beforehand and excluded; two warm-up passes of each mode run first
 * (so the JIT has compiled both paths), then each figure is the median over repeats.
 */
public final class DescriptorTiming {
    private DescriptorTiming() {
    }

    /**
     * One measurement.
     *
     * @param what               "values" or "values + gradients"
     * @param threads            threads used
     * @param features           descriptor size
     * @param microsecondsPerAtom wall time per atom
     */
    public record Result(String what, int threads, int features, double microsecondsPerAtom) {
    }

    /** Measures {@code descriptor} on {@code data}. */
    public static List<Result> measure(Descriptor descriptor, Dataset data, int repeats) throws Exception {
        List<Structure> structures = data.structures();
        NeighborList[] lists = structures.parallelStream().map(s -> NeighborList.build(s, descriptor.cutoff())).toArray(NeighborList[]::new);
        long atoms = data.atomCount();
        int cores = Runtime.getRuntime().availableProcessors();
        List<Result> out = new ArrayList<>();
        ExecutorService warm = Executors.newFixedThreadPool(cores);
        try {
            for (int w = 0; w < 2; w++) {
                pass(descriptor, structures, lists, false, warm);
                pass(descriptor, structures, lists, true, warm);
            }
        } finally {
            warm.shutdownNow();
        }
        for (boolean gradients : new boolean[] {false, true}) {
            for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    pass(descriptor, structures, lists, gradients, pool);
                    long[] t = new long[Math.max(1, repeats)];
                    for (int r = 0; r < t.length; r++) {
                        long t0 = System.nanoTime();
                        pass(descriptor, structures, lists, gradients, pool);
                        t[r] = System.nanoTime() - t0;
                    }
                    Arrays.sort(t);
                    out.add(new Result(gradients ? "values + gradients" : "values", threads, descriptor.size(), t[t.length / 2] / 1e3 / atoms));
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        return out;
    }

    private static void pass(Descriptor d, List<Structure> structures, NeighborList[] lists, boolean gradients, ExecutorService pool) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < structures.size(); i++) {
            int k = i;
            futures.add(pool.submit(() -> d.compute(structures.get(k), lists[k], gradients)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }
}
