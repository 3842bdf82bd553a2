package org.atomstack.backend.cpu.internal;

/**
 * Row gather and segment sum along axis 0. Scatter-add first groups the source rows by target
 * row with a stable counting sort, then sums each target row's sources in ascending source
 * order; target rows are split between threads, so the result equals the sequential loop
 * bit for bit whatever the thread count. Stateless.
 */
final class Indexing {
    private Indexing() {
    }

    /** out row i = x row index[i], rows of {@code rowLen} elements; arrays of any primitive type. */
    static void gather(Parallel par, Object x, int[] index, Object out, int rowLen) {
        par.forRange(index.length, rowLen, (from, to) -> {
            for (int i = from; i < to; i++) {
                System.arraycopy(x, index[i] * rowLen, out, i * rowLen, rowLen);
            }
        });
    }

    /** Source rows grouped by target: returns {start[rows+1], order[E]}, order stable within a target. */
    private static int[][] group(int[] index, int rows) {
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
        return new int[][] {start, order};
    }

    /** out[index[i], :] += src[i, :] (out zero on entry, {@code rows} rows of {@code rowLen}). */
    static void scatterAdd(Parallel par, double[] src, int[] index, double[] out, int rows, int rowLen) {
        int[][] g = group(index, rows);
        int[] start = g[0];
        int[] order = g[1];
        long cost = Math.max(1, (long) index.length * rowLen / Math.max(rows, 1));
        par.forRange(rows, cost, (from, to) -> {
            for (int r = from; r < to; r++) {
                int dst = r * rowLen;
                for (int j = start[r]; j < start[r + 1]; j++) {
                    int s = order[j] * rowLen;
                    for (int c = 0; c < rowLen; c++) {
                        out[dst + c] += src[s + c];
                    }
                }
            }
        });
    }

    /** Float32 variant of {@link #scatterAdd(Parallel, double[], int[], double[], int, int)}, accumulating in float. */
    static void scatterAdd(Parallel par, float[] src, int[] index, float[] out, int rows, int rowLen) {
        int[][] g = group(index, rows);
        int[] start = g[0];
        int[] order = g[1];
        long cost = Math.max(1, (long) index.length * rowLen / Math.max(rows, 1));
        par.forRange(rows, cost, (from, to) -> {
            for (int r = from; r < to; r++) {
                int dst = r * rowLen;
                for (int j = start[r]; j < start[r + 1]; j++) {
                    int s = order[j] * rowLen;
                    for (int c = 0; c < rowLen; c++) {
                        out[dst + c] += src[s + c];
                    }
                }
            }
        });
    }
}
