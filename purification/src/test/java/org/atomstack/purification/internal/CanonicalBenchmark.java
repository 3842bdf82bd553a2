package org.atomstack.purification.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * Hand-run timing (not a test): ace against canonical ACE (ace with purify: true) on 128 atoms of
 * bcc Mo (a = 3.16 Å, 0.08 Å noise), one thread, best of 6, values and values with gradients.
 *
 * <pre>
 *   mvn -q -pl purification -am test-compile
 *   java -cp purification/target/classes:purification/target/test-classes:basis-ace/target/classes:api/target/classes \
 *     org.atomstack.purification.internal.CanonicalBenchmark [cutoff order D1,D2,...]
 * </pre>
 */
public final class CanonicalBenchmark {
    private CanonicalBenchmark() {
    }

    /**
     * Entry point.
     *
     * @param args optional cutoff, order and degrees (default 5.5 3 18,16,12)
     */
    public static void main(String[] args) {
        double cutoff = args.length > 0 ? Double.parseDouble(args[0]) : 5.5;
        int order = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Double> degree = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).map(Double::parseDouble).toList()
            : List.of(18.0, 16.0, 12.0);
        PluginRegistry reg = PluginRegistry.serviceLoader(CanonicalBenchmark.class.getClassLoader());
        StackContext ctx = StackContext.of(new int[] {42}, 1, reg, null);
        DescriptorProvider ace = reg.find(DescriptorProvider.class, "ace").provider();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", cutoff);
        m.put("order", order);
        m.put("degree", degree);
        m.put("species", List.of("Mo"));
        Map<String, Object> p = new LinkedHashMap<>(m);
        p.put("purify", true);
        double a = 3.16;
        int k = 4;
        double[] pos = new double[3 * 2 * k * k * k];
        int[] z = new int[2 * k * k * k];
        Random rnd = new Random(1);
        int at = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < k; l++) {
                    for (int b = 0; b < 2; b++) {
                        pos[3 * at] = (i + 0.5 * b) * a + 0.08 * rnd.nextGaussian();
                        pos[3 * at + 1] = (j + 0.5 * b) * a + 0.08 * rnd.nextGaussian();
                        pos[3 * at + 2] = (l + 0.5 * b) * a + 0.08 * rnd.nextGaussian();
                        z[at++] = 42;
                    }
                }
            }
        }
        Structure s = Structure.of("bcc", pos, z, Cell.periodic(new double[] {k * a, 0, 0, 0, k * a, 0, 0, 0, k * a}), Labels.NONE);
        NeighborList nl = NeighborList.build(s, cutoff);
        for (Map<String, Object> params : List.of(m, p)) {
            long t0 = System.nanoTime();
            Descriptor d = ace.create(Parameters.of("descriptor", params), ctx);
            double build = (System.nanoTime() - t0) / 1e9;
            for (boolean g : new boolean[] {false, true}) {
                double best = Double.MAX_VALUE;
                for (int rep = 0; rep < 6; rep++) {
                    long t1 = System.nanoTime();
                    d.compute(s, nl, g);
                    best = Math.min(best, (System.nanoTime() - t1) / 1e3 / s.atomCount());
                }
                System.out.printf(Locale.ROOT, "%-9s %d functions (built in %.2f s), gradients %-5b: %6.0f µs/atom, %.1f neighbours/atom%n",
                    params.containsKey("purify") ? "canonical" : "ace", d.size(), build, g, best, nl.edgeCount() / (double) s.atomCount());
            }
        }
    }
}
