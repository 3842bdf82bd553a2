package org.atomstack.model.linear.internal;

/**
 * The hot loop of the normal equations: the symmetric rank-k update G += XᵀX of the upper
 * triangle of G (m×m, row-major) by a block of rows X stored column-major (column c at
 * {@code x[c·stride .. c·stride + rows)}), so that every entry is a dot product of two
 * contiguous columns.
 *
 * <p>G is cut into {@link #TILE}×{@link #TILE} tiles; the tiles on and above the diagonal are
 * independent tasks for the workers. Inside a tile a 4×4 register block accumulates 16 dot
 * products at once (8 loads per 16 multiply-adds). m must be a multiple of 4 (callers pad with
 * zero columns). Every entry is summed over the rows in order, starting from zero, and then
 * added to G, whatever tile or thread computes it, so results are bitwise independent of the
 * thread count. Cost: rows·m² flops per block (half of a general XᵀX); entries of the 4×4
 * blocks straddling the diagonal are also written below it, which callers ignore.
 */
final class SymmetricRankK {
    /** Tile edge (columns of G per task side). */
    static final int TILE = 64;

    private SymmetricRankK() {
    }

    /**
     * G += XᵀX on and above the diagonal.
     *
     * @param g       m×m row-major, updated
     * @param m       order of G, a multiple of 4
     * @param x       block of rows, column-major with the given stride
     * @param stride  distance between columns of x, ≥ rows
     * @param rows    number of rows
     * @param workers workers for the tiles, or null to run serially
     */
    static void update(double[] g, int m, double[] x, int stride, int rows, Workers workers) {
        if (m % 4 != 0) {
            throw new IllegalArgumentException("order must be a multiple of 4, got " + m);
        }
        if (rows == 0) {
            return;
        }
        int tiles = (m + TILE - 1) / TILE;
        int tasks = tiles * (tiles + 1) / 2;
        int[] tileRow = new int[tasks];
        int[] tileCol = new int[tasks];
        int t = 0;
        for (int i = 0; i < tiles; i++) {
            for (int j = i; j < tiles; j++) {
                tileRow[t] = i;
                tileCol[t] = j;
                t++;
            }
        }
        if (workers == null) {
            for (int k = 0; k < tasks; k++) {
                tile(g, m, x, stride, rows, tileRow[k] * TILE, tileCol[k] * TILE);
            }
        } else {
            workers.forEach(tasks, k -> tile(g, m, x, stride, rows, tileRow[k] * TILE, tileCol[k] * TILE));
        }
    }

    private static void tile(double[] g, int m, double[] x, int stride, int rows, int p0, int q0) {
        int p1 = Math.min(p0 + TILE, m);
        int q1 = Math.min(q0 + TILE, m);
        for (int p = p0; p < p1; p += 4) {
            for (int q = Math.max(q0, p - p % 4); q < q1; q += 4) {
                block(g, m, x, stride, rows, p, q);
            }
        }
    }

    private static void block(double[] g, int m, double[] x, int stride, int rows, int p, int q) {
        int a0 = p * stride;
        int a1 = a0 + stride;
        int a2 = a1 + stride;
        int a3 = a2 + stride;
        int c0 = q * stride;
        int c1 = c0 + stride;
        int c2 = c1 + stride;
        int c3 = c2 + stride;
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        double s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        double s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (int r = 0; r < rows; r++) {
            double x0 = x[a0 + r];
            double x1 = x[a1 + r];
            double x2 = x[a2 + r];
            double x3 = x[a3 + r];
            double y0 = x[c0 + r];
            double y1 = x[c1 + r];
            double y2 = x[c2 + r];
            double y3 = x[c3 + r];
            s00 += x0 * y0;
            s01 += x0 * y1;
            s02 += x0 * y2;
            s03 += x0 * y3;
            s10 += x1 * y0;
            s11 += x1 * y1;
            s12 += x1 * y2;
            s13 += x1 * y3;
            s20 += x2 * y0;
            s21 += x2 * y1;
            s22 += x2 * y2;
            s23 += x2 * y3;
            s30 += x3 * y0;
            s31 += x3 * y1;
            s32 += x3 * y2;
            s33 += x3 * y3;
        }
        int o = p * m + q;
        g[o] += s00;
        g[o + 1] += s01;
        g[o + 2] += s02;
        g[o + 3] += s03;
        o += m;
        g[o] += s10;
        g[o + 1] += s11;
        g[o + 2] += s12;
        g[o + 3] += s13;
        o += m;
        g[o] += s20;
        g[o + 1] += s21;
        g[o + 2] += s22;
        g[o + 3] += s23;
        o += m;
        g[o] += s30;
        g[o + 1] += s31;
        g[o + 2] += s32;
        g[o + 3] += s33;
    }
}
