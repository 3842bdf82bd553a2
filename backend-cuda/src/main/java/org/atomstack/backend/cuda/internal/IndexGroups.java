package org.atomstack.backend.cuda.internal;

/**
 * Source rows grouped by target row for the deterministic scatter-add: the sources of target r
 * are {@code order[start[r]] .. order[start[r+1]-1]}, in ascending source order (a stable
 * counting sort, as in the CPU backend). Built on the host from an index the caller validated;
 * uploaded once per index buffer and row count. Immutable after construction.
 *
 * @param start rows + 1 offsets into order
 * @param order source row numbers grouped by target
 */
record IndexGroups(int[] start, int[] order) {
    /** Groups {@code index} (each entry in 0..rows-1) by target row. */
    static IndexGroups of(int[] index, int rows) {
        int[] start = new int[rows + 1];
        for (int r : index) {
            start[r + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            start[r + 1] += start[r];
        }
        int[] fill = java.util.Arrays.copyOf(start, rows);
        int[] order = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            order[fill[index[i]]++] = i;
        }
        return new IndexGroups(start, order);
    }

    /** start followed by order, as one int array (the device layout). */
    int[] packed() {
        int[] p = new int[start.length + order.length];
        System.arraycopy(start, 0, p, 0, start.length);
        System.arraycopy(order, 0, p, start.length, order.length);
        return p;
    }
}
