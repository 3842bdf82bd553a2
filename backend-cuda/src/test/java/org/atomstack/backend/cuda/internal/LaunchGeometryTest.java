package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Launch configurations of the grid-stride kernels. */
class LaunchGeometryTest {
    @ParameterizedTest(name = "{0} items on {1} SMs -> {2} blocks")
    @CsvSource({"1, 132, 1", "256, 132, 1", "257, 132, 2", "1000000, 132, 3907", "100000000, 132, 4224", "40000, 4, 128",
        "9223372036854775807, 132, 4224", "9223372036854775807, 100000000, 2147483647"})
    void coversTheItemsWithBlocksOf256UpToThirtyTwoPerMultiprocessor(long items, int sms, int blocks) {
        LaunchGeometry g = LaunchGeometry.of(items, sms);
        assertEquals(blocks, g.grid());
        assertEquals(256, g.block());
    }

    @Test
    void everyItemHasAThreadOrTheGridIsFullAndThreadsLoop() {
        for (long items : new long[] {1, 255, 256, 257, 12345, 1L << 20, 1L << 33}) {
            LaunchGeometry g = LaunchGeometry.of(items, 8);
            long cap = 8L * LaunchGeometry.BLOCKS_PER_MULTIPROCESSOR;
            assertTrue(g.threads() >= items || g.grid() == cap, items + " items, " + g);
            assertTrue(g.threads() - items < g.block() || g.grid() == 1, "no block without work: " + g);
        }
    }

    @Test
    void rejectsEmptyLaunchesAndDevicesWithoutMultiprocessors() {
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(0, 132));
        assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new LaunchGeometry(0, 256));
    }
}
