package org.atomstack.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void parsesOneTwoAndThreeComponentsWithZeroDefaults() {
        assertEquals(new Version(1, 0, 0, ""), Version.parse("1"));
        assertEquals(new Version(1, 2, 0, ""), Version.parse("1.2"));
        assertEquals(new Version(1, 2, 3, ""), Version.parse(" 1.2.3 "));
    }

    @Test
    void parsesAnOsgiQualifierAndAMavenSuffix() {
        assertEquals(new Version(0, 1, 0, "beta"), Version.parse("0.1.0.beta"));
        assertEquals(new Version(1, 2, 3, "SNAPSHOT"), Version.parse("1.2.3-SNAPSHOT"));
        assertEquals("1.2.3.SNAPSHOT", Version.parse("1.2.3-SNAPSHOT").toString());
    }

    @Test
    void rejectsMalformedTextQuotingIt() {
        for (String bad : new String[] {"", "abc", "1.x", "1..2", "v1.0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Version.parse(bad));
            assertEquals("not a version: '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void rejectsNegativeComponents() {
        assertThrows(IllegalArgumentException.class, () -> new Version(1, -1, 0, ""));
        assertThrows(NullPointerException.class, () -> new Version(1, 0, 0, null));
    }

    @Test
    void ordersNumericallyWithTheEmptyQualifierFirst() {
        List<Version> expected = List.of(Version.parse("0.9"), Version.parse("1.0.0"), Version.parse("1.0.0.alpha"),
            Version.parse("1.0.0.beta"), Version.parse("1.0.1"), Version.parse("1.2"), Version.parse("1.9.0"),
            Version.parse("1.10.0"), Version.parse("2"));
        List<Version> shuffled = new ArrayList<>(expected);
        Collections.reverse(shuffled);
        Collections.sort(shuffled);
        assertEquals(expected, shuffled);
        assertTrue(Version.parse("1.10").compareTo(Version.parse("1.9")) > 0, "numeric, not lexicographic");
    }

    @Test
    void versionsThatDifferOnlyInMissingZerosAreEqual() {
        assertEquals(Version.parse("1.2"), Version.parse("1.2.0"));
        assertEquals(0, Version.parse("1").compareTo(Version.parse("1.0.0")));
        assertEquals(Version.UNKNOWN, Version.parse("0.0.0"));
    }

    @Property(tries = 100)
    void textFormRoundTrips(@ForAll @IntRange(max = 10_000) int major, @ForAll @IntRange(max = 10_000) int minor,
                            @ForAll @IntRange(max = 10_000) int micro, @ForAll @AlphaChars @StringLength(max = 8) String qualifier) {
        Version v = new Version(major, minor, micro, qualifier);
        assertEquals(v, Version.parse(v.toString()));
    }
}
