package org.atomstack.api.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ElementsTest {

    @Test
    void symbolsAndAtomicNumbersRoundTripForEveryElement() {
        for (int z = 1; z <= Elements.MAX_Z; z++) {
            assertEquals(z, Elements.atomicNumber(Elements.symbol(z)));
        }
        assertEquals(118, Elements.MAX_Z);
        assertEquals("Mo", Elements.symbol(42));
    }

    @Test
    void atomicNumberIgnoresCaseAndSurroundingSpace() {
        assertEquals(42, Elements.atomicNumber("mo"));
        assertEquals(42, Elements.atomicNumber(" MO "));
    }

    @Test
    void rejectsUnknownSymbolsQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Elements.atomicNumber("Xx"));
        assertEquals("unknown chemical element 'Xx'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Elements.atomicNumber(""));
        assertThrows(IllegalArgumentException.class, () -> Elements.symbol(0));
        assertThrows(IllegalArgumentException.class, () -> Elements.symbol(119));
    }
}
