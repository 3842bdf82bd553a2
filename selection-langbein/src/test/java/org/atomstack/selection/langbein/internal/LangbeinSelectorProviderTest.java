package org.atomstack.selection.langbein.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.junit.jupiter.api.Test;

/** Parameters of the {@code langbein} stage: defaults and errors that name the key and quote the value. */
class LangbeinSelectorProviderTest {

    private static String error(Map<String, Object> values) {
        return assertThrows(PluginException.class, () -> LangbeinSelectorProvider.settings(Parameters.of("stack s.yaml: selector", values)))
            .getMessage();
    }

    @Test
    void defaults() {
        LangbeinSelector.Settings s = LangbeinSelectorProvider.settings(Parameters.empty("selector"));
        assertEquals(8, s.samples());
        assertEquals(1e-8, s.tolerance());
        assertEquals(LangbeinSelector.CandidateOrder.DEGREE, s.order());
        assertEquals(LangbeinSelector.Sampling.BASIS, s.sampling());
        assertEquals(List.of(), s.vanishing());
        assertEquals(false, s.prune());
    }

    @Test
    void vanishingPatternsAreRangesOrListsOfRanges() {
        LangbeinSelector.Settings s = LangbeinSelectorProvider.settings(Parameters.of("selector",
            Map.of("vanishing", List.of(List.of(1, 4), List.of(List.of(0, 1), List.of(4, 6))))));
        assertEquals(2, s.vanishing().size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 2, 3}, s.vanishing().get(0));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 4, 5}, s.vanishing().get(1));
    }

    @Test
    void errorsNameTheParameterAndQuoteTheValue() {
        assertEquals("stack s.yaml: selector.samples: must be >= 1, got 0", error(Map.of("samples", 0)));
        assertEquals("stack s.yaml: selector.tolerance: must be in (0, 1), got 2.0", error(Map.of("tolerance", 2)));
        assertEquals("stack s.yaml: selector.order: 'size' is not one of [degree, index]", error(Map.of("order", "size")));
        assertEquals("stack s.yaml: selector.primitives: 'uniform' is not one of [basis, gaussian]", error(Map.of("primitives", "uniform")));
        assertEquals("stack s.yaml: selector.vanishing[1]: expected a range [from, to) of primitive indices such as [1, 4], "
            + "or a list of ranges such as [[1, 4], [9, 16]], got [3]", error(Map.of("vanishing", List.of(List.of(1, 2), List.of(3)))));
        assertEquals("stack s.yaml: selector.vanishing[0]: expected ranges with 0 <= from < to, got [4, 4]",
            error(Map.of("vanishing", List.of(List.of(4, 4)))));
        assertEquals("stack s.yaml: selector.sample: unknown parameter; allowed: samples, tolerance, order, primitives, vanishing, prune",
            error(Map.of("sample", 3)));
        assertEquals("stack s.yaml: selector.prune: expected true or false, got 'maybe'", error(Map.of("prune", "maybe")));
    }
}
