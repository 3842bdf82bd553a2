package org.atomstack.backend.cpu.internal;

/**
 * Single-precision matrix product C = op(A)·op(B), accumulating in float: the same blocking,
 * packing, 4×4 micro-kernel, parallel split and fixed per-element summation order as
 * {@link GemmF64}, on {@code float[]} operands. Stateless.
 */
final class GemmF32 {
    static final int MR = 4;
    static final int NR = 4;
    static final int MC = 64;
    static final int KC = 256;
    static final int NC = 2048;
    /** Products with m·n·k at most this use the unblocked loop. */
    static final long SMALL = 4096;

    private GemmF32() {
    }

    /**
     * C[i, j] = Σ_p A(i, p)·B(p, j) with A(i, p) = a[aOff + i·ars + p·acs] and B(p, j) =
     * b[bOff + p·brs + j·bcs]; C is row-major [m, n] at {@code cOff} and must be zero on entry.
     */
    static void multiply(Parallel par, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
                         float[] c, int cOff, int m, int n, int k) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        if ((long) m * n * k <= SMALL) {
            direct(a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, m, n, k);
            return;
        }
        int mBlocks = (m + MC - 1) / MC;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int nPanels = (nc + NR - 1) / NR;
            int slices = Math.max(1, Math.min(nPanels, (2 * par.threads() + mBlocks - 1) / mBlocks));
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float[] bp = new float[nPanels * NR * kc];
                int bBase = bOff + pc * brs + jc * bcs;
                par.forRange(nPanels, (long) kc * NR, (from, to) -> packB(b, bBase, brs, bcs, bp, kc, nc, from, to));
                int colBase = jc;
                int slab = pc;
                long cost = (long) Math.min(MC, m) * kc * nc / slices;
                par.forRange(mBlocks * slices, cost, (from, to) -> {
                    float[] ap = new float[MC * kc];
                    for (int t = from; t < to; t++) {
                        int ic = (t / slices) * MC;
                        int s = t % slices;
                        int mc = Math.min(MC, m - ic);
                        packA(a, aOff + ic * ars + slab * acs, ars, acs, ap, kc, mc);
                        int p0 = (int) ((long) nPanels * s / slices);
                        int p1 = (int) ((long) nPanels * (s + 1) / slices);
                        for (int jp = p0; jp < p1; jp++) {
                            int jr = jp * NR;
                            int nr = Math.min(NR, nc - jr);
                            for (int ir = 0; ir < mc; ir += MR) {
                                kernel(ap, ir * kc, bp, jp * NR * kc, kc, c, cOff + (ic + ir) * n + colBase + jr, n,
                                    Math.min(MR, mc - ir), nr);
                            }
                        }
                    }
                });
            }
        }
    }

    /** The unblocked product for tiny operands (same per-element order: p ascending). */
    private static void direct(float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
                               float[] c, int cOff, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ars;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * bcs;
                float s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p * acs] * b[bj + p * brs];
                }
                c[cOff + i * n + j] = s;
            }
        }
    }

    /** Packs rows 0..mc-1, columns 0..kc-1 of A (from {@code base}) into MR-tall micro-panels, zero-padded. */
    private static void packA(float[] a, int base, int ars, int acs, float[] ap, int kc, int mc) {
        for (int ir = 0; ir < mc; ir += MR) {
            int dst = ir * kc;
            int rows = Math.min(MR, mc - ir);
            if (acs == 1) {
                for (int ii = 0; ii < rows; ii++) {
                    int src = base + (ir + ii) * ars;
                    for (int p = 0; p < kc; p++) {
                        ap[dst + p * MR + ii] = a[src + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = base + p * acs + ir * ars;
                    for (int ii = 0; ii < rows; ii++) {
                        ap[dst + p * MR + ii] = a[src + ii * ars];
                    }
                }
            }
            for (int ii = rows; ii < MR; ii++) {
                for (int p = 0; p < kc; p++) {
                    ap[dst + p * MR + ii] = 0;
                }
            }
        }
    }

    /** Packs B micro-panels {@code from..to-1} (columns jp·NR..) of a kc-deep slab; padding stays zero. */
    private static void packB(float[] b, int base, int brs, int bcs, float[] bp, int kc, int nc, int from, int to) {
        for (int jp = from; jp < to; jp++) {
            int jr = jp * NR;
            int dst = jp * NR * kc;
            int cols = Math.min(NR, nc - jr);
            if (bcs == 1) {
                for (int p = 0; p < kc; p++) {
                    int src = base + p * brs + jr;
                    for (int jj = 0; jj < cols; jj++) {
                        bp[dst + p * NR + jj] = b[src + jj];
                    }
                }
            } else {
                for (int jj = 0; jj < cols; jj++) {
                    int src = base + (jr + jj) * bcs;
                    for (int p = 0; p < kc; p++) {
                        bp[dst + p * NR + jj] = b[src + p * brs];
                    }
                }
            }
        }
    }

    /** C tile (mr × nr valid of 4×4) += A micro-panel · B micro-panel over kc. */
    private static void kernel(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc, int mr, int nr) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * MR;
            int bi = bo + p * NR;
            float a0 = ap[ai], a1 = ap[ai + 1], a2 = ap[ai + 2], a3 = ap[ai + 3];
            float b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        if (mr == MR && nr == NR) {
            c[co] += c00; c[co + 1] += c01; c[co + 2] += c02; c[co + 3] += c03;
            co += ldc;
            c[co] += c10; c[co + 1] += c11; c[co + 2] += c12; c[co + 3] += c13;
            co += ldc;
            c[co] += c20; c[co + 1] += c21; c[co + 2] += c22; c[co + 3] += c23;
            co += ldc;
            c[co] += c30; c[co + 1] += c31; c[co + 2] += c32; c[co + 3] += c33;
            return;
        }
        float[] t = {c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33};
        for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
                c[co + i * ldc + j] += t[i * NR + j];
            }
        }
    }
}
