package org.atomstack.api.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {
    enum Solver { CHOLESKY, CONJUGATE_GRADIENT }

    private static Parameters descriptor() {
        Map<String, Object> radial = new LinkedHashMap<>();
        radial.put("degree", "x");
        radial.put("cutoff", 5.5);
        radial.put("basis", "chebyshev");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("radial", radial);
        m.put("lmax", 4);
        m.put("scale", "1.5e-1");
        m.put("symmetric", true);
        m.put("name", "ace");
        m.put("solver", "conjugate-gradient");
        m.put("weights", List.of(1, 2.5, 3L));
        m.put("orders", List.of(1, 2, 3));
        m.put("empty", null);
        return Parameters.of("stack ace-Mo.yaml: descriptor", m);
    }

    @Test
    void typedGettersConvertValues() {
        Parameters p = descriptor();
        assertEquals(4, p.integer("lmax"));
        assertEquals(4.0, p.number("lmax"));
        assertEquals(0.15, p.number("scale"), 1e-15);
        assertTrue(p.bool("symmetric", false));
        assertEquals("ace", p.string("name"));
        assertEquals("4", p.string("lmax"));
        assertArrayEquals(new double[] {1, 2.5, 3}, p.numbers("weights", null));
        assertArrayEquals(new int[] {1, 2, 3}, p.integers("orders", null));
        assertEquals(5.5, p.section("radial").number("cutoff"));
    }

    @Test
    void optionalGettersFallBackWhenTheKeyIsAbsent() {
        Parameters p = descriptor();
        assertEquals(7, p.integer("missing", 7));
        assertEquals(0.5, p.number("missing", 0.5));
        assertEquals("d", p.string("missing", "d"));
        assertFalse(p.bool("missing", false));
        assertArrayEquals(new int[] {9}, p.integers("missing", new int[] {9}));
        assertEquals(Solver.CHOLESKY, p.choice("missing", Solver.class, Solver.CHOLESKY));
    }

    @Test
    void wrongTypeInANestedSectionNamesTheFullKeyPath() {
        PluginException e = assertThrows(PluginException.class, () -> descriptor().section("radial").integer("degree"));
        assertEquals("stack ace-Mo.yaml: descriptor.radial.degree: expected an integer, got 'x'", e.getMessage());
    }

    @Test
    void missingRequiredKeyNamesTheFullKeyPath() {
        PluginException e = assertThrows(PluginException.class, () -> descriptor().section("radial").number("rmin"));
        assertEquals("stack ace-Mo.yaml: descriptor.radial.rmin: missing required parameter", e.getMessage());
    }

    @Test
    void keyWithoutValueIsReported() {
        PluginException e = assertThrows(PluginException.class, () -> descriptor().string("empty"));
        assertEquals("stack ace-Mo.yaml: descriptor.empty: has no value", e.getMessage());
    }

    @Test
    void typeErrorsDescribeWhatWasFound() {
        Parameters p = descriptor();
        assertEquals("stack ace-Mo.yaml: descriptor.radial: expected a string, got a section",
            assertThrows(PluginException.class, () -> p.string("radial")).getMessage());
        assertEquals("stack ace-Mo.yaml: descriptor.name: expected a number, got 'ace'",
            assertThrows(PluginException.class, () -> p.number("name")).getMessage());
        assertEquals("stack ace-Mo.yaml: descriptor.name: expected true or false, got 'ace'",
            assertThrows(PluginException.class, () -> p.bool("name", true)).getMessage());
        assertEquals("stack ace-Mo.yaml: descriptor.lmax: expected a list, got 4",
            assertThrows(PluginException.class, () -> p.list("lmax")).getMessage());
        assertEquals("stack ace-Mo.yaml: descriptor.name: expected a section (map), got 'ace'",
            assertThrows(PluginException.class, () -> p.section("name")).getMessage());
    }

    @Test
    void integerRejectsFractionsAndValuesBeyondIntRange() {
        Parameters p = Parameters.of("s", Map.of("half", 2.5, "huge", 3_000_000_000L, "whole", 2.0, "text", "12"));
        assertEquals(2, p.integer("whole"));
        assertEquals(12, p.integer("text"));
        assertEquals("s.half: expected an integer, got 2.5", assertThrows(PluginException.class, () -> p.integer("half")).getMessage());
        assertEquals("s.huge: expected an integer, got 3000000000", assertThrows(PluginException.class, () -> p.integer("huge")).getMessage());
    }

    @Test
    void numberRejectsNonFiniteValues() {
        Parameters p = Parameters.of("s", Map.of("nan", Double.NaN, "text", "NaN"));
        assertEquals("s.nan: expected a finite number, got NaN", assertThrows(PluginException.class, () -> p.number("nan")).getMessage());
        assertThrows(PluginException.class, () -> p.number("text"));
    }

    @Test
    void listElementErrorsNameTheIndex() {
        Parameters p = Parameters.of("s", Map.of("w", List.of(1, "two"), "n", List.of(1, 2.5)));
        assertEquals("s.w[1]: expected a number, got 'two'", assertThrows(PluginException.class, () -> p.numbers("w", null)).getMessage());
        assertEquals("s.n[1]: expected an integer, got 2.5", assertThrows(PluginException.class, () -> p.integers("n", null)).getMessage());
    }

    @Test
    void integersRejectsValuesBeyondIntRangeInsteadOfWrappingThem() {
        Parameters p = Parameters.of("s", Map.of("n", List.of(1, 4_294_967_297L)));
        PluginException e = assertThrows(PluginException.class, () -> p.integers("n", null));
        assertEquals("s.n[1]: expected an integer, got 4294967297", e.getMessage());
    }

    @Test
    void choiceMatchesEnumConstantsIgnoringCaseAndDashes() {
        Parameters p = descriptor();
        assertEquals(Solver.CONJUGATE_GRADIENT, p.choice("solver", Solver.class, Solver.CHOLESKY));
        assertEquals(Solver.CHOLESKY, Parameters.of("s", Map.of("solver", "Cholesky")).choice("solver", Solver.class, null));
    }

    @Test
    void choiceRejectsAnUnknownValueListingTheAllowedOnes() {
        Parameters p = Parameters.of("stack s.yaml: model", Map.of("solver", "lu"));
        PluginException e = assertThrows(PluginException.class, () -> p.choice("solver", Solver.class, Solver.CHOLESKY));
        assertEquals("stack s.yaml: model.solver: 'lu' is not one of [cholesky, conjugate-gradient]", e.getMessage());
    }

    @Test
    void checkKnownRejectsAMisspeltKeyNamingItAndTheAllowedKeys() {
        Parameters p = Parameters.of("stack s.yaml: model", Map.of("alpha", 1, "lamda", 0.1));
        PluginException e = assertThrows(PluginException.class, () -> p.checkKnown("alpha", "lambda"));
        assertEquals("stack s.yaml: model.lamda: unknown parameter; allowed: alpha, lambda", e.getMessage());
        p.checkKnown("alpha", "lamda", "beta");
    }

    @Test
    void checkKnownInANestedSectionUsesTheNestedPath() {
        PluginException e = assertThrows(PluginException.class, () -> descriptor().section("radial").checkKnown("cutoff", "basis"));
        assertEquals("stack ace-Mo.yaml: descriptor.radial.degree: unknown parameter; allowed: cutoff, basis", e.getMessage());
    }

    @Test
    void absentSectionIsEmptyWithTheNestedPath() {
        Parameters s = descriptor().section("angular");
        assertTrue(s.keys().isEmpty());
        assertEquals("stack ace-Mo.yaml: descriptor.angular", s.path());
    }

    @Test
    void emptyPathGivesBareKeysInMessages() {
        PluginException e = assertThrows(PluginException.class, () -> Parameters.empty("").integer("k"));
        assertEquals("k: missing required parameter", e.getMessage());
    }

    @Test
    void keysKeepFileOrderAndValuesAreDeepCopiesThatCannotBeModified() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("a", 1);
        List<Object> list = new ArrayList<>(List.of(1, 2));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", inner);
        m.put("y", list);
        m.put("x", 1);
        Parameters p = Parameters.of("s", m);
        inner.put("b", 2);
        list.add(3);
        assertEquals(List.of("z", "y", "x"), List.copyOf(p.keys()));
        assertEquals(1, p.section("z").keys().size());
        assertEquals(2, p.list("y").size());
        assertEquals(1L, p.raw("x"), "integers are stored as Long");
        assertThrows(UnsupportedOperationException.class, () -> p.asMap().put("w", 1));
        assertThrows(UnsupportedOperationException.class, () -> p.list("y").add(4));
    }

    @Test
    void rejectsNonStringKeysAndUnsupportedValueTypesNamingThePath() {
        Map<Object, Object> bad = new HashMap<>();
        bad.put(1, "x");
        PluginException keys = assertThrows(PluginException.class, () -> Parameters.of("s", Map.of("section", bad)));
        assertEquals("s.section: keys must be strings, got 1", keys.getMessage());
        PluginException type = assertThrows(PluginException.class, () -> Parameters.of("s", Map.of("l", List.of(new Object()))));
        assertEquals("s.l[0]: unsupported value type Object", type.getMessage());
    }
}
