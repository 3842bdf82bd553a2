package org.atomstack.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class VersionRangeTest {
    private static boolean in(String range, String version) {
        return VersionRange.parse(range).includes(Version.parse(version));
    }

    @Test
    void halfOpenRangeIncludesItsFloorAndExcludesItsCeiling() {
        VersionRange r = VersionRange.parse("[1.0,2.0)");
        assertEquals(new VersionRange(Version.parse("1.0"), true, Version.parse("2.0"), false), r);
        assertTrue(in("[1.0,2.0)", "1.0.0"));
        assertTrue(in("[1.0,2.0)", "1.99.99"));
        assertFalse(in("[1.0,2.0)", "2.0.0"));
        assertFalse(in("[1.0,2.0)", "0.9.9"));
    }

    @Test
    void rangeOpenBelowAndClosedAboveIncludesItsCeilingOnly() {
        assertFalse(in("(1,2]", "1.0.0"));
        assertTrue(in("(1,2]", "1.0.0.rc1"), "a qualifier sorts after the bare version");
        assertTrue(in("(1,2]", "1.0.1"));
        assertTrue(in("(1,2]", "2.0.0"));
        assertFalse(in("(1,2]", "2.0.0.beta"));
        assertFalse(in("(1,2]", "2.0.1"));
    }

    @Test
    void bareVersionMeansAtLeastThatVersion() {
        VersionRange r = VersionRange.parse("1.2");
        assertEquals(Version.parse("1.2"), r.floor());
        assertTrue(r.floorInclusive());
        assertNull(r.ceiling());
        assertTrue(in("1.2", "1.2.0"));
        assertTrue(in("1.2", "99.0"));
        assertFalse(in("1.2", "1.1.9"));
        assertEquals("1.2.0", r.toString());
    }

    @Test
    void starAndEmptyTextMeanAnyVersion() {
        assertSame(VersionRange.ANY, VersionRange.parse("*"));
        assertSame(VersionRange.ANY, VersionRange.parse("  "));
        assertTrue(VersionRange.ANY.includes(Version.UNKNOWN));
        assertTrue(VersionRange.ANY.includes(Version.parse("1000.0")));
        assertEquals("*", VersionRange.ANY.toString());
    }

    @Test
    void exactRangeIncludesOnlyThatVersion() {
        assertTrue(in("[1.5,1.5]", "1.5.0"));
        assertFalse(in("[1.5,1.5]", "1.5.1"));
        assertFalse(in("[1.5,1.5]", "1.4.9"));
    }

    @Test
    void rejectsMalformedRangesQuotingTheText() {
        for (String bad : new String[] {"[1.0,2.0", "[1.0;2.0)", "[1.0)", "(1.0,2.0}"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VersionRange.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void rejectsAMalformedBoundQuotingTheWholeRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VersionRange.parse("[1.x,2.0)"));
        assertTrue(e.getMessage().contains("'[1.x,2.0)'"), e.getMessage());
        assertTrue(e.getMessage().contains("'1.x'"), e.getMessage());
    }

    @Test
    void rejectsARangeWhoseFloorExceedsItsCeiling() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VersionRange.parse("[2.0,1.0)"));
        assertEquals("empty version range: '[2.0,1.0)'", e.getMessage());
    }

    @Test
    void rejectsARangeThatContainsNoVersionBecauseABoundIsExcluded() {
        for (String empty : new String[] {"[1.0,1.0)", "(1.0,1.0]", "(1.0,1.0)"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VersionRange.parse(empty));
            assertEquals("empty version range: '" + empty + "'", e.getMessage());
        }
    }

    @Property(tries = 100)
    void textFormRoundTrips(@ForAll @IntRange(max = 50) int a, @ForAll @IntRange(max = 50) int b,
                            @ForAll boolean floorIn, @ForAll boolean ceilingIn) {
        Version lo = new Version(Math.min(a, b), 1, 0, "");
        Version hi = new Version(Math.max(a, b) + 1, 0, 0, "");
        VersionRange r = new VersionRange(lo, floorIn, hi, ceilingIn);
        assertEquals(r, VersionRange.parse(r.toString()));
    }
}
