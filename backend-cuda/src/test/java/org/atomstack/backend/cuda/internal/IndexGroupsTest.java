package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Grouping of scatter-add sources by target row. */
class IndexGroupsTest {
    @Test
    void groupsSourcesByTargetInAscendingSourceOrder() {
        IndexGroups g = IndexGroups.of(new int[] {1, 4, 1, 1, 0}, 6);
        assertArrayEquals(new int[] {0, 1, 4, 4, 4, 5, 5}, g.start());
        assertArrayEquals(new int[] {4, 0, 2, 3, 1}, g.order());
        assertArrayEquals(new int[] {0, 1, 4, 4, 4, 5, 5, 4, 0, 2, 3, 1}, g.packed());
    }

    @Test
    void anEmptyIndexLeavesEveryRowEmpty() {
        IndexGroups g = IndexGroups.of(new int[0], 3);
        assertArrayEquals(new int[4], g.start());
        assertArrayEquals(new int[0], g.order());
    }
}
