package org.atomstack.api.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.atomstack.api.plugin.Parameters;
import org.junit.jupiter.api.Test;

class BasisSelectionTest {
    @Test
    void roundTripsThroughItsMapFormIncludingAnUndefinedTolerance() {
        for (double tol : new double[] {1e-10, Double.NaN}) {
            BasisSelection s = new BasisSelection("langbein", 10, new int[] {3, 0, 7}, new int[] {2, 3}, tol, 42);
            assertEquals(s, BasisSelection.fromParameters(Parameters.of("sel", s.asMap())));
        }
    }

    @Test
    void aNaNToleranceWrittenAsTextByAJsonWriterReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>(new BasisSelection("x", 4, new int[] {1}, new int[0], Double.NaN, 0).asMap());
        m.put("tolerance", "NaN");
        assertEquals(Double.NaN, BasisSelection.fromParameters(Parameters.of("sel", m)).tolerance());
    }

    @Test
    void rejectsIndicesOutsideTheBasisOrRepeated() {
        assertThrows(IllegalArgumentException.class, () -> new BasisSelection("x", 4, new int[] {4}, new int[0], 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BasisSelection("x", 4, new int[] {1, 1}, new int[0], 0, 0));
    }
}
