package org.atomstack.purification.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.descriptor.Regularizer;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.junit.jupiter.api.Test;

/** The ace plugin's purify: true and "purification" regulariser, delegated through the registry. */
class DelegationTest {
    private static final Map<String, Object> SMALL = Fixtures.ace(3, 9, 8, 6);

    private static DescriptorProvider aceProvider() {
        return Fixtures.registry().find(DescriptorProvider.class, "ace").provider();
    }

    /** A context whose registry has the ace plugin only. */
    private static StackContext aceOnly() {
        return StackContext.of(new int[] {Fixtures.MO}, 1, PluginRegistry.of(aceProvider()), null);
    }

    @Test
    void acePurifyTrueIsTheCanonicalBasisAndRecreatesFromItsParameters() {
        Descriptor viaAce = Fixtures.create("ace", Fixtures.with(SMALL, "purify", true));
        Descriptor direct = Fixtures.canonical(SMALL);
        assertEquals(direct.featureLabels(), viaAce.featureLabels());
        assertEquals(true, viaAce.parameters().asMap().get("purify"));
        Descriptor again = Fixtures.create("ace", viaAce.parameters().asMap());
        Structure s = Fixtures.cluster(5, 7, Fixtures.MO);
        double[] a = viaAce.compute(s, NeighborList.build(s, 5.0), true).values();
        assertArrayEquals(direct.compute(s, NeighborList.build(s, 5.0), false).values(), a, 0);
        assertArrayEquals(a, again.compute(s, NeighborList.build(s, 5.0), false).values(), 0);
        // and the plain ace basis is the self-interacting one
        Descriptor plain = Fixtures.create("ace", SMALL);
        assertArrayEquals(Fixtures.canonical(Fixtures.with(SMALL, "purify", false)).compute(s, NeighborList.build(s, 5.0), false).values(),
            plain.compute(s, NeighborList.build(s, 5.0), false).values(), 1e-12);
    }

    @Test
    void acePurifyWithoutThePurificationPluginIsAnErrorNamingIt() {
        PluginException e = assertThrows(PluginException.class,
            () -> aceProvider().create(Parameters.of("descriptor", Fixtures.with(SMALL, "purify", true)), aceOnly()));
        assertTrue(e.getMessage().startsWith("descriptor.purify: true needs the descriptor plugin 'canonical-ace'"), e.getMessage());
        Descriptor plain = aceProvider().create(Parameters.of("descriptor", SMALL), aceOnly());
        e = assertThrows(PluginException.class, () -> plain.regularizer("purification"));
        assertTrue(e.getMessage().contains("'purification' regularizer") && e.getMessage().contains("canonical-ace"), e.getMessage());
        assertTrue(plain.regularizer("something-else").isEmpty());
    }

    @Test
    void aceOffersThePurificationRegulariserOfItsOwnColumns() {
        Descriptor ace = Fixtures.create("ace", SMALL);
        Regularizer r = ace.regularizer("purification").orElseThrow();
        Regularizer expected = Fixtures.canonical(Fixtures.with(SMALL, "purify", false)).regularizer("purification").orElseThrow();
        assertEquals(expected, r);
        assertEquals(ace.size(), r.size());
        // S = Tᵀ is unit triangular: diagonal ones
        int[] start = r.rowStart();
        int[] cols = r.columns();
        double[] vals = r.values();
        for (int i = 0; i < r.size(); i++) {
            boolean diag = false;
            for (int p = start[i]; p < start[i + 1]; p++) {
                if (cols[p] == i) {
                    assertEquals(1, vals[p], 1e-12);
                    diag = true;
                }
            }
            assertTrue(diag);
        }
        // a restricted ace descriptor gets the regulariser of its columns
        int[] keep = {ace.size() - 1, 3, 0, ace.size() / 2};
        Descriptor sub = ace.restrict(new BasisSelection("test", ace.size(), keep, new int[0], Double.NaN, 0));
        assertEquals(keep.length, sub.regularizer("purification").orElseThrow().size());
        // the canonical basis is its own canonical form
        Regularizer id = Fixtures.canonical(SMALL).regularizer("purification").orElseThrow();
        assertEquals(id.size(), id.nonZeros());
    }

    @Test
    void theRegulariserSaysWhetherTheBasisIsClosedUnderPurification() {
        String closed = Fixtures.create("ace", Fixtures.ace(3, 12, 8, 4)).regularizer("purification").orElseThrow().description();
        assertTrue(closed.contains("exact"), closed);
        String open = Fixtures.create("ace", Fixtures.ace(2, 8, 8)).regularizer("purification").orElseThrow().description();
        assertTrue(open.contains("approximate") && open.contains("Mo(10,0)"), open);
        assertFalse(open.contains("exact ("), open);
    }

    @Test
    void parameterErrorsNameTheirPathAndQuoteTheValue() {
        PluginException e = assertThrows(PluginException.class,
            () -> Fixtures.canonical(Fixtures.with(SMALL, "purification", Map.of("tolerance", 2))));
        assertEquals("descriptor.purification.tolerance: must be in (0, 1), got 2.0", e.getMessage());
        e = assertThrows(PluginException.class, () -> Fixtures.canonical(Fixtures.with(SMALL, "purification", Map.of("tolerence", 1e-3))));
        assertTrue(e.getMessage().startsWith("descriptor.purification.tolerence: unknown parameter"), e.getMessage());
        e = assertThrows(PluginException.class, () -> Fixtures.canonical(Fixtures.with(SMALL, "purify", "yes")));
        assertTrue(e.getMessage().startsWith("descriptor.purify:"), e.getMessage());
        e = assertThrows(PluginException.class, () -> Fixtures.canonical(Fixtures.with(SMALL, "cutoff", -1)));
        assertTrue(e.getMessage().startsWith("descriptor.cutoff:"), e.getMessage());
    }

    @Test
    void besselRadialBasesNeedAnExplicitToleranceForTheApproximateCanonicalBasis() {
        Map<String, Object> bessel = Fixtures.with(Fixtures.ace(2, 4, 4), "radial", Map.of("kind", "bessel"));
        PluginException e = assertThrows(PluginException.class, () -> Fixtures.canonical(bessel));
        assertTrue(e.getMessage().startsWith("descriptor.purification.tolerance: the product of the bessel radial functions")
            && e.getMessage().contains("radial.kind: polynomial"), e.getMessage());
        Descriptor approx = Fixtures.canonical(Fixtures.with(bessel, "purification", Map.of("tolerance", 0.1, "radial_extra", 8)));
        assertTrue(approx.toString().contains("radial least-squares residual"), approx.toString());
    }
}
