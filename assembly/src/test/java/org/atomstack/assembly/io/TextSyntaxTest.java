package org.atomstack.assembly.io;

import java.util.Map;

import org.atomstack.assembly.internal.io.FormatProblem;
import org.atomstack.assembly.internal.io.KeyValues;
import org.atomstack.assembly.internal.io.Numbers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The number and key=value syntax shared by the text readers. */
class TextSyntaxTest {
    @Test
    void numbersAsPythonReadsThem() throws FormatProblem {
        assertEquals(0.5, Numbers.parseDouble(".5"));
        assertEquals(2.0, Numbers.parseDouble("2."));
        assertEquals(-1e-3, Numbers.parseDouble("-1E-3"));
        assertEquals(1e3, Numbers.parseDouble("+1e+3"));
        assertTrue(Double.isNaN(Numbers.parseDouble("NaN")));
        assertEquals(Double.NEGATIVE_INFINITY, Numbers.parseDouble("-Infinity"));
        assertEquals(Double.POSITIVE_INFINITY, Numbers.parseDouble("inf"));
        for (String bad : new String[] {"", ".", "+", "1e", "1e+", "1.0f", "1d0", "0x1p3", "1,5", "1.2.3", "- 1", "nanx"}) {
            FormatProblem p = assertThrows(FormatProblem.class, () -> Numbers.parseDouble(bad), bad);
            assertEquals("'" + bad + "' is not a number", p.getMessage());
        }
    }

    @Test
    void formattedDoublesReadBackExactly() throws FormatProblem {
        for (double v : new double[] {0.1 + 0.2, -0.0, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 7.7053362926249545, -1.0 / 3}) {
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Numbers.parseDouble(Numbers.format(v))));
        }
    }

    @Test
    void integers() throws FormatProblem {
        assertEquals(31, Numbers.parseInt("31"));
        assertEquals(-2, Numbers.parseInt("-2"));
        for (String bad : new String[] {"", "-", "1.0", "1e2", "99999999999", " 1"}) {
            assertThrows(FormatProblem.class, () -> Numbers.parseInt(bad), bad);
        }
    }

    @Test
    void keyValuePairs() throws FormatProblem {
        Map<String, KeyValues.Entry> kv = KeyValues.parse(
            "a=1 B=\"x \\\"y\\\" z\" c = {1 2} d=[3, 4] flag \"quoted key\"=v a=2");
        assertEquals("2", kv.get("a").value());
        assertEquals("B", kv.get("b").key());
        assertEquals("x \"y\" z", kv.get("b").value());
        assertEquals("1 2", kv.get("c").value());
        assertEquals("3  4", kv.get("d").value());
        assertEquals("T", kv.get("flag").value());
        assertEquals("v", kv.get("quoted key").value());
        assertEquals(6, kv.size());
        assertTrue(KeyValues.parse("   ").isEmpty());
        assertThrows(FormatProblem.class, () -> KeyValues.parse("a={1 2"));
        assertThrows(FormatProblem.class, () -> KeyValues.parse("=5"));
    }

    @Test
    void quotingRoundTrips() throws FormatProblem {
        for (String v : new String[] {"md300K", "bulk fcc", "say \"hi\"", "back\\slash", "a=b", "", "{x}"}) {
            String text = "config_type=" + KeyValues.quoteIfNeeded(v) + " next=1";
            Map<String, KeyValues.Entry> kv = KeyValues.parse(text);
            assertEquals(v, kv.get("config_type").value(), text);
            assertEquals("1", kv.get("next").value(), text);
        }
        assertEquals("md300K", KeyValues.quoteIfNeeded("md300K"));
    }
}
