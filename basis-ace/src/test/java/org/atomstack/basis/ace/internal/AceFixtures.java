package org.atomstack.basis.ace.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/** Descriptors and helpers shared by the ace tests. */
final class AceFixtures {
    private AceFixtures() {
    }

    static StackContext context(int... species) {
        return StackContext.of(species, 1, PluginRegistry.of(new AceDescriptorProvider()), null);
    }

    static Descriptor create(Map<String, Object> parameters, int... contextSpecies) {
        return new AceDescriptorProvider().create(Parameters.of("descriptor", parameters), context(contextSpecies));
    }

    /** A small ν = 4 basis with l up to 3 (single species by default). */
    static Map<String, Object> small(double cutoff) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("cutoff", cutoff);
        p.put("order", 4);
        p.put("degree", List.of(9, 9, 7, 5));
        return p;
    }

    static Map<String, Object> with(Map<String, Object> p, String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(p);
        out.put(key, value);
        return out;
    }

    static FeatureBlock compute(Descriptor d, Structure s, boolean gradients) {
        return d.compute(s, NeighborList.build(s, d.cutoff()), gradients);
    }

    /** Largest |a − b| relative to 1 + the largest |b|. */
    static double relativeDifference(double[] a, double[] b) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        return diff / (1 + scale);
    }

    /**
     * ∂B_i,k/∂x_a,c from edge gradients: Σ over edges e centred at i of g_e (δ_{a,j(e)} − δ_{a,i}),
     * as atoms × size × atoms × 3.
     */
    static double[] positionGradients(FeatureBlock b) {
        NeighborList nl = b.neighbors();
        int n = b.atoms();
        int k = b.size();
        double[] out = new double[n * k * n * 3];
        for (int e = 0; e < nl.edgeCount(); e++) {
            int i = nl.centre(e);
            int j = nl.neighbor(e);
            for (int f = 0; f < k; f++) {
                for (int c = 0; c < 3; c++) {
                    double g = b.gradient(e, f, c);
                    out[((i * k + f) * n + j) * 3 + c] += g;
                    out[((i * k + f) * n + i) * 3 + c] -= g;
                }
            }
        }
        return out;
    }
}
