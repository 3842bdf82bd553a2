package org.atomstack.api.structure.internal;

import java.util.Arrays;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * Cell-list construction of a {@link NeighborList} in O(N) for bounded density.
 *
 * <p>Atoms are wrapped into the cell along periodic directions; every periodic image that can
 * lie within the cutoff of the wrapped cell (fractional coordinate within
 * [−r/d, 1 + r/d] along each periodic direction d, with d the plane spacing) is added as a
 * ghost; central atoms and ghosts are binned on a Cartesian grid with bins no smaller than the
 * cutoff, and each central atom scans the 27 surrounding bins.
 */
public final class CellListBuilder {
    private CellListBuilder() {
    }

    /** Builds the list; see {@link NeighborList#build}. */
    public static NeighborList build(Structure s, double cutoff) {
        int n = s.atomCount();
        double[] x = s.positions();
        Cell cell = s.cell().orElse(null);
        boolean[] pbc = cell == null ? new boolean[3] : cell.pbc();

        // 1. wrap along periodic directions, remembering the integer shift of each atom
        double[] wrapped = x.clone();
        int[] wrapShift = new int[3 * n];
        if (cell != null && cell.anyPeriodic()) {
            double[] frac = new double[3];
            for (int i = 0; i < n; i++) {
                cell.toFractional(x, 3 * i, frac, 0);
                for (int d = 0; d < 3; d++) {
                    if (pbc[d]) {
                        double f = Math.floor(frac[d]);
                        wrapShift[3 * i + d] = (int) f;
                        frac[d] -= f;
                    }
                }
                // wrapped = x - w·H
                for (int k = 0; k < 3; k++) {
                    double sh = 0;
                    for (int d = 0; d < 3; d++) {
                        sh += wrapShift[3 * i + d] * cell.vector(d, k);
                    }
                    wrapped[3 * i + k] = x[3 * i + k] - sh;
                }
            }
        }

        // 2. images: central atoms (shift 0) first, then ghosts near the cell
        int[] nImg = new int[3];
        double[] margin = new double[3];
        for (int d = 0; d < 3; d++) {
            if (pbc[d]) {
                margin[d] = cutoff / cell.planeSpacing(d);
                nImg[d] = (int) Math.ceil(margin[d]);
            }
        }
        PointSet pts = new PointSet(n);
        for (int i = 0; i < n; i++) {
            pts.add(i, 0, 0, 0, wrapped[3 * i], wrapped[3 * i + 1], wrapped[3 * i + 2]);
        }
        if (nImg[0] + nImg[1] + nImg[2] > 0) {
            double[] frac = new double[3];
            for (int i = 0; i < n; i++) {
                cell.toFractional(wrapped, 3 * i, frac, 0);
                for (int a = -nImg[0]; a <= nImg[0]; a++) {
                    if (!inside(frac[0] + a, margin[0], pbc[0])) {
                        continue;
                    }
                    for (int b = -nImg[1]; b <= nImg[1]; b++) {
                        if (!inside(frac[1] + b, margin[1], pbc[1])) {
                            continue;
                        }
                        for (int c = -nImg[2]; c <= nImg[2]; c++) {
                            if ((a | b | c) == 0 || !inside(frac[2] + c, margin[2], pbc[2])) {
                                continue;
                            }
                            double px = wrapped[3 * i] + a * cell.vector(0, 0) + b * cell.vector(1, 0) + c * cell.vector(2, 0);
                            double py = wrapped[3 * i + 1] + a * cell.vector(0, 1) + b * cell.vector(1, 1) + c * cell.vector(2, 1);
                            double pz = wrapped[3 * i + 2] + a * cell.vector(0, 2) + b * cell.vector(1, 2) + c * cell.vector(2, 2);
                            pts.add(i, a, b, c, px, py, pz);
                        }
                    }
                }
            }
        }

        // 3. bin all points on a Cartesian grid, bins >= cutoff, at most ~2 bins per point
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int p = 0; p < pts.size; p++) {
            for (int k = 0; k < 3; k++) {
                lo[k] = Math.min(lo[k], pts.xyz[3 * p + k]);
                hi[k] = Math.max(hi[k], pts.xyz[3 * p + k]);
            }
        }
        double bin = cutoff;
        int[] nb = new int[3];
        while (true) {
            long total = 1;
            for (int k = 0; k < 3; k++) {
                nb[k] = Math.max(1, (int) Math.min(1 << 20, Math.floor((hi[k] - lo[k]) / bin)));
                total *= nb[k];
            }
            if (total <= 2L * Math.max(pts.size, 1) + 27) {
                break;
            }
            bin *= 1.5;
        }
        double[] width = new double[3];
        for (int k = 0; k < 3; k++) {
            width[k] = nb[k] == 1 ? Double.POSITIVE_INFINITY : (hi[k] - lo[k]) / nb[k];
        }
        int binCount = nb[0] * nb[1] * nb[2];
        int[] head = new int[binCount];
        Arrays.fill(head, -1);
        int[] next = new int[pts.size];
        int[] binOf = new int[pts.size];
        for (int p = 0; p < pts.size; p++) {
            int bx = binIndex(pts.xyz[3 * p], lo[0], width[0], nb[0]);
            int by = binIndex(pts.xyz[3 * p + 1], lo[1], width[1], nb[1]);
            int bz = binIndex(pts.xyz[3 * p + 2], lo[2], width[2], nb[2]);
            int bi = (bx * nb[1] + by) * nb[2] + bz;
            binOf[p] = bi;
            next[p] = head[bi];
            head[bi] = p;
        }

        // 4. scan the 27 neighbouring bins of each central atom
        double rc2 = cutoff * cutoff;
        int[] offsets = new int[n + 1];
        IntList nbr = new IntList();
        IntList shifts = new IntList();
        DoubleList vec = new DoubleList();
        long[] keys = new long[16];
        int[] cand = new int[16];
        for (int i = 0; i < n; i++) {
            int bi = binOf[i];
            int bz = bi % nb[2];
            int by = (bi / nb[2]) % nb[1];
            int bx = bi / (nb[1] * nb[2]);
            int count = 0;
            for (int dx = -1; dx <= 1; dx++) {
                int cx = bx + dx;
                if (cx < 0 || cx >= nb[0]) {
                    continue;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    int cy = by + dy;
                    if (cy < 0 || cy >= nb[1]) {
                        continue;
                    }
                    for (int dz = -1; dz <= 1; dz++) {
                        int cz = bz + dz;
                        if (cz < 0 || cz >= nb[2]) {
                            continue;
                        }
                        for (int p = head[(cx * nb[1] + cy) * nb[2] + cz]; p >= 0; p = next[p]) {
                            int j = pts.atom[p];
                            if (j == i && pts.isCentral(p)) {
                                continue;
                            }
                            double rx = pts.xyz[3 * p] - wrapped[3 * i];
                            double ry = pts.xyz[3 * p + 1] - wrapped[3 * i + 1];
                            double rz = pts.xyz[3 * p + 2] - wrapped[3 * i + 2];
                            if (rx * rx + ry * ry + rz * rz < rc2) {
                                if (count == cand.length) {
                                    cand = Arrays.copyOf(cand, 2 * count);
                                    keys = Arrays.copyOf(keys, 2 * count);
                                }
                                cand[count++] = p;
                            }
                        }
                    }
                }
            }
            // shift in original coordinates: S = S' - w_j + w_i; order by (j, S)
            for (int c = 0; c < count; c++) {
                int p = cand[c];
                int j = pts.atom[p];
                int sa = pts.shift[3 * p] - wrapShift[3 * j] + wrapShift[3 * i];
                int sb = pts.shift[3 * p + 1] - wrapShift[3 * j + 1] + wrapShift[3 * i + 1];
                int sc = pts.shift[3 * p + 2] - wrapShift[3 * j + 2] + wrapShift[3 * i + 2];
                keys[c] = shiftKey(sa, sb, sc);
            }
            Integer[] order = new Integer[count];
            for (int c = 0; c < count; c++) {
                order[c] = c;
            }
            final long[] k = keys;
            final int[] cd = cand;
            Arrays.sort(order, (u, v) -> {
                int byNeighbor = Integer.compare(pts.atom[cd[u]], pts.atom[cd[v]]);
                return byNeighbor != 0 ? byNeighbor : Long.compare(k[u], k[v]);
            });
            for (int c : order) {
                int p = cand[c];
                int j = pts.atom[p];
                int sa = pts.shift[3 * p] - wrapShift[3 * j] + wrapShift[3 * i];
                int sb = pts.shift[3 * p + 1] - wrapShift[3 * j + 1] + wrapShift[3 * i + 1];
                int sc = pts.shift[3 * p + 2] - wrapShift[3 * j + 2] + wrapShift[3 * i + 2];
                nbr.add(j);
                shifts.add(sa);
                shifts.add(sb);
                shifts.add(sc);
                for (int q = 0; q < 3; q++) {
                    double r = x[3 * j + q] - x[3 * i + q];
                    if (cell != null) {
                        r += sa * cell.vector(0, q) + sb * cell.vector(1, q) + sc * cell.vector(2, q);
                    }
                    vec.add(r);
                }
            }
            offsets[i + 1] = nbr.size;
        }
        return new NeighborList(cutoff, offsets, nbr.toArray(), shifts.toArray(), vec.toArray());
    }

    private static boolean inside(double f, double margin, boolean periodic) {
        return !periodic || (f >= -margin && f <= 1 + margin);
    }

    private static int binIndex(double v, double lo, double width, int nb) {
        if (nb == 1) {
            return 0;
        }
        int b = (int) Math.floor((v - lo) / width);
        return Math.max(0, Math.min(nb - 1, b));
    }

    /**
     * Sort key of a shift within one neighbour: components a, b, c, each offset into 21 bits
     * (63 bits in all, so the key never overflows; the neighbour index is compared separately).
     */
    private static long shiftKey(int a, int b, int c) {
        long base = 1L << 20;
        return (((a + base) * (2 * base)) + (b + base)) * (2 * base) + (c + base);
    }

    /** Points (atoms and ghost images) with their atom index and image shift. */
    private static final class PointSet {
        int size;
        int central;
        int[] atom;
        int[] shift;
        double[] xyz;

        PointSet(int n) {
            central = n;
            atom = new int[Math.max(n, 1)];
            shift = new int[3 * Math.max(n, 1)];
            xyz = new double[3 * Math.max(n, 1)];
        }

        boolean isCentral(int p) {
            return p < central;
        }

        void add(int i, int a, int b, int c, double x, double y, double z) {
            if (size == atom.length) {
                atom = Arrays.copyOf(atom, 2 * size);
                shift = Arrays.copyOf(shift, 6 * size);
                xyz = Arrays.copyOf(xyz, 6 * size);
            }
            atom[size] = i;
            shift[3 * size] = a;
            shift[3 * size + 1] = b;
            shift[3 * size + 2] = c;
            xyz[3 * size] = x;
            xyz[3 * size + 1] = y;
            xyz[3 * size + 2] = z;
            size++;
        }
    }

    private static final class IntList {
        int size;
        int[] data = new int[64];

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    private static final class DoubleList {
        int size;
        double[] data = new double[192];

        void add(double v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
