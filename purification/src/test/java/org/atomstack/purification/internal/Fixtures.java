package org.atomstack.purification.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.Structure;

/** Parameters, descriptors and structures shared by the purification tests. */
final class Fixtures {
    static final int MO = 42;
    static final int NB = 41;

    private Fixtures() {
    }

    /** A registry with every provider on the test class path (ace, canonical-ace, linear). */
    static PluginRegistry registry() {
        return PluginRegistry.serviceLoader(Fixtures.class.getClassLoader());
    }

    static StackContext context(int... species) {
        return StackContext.of(species, 1, registry(), null);
    }

    /** ace parameters: cutoff 5 Å, the given order and degrees, species Mo unless given. */
    static Map<String, Object> ace(int order, double... degree) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("cutoff", 5.0);
        p.put("order", order);
        p.put("degree", java.util.Arrays.stream(degree).boxed().toList());
        p.put("species", List.of("Mo"));
        return p;
    }

    static Map<String, Object> with(Map<String, Object> p, String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(p);
        out.put(key, value);
        return out;
    }

    /** The canonical-ace descriptor for these parameters. */
    static Descriptor canonical(Map<String, Object> p, int... species) {
        return new CanonicalAceProvider().create(Parameters.of("descriptor", p), context(species.length == 0 ? new int[] {MO} : species));
    }

    /** A descriptor of plugin {@code id} (through the registry). */
    static Descriptor create(String id, Map<String, Object> p, int... species) {
        StackContext ctx = context(species.length == 0 ? new int[] {MO} : species);
        return ctx.registry().find(org.atomstack.api.descriptor.DescriptorProvider.class, id).provider()
            .create(Parameters.of("descriptor", p), ctx);
    }

    /**
     * A molecule: a centre at the origin and {@code neighbours} atoms at distances in [1.8, 4.6) Å in
     * random directions, at least 1.2 Å apart; species drawn from {@code species}.
     */
    static Structure cluster(long seed, int neighbours, int... species) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] pos = new double[3 * (neighbours + 1)];
        int[] z = new int[neighbours + 1];
        z[0] = species[rnd.nextInt(species.length)];
        for (int j = 1; j <= neighbours; j++) {
            while (true) {
                double r = 1.8 + 2.8 * rnd.nextDouble();
                double cz = 2 * rnd.nextDouble() - 1;
                double phi = 2 * Math.PI * rnd.nextDouble();
                double s = Math.sqrt(1 - cz * cz);
                double x = r * s * Math.cos(phi);
                double y = r * s * Math.sin(phi);
                double w = r * cz;
                boolean ok = true;
                for (int k = 1; k < j; k++) {
                    double dx = pos[3 * k] - x;
                    double dy = pos[3 * k + 1] - y;
                    double dz = pos[3 * k + 2] - w;
                    ok &= dx * dx + dy * dy + dz * dz > 1.44;
                }
                if (ok) {
                    pos[3 * j] = x;
                    pos[3 * j + 1] = y;
                    pos[3 * j + 2] = w;
                    break;
                }
            }
            z[j] = species[rnd.nextInt(species.length)];
        }
        return Structure.of("cluster-" + seed, pos, z, null, Labels.NONE);
    }

    /** Largest |a − b| over the largest |b| (1e-300 floor). */
    static double relativeDifference(double[] a, double[] b) {
        double scale = 1e-300;
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        return diff / scale;
    }
}
