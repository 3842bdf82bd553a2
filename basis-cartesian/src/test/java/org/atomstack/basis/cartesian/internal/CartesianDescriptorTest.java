package org.atomstack.basis.cartesian.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.backend.cpu.internal.CpuBackendProvider;
import org.atomstack.basis.cartesian.toolkit.CartesianChannelInvariants;
import org.atomstack.basis.cartesian.toolkit.InvariantSet;
import org.atomstack.testkit.RandomStructures;
import org.junit.jupiter.api.Test;

class CartesianDescriptorTest {
    private static final CartesianDescriptorProvider PROVIDER = new CartesianDescriptorProvider();
    private static final StackContext HO = StackContext.of(new int[] {8, 1}, 1, PluginRegistry.of(), null);

    private static Descriptor create(Map<String, ?> parameters) {
        return PROVIDER.create(Parameters.of("stack s.yaml: descriptor", parameters), HO);
    }

    @Test
    void hostRadialFunctionsAreTheBackendKernelsWithDerivatives() {
        try (Backend cpu = new CpuBackendProvider().open()) {
            for (RadialBasis.Kind kind : RadialBasis.Kind.values()) {
                RadialBasis spec = new RadialBasis(kind, 5, 4.5, kind == RadialBasis.Kind.BESSEL ? 0 : 0.6, 5);
                EnvelopedRadial host = new EnvelopedRadial(spec);
                double[] r = {1e-4, 0.3, 0.9, 1.7, 2.5, 3.3, 4.1, 4.49, 4.5, 5.2};
                try (Tensor rt = cpu.fromDoubles(r, DType.FLOAT64, Shape.of(r.length));
                     Tensor v = cpu.radialBasis(rt, spec, 0);
                     Tensor d = cpu.radialBasis(rt, spec, 1)) {
                    double[] kv = v.toDoubles();
                    double[] kd = d.toDoubles();
                    double[] hv = new double[5];
                    double[] hd = new double[5];
                    for (int e = 0; e < r.length; e++) {
                        host.evaluate(r[e], hv, hd);
                        for (int n = 0; n < 5; n++) {
                            assertEquals(kv[e * 5 + n], hv[n], 1e-12 * (1 + Math.abs(hv[n])), kind + " R_" + n + "(" + r[e] + ")");
                            assertEquals(kd[e * 5 + n], hd[n], 1e-11 * (1 + Math.abs(hd[n])), kind + " R'_" + n + "(" + r[e] + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void featuresAreTheChannelInvariantsOfSpeciesResolvedRadialWeights() {
        Descriptor d = create(Map.of("cutoff", 4.0, "radial", Map.of("count", 3)));
        Structure s = RandomStructures.seeded(31).structure(RandomStructures.Options.defaults().atoms(4, 6)
            .speciesPool(new int[] {1, 8}).species(2, 2).periodicity(RandomStructures.Periodicity.FULL));
        NeighborList nl = NeighborList.build(s, 4.0);
        FeatureBlock b = d.compute(s, nl, false);
        // the same numbers from the toolkit seam: w_{e,(s,n)} = δ(species(j), s) R_n(r_e)
        EnvelopedRadial radial = new EnvelopedRadial(new RadialBasis(RadialBasis.Kind.BESSEL, 3, 4.0, 0, 6));
        int edges = nl.edgeCount();
        double[] w = new double[edges * 6];
        double[] rv = new double[3];
        for (int e = 0; e < edges; e++) {
            radial.evaluate(nl.distance(e), rv, null);
            int sp = s.number(nl.neighbor(e)) == 1 ? 0 : 1;
            for (int n = 0; n < 3; n++) {
                w[e * 6 + sp * 3 + n] = rv[n];
            }
        }
        double[] ref = CartesianChannelInvariants.flexible().evaluate(w, nl.vectors(), 6, nl.centres(), s.atomCount());
        assertEquals(ref.length, b.values().length);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], b.values()[i], 1e-12 * (1 + Math.abs(ref[i])), d.featureLabels().get(i % d.size()));
        }
    }

    @Test
    void aSingleNeighbourGivesTheKnownNorms() {
        Descriptor d = create(Map.of("cutoff", 5.0, "radial", Map.of("count", 2), "invariants", "norms-l3"));
        double r = 2.0;
        Structure pair = Structure.of("OH", new double[] {0, 0, 0, 0.6 * r, 0, 0.8 * r}, new int[] {8, 1}, null, Labels.NONE);
        FeatureBlock b = d.compute(pair, NeighborList.build(pair, 5.0), false);
        double[] rv = new double[2];
        new EnvelopedRadial(new RadialBasis(RadialBasis.Kind.BESSEL, 2, 5.0, 0, 6)).evaluate(r, rv, null);
        // atom 0 (O) sees one H: channels (H, n) = 0, 1; (O, n) = 2, 3 are empty
        double[] norms = {1, 1, 2.0 / 3, 2.0 / 5};
        for (int n = 0; n < 2; n++) {
            assertEquals(rv[n], b.value(0, n * 4), 1e-14, "scalar channel");
            for (int l = 1; l <= 3; l++) {
                assertEquals(rv[n] * rv[n] * norms[l], b.value(0, n * 4 + l), 1e-14, "|R T^" + l + "|² = R² l!/(2l−1)!!");
            }
        }
        for (int k = 8; k < 16; k++) {
            assertEquals(0, b.value(0, k), 0.0);
        }
        assertEquals(List.of("H,n=0|-", "H,n=0|0,0", "H,n=0|01,01", "H,n=0|012,012"), d.featureLabels().subList(0, 4));
        assertEquals(List.of(1, 8), List.of(d.species()[0], d.species()[1]));
    }

    @Test
    void smoothnessPriorAndSelectableDegreesFollowTheFactors() {
        Descriptor d = create(Map.of("radial", Map.of("count", 2)));
        assertEquals(2 * 2 * 13, d.size());
        double[] g = d.smoothnessPrior().orElseThrow();
        // channel (H, n=1), invariant "0,1,02,12": factors of order 1, 1, 2, 2 and n = 1
        int k = InvariantSet.flexible().labels().indexOf("0,1,02,12");
        assertEquals(3 * 3 + 3 * 3 + 4 * 4 + 4 * 4, g[13 + k], 0.0);
        assertEquals(1, g[0], 0.0, "scalar of n = 0: (1 + 0 + 0)²");
        int[] deg = d.selectable().orElseThrow().degrees();
        assertEquals(4 * 1 + 6, deg[13 + k], "Σ_t (n + l_t)");
        assertEquals(4 * 13, d.selectable().orElseThrow().size(), "2 species × 2 radial channels × 13");
        assertEquals(4 * 16, d.selectable().orElseThrow().primitiveCount(), "16 coefficients per channel");
    }

    @Test
    void isolatedAtomsHaveZeroFeatures() {
        Descriptor d = create(Map.of());
        Structure one = Structure.of("single", new double[] {0, 0, 0}, new int[] {1}, null, Labels.NONE);
        FeatureBlock b = d.compute(one, NeighborList.build(one, d.cutoff()), true);
        for (double v : b.values()) {
            assertEquals(0, v, 0.0);
        }
        assertEquals(CartesianDescriptorProvider.DEFAULT_CUTOFF, d.cutoff());
    }

    @Test
    void parametersAreRecordedInFullAndRecreateTheDescriptor() {
        Descriptor d = create(Map.of("invariants", List.of("0,0", "01,12,02")));
        Map<String, Object> p = d.parameters().asMap();
        assertEquals(5.0, p.get("cutoff"));
        assertEquals(Map.of("kind", "bessel", "count", 4L, "inner", 0.0, "envelope", 6L), p.get("radial"));
        assertEquals(List.of("0,0", "01,02,12"), p.get("invariants"));
        Descriptor again = PROVIDER.create(d.parameters(), HO);
        assertEquals(d.featureLabels(), again.featureLabels());
    }

    @Test
    void badParametersAreReportedWithTheirPathAndValue() {
        PluginException e = assertThrows(PluginException.class, () -> create(Map.of("cutof", 5)));
        assertTrue(e.getMessage().contains("descriptor.cutof") && e.getMessage().contains("allowed"), e.getMessage());
        e = assertThrows(PluginException.class, () -> create(Map.of("radial", Map.of("kind", "spline"))));
        assertTrue(e.getMessage().contains("descriptor.radial.kind") && e.getMessage().contains("'spline'"), e.getMessage());
        e = assertThrows(PluginException.class, () -> create(Map.of("radial", Map.of("count", 0))));
        assertTrue(e.getMessage().contains("radial.count") && e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(PluginException.class, () -> create(Map.of("cutoff", -1)));
        assertTrue(e.getMessage().contains("descriptor.cutoff") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(PluginException.class, () -> create(Map.of("invariants", "flexible-l4")));
        assertTrue(e.getMessage().contains("descriptor.invariants") && e.getMessage().contains("'flexible-l4'"), e.getMessage());
        e = assertThrows(PluginException.class, () -> create(Map.of("invariants", List.of("0,0", "00"))));
        assertTrue(e.getMessage().contains("descriptor.invariants[1]") && e.getMessage().contains("'00'"), e.getMessage());
        e = assertThrows(PluginException.class, () -> create(Map.of("radial", Map.of("inner", 7.0))));
        assertTrue(e.getMessage().contains("radial.inner") && e.getMessage().contains("7.0"), e.getMessage());
    }

    @Test
    void aNeighbourListWithTooShortACutoffIsRejected() {
        Descriptor d = create(Map.of("cutoff", 5.0));
        Structure pair = Structure.of("pair", new double[] {0, 0, 0, 1, 0, 0}, new int[] {1, 8}, null, Labels.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.compute(pair, NeighborList.build(pair, 3.0), false));
        assertTrue(e.getMessage().contains("'pair'") && e.getMessage().contains("3.0"), e.getMessage());
    }

    @Test
    void selectablePrimitivesAreEnvironmentCoefficients() {
        Descriptor d = create(Map.of("radial", Map.of("count", 2)));
        var sel = d.selectable().orElseThrow();
        double[] prim = new double[sel.primitiveCount()];
        sel.samplePrimitives(new SplittableRandom(3), prim);
        double[] values = new double[sel.size()];
        double[] jac = new double[sel.size() * sel.primitiveCount()];
        sel.evaluate(prim, values, jac);
        double[] direct = InvariantSet.flexible().contract(prim, 16);
        for (int k = 0; k < 13; k++) {
            assertEquals(direct[k], values[13 + k], 1e-12 * (1 + Math.abs(direct[k])), "channel 1 feature " + k);
        }
        for (int k = 0; k < 13; k++) {
            for (int q = 0; q < 16; q++) {
                assertEquals(0, jac[k * sel.primitiveCount() + 16 + q], 0.0, "feature of channel 0 does not depend on channel 1");
            }
        }
    }
}
