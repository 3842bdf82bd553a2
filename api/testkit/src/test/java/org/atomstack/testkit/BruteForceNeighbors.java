package org.atomstack.testkit;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * Reference neighbour search: every ordered pair (i, j) and every image shift S in a range
 * large enough for any pair, with the distance taken from the unwrapped input positions.
 * Edges whose length lies within {@link #BORDER} of the cutoff are reported separately, since
 * either answer is right for them up to rounding.
 */
final class BruteForceNeighbors {
    /** Width of the band around the cutoff inside which an edge may or may not be listed. */
    static final double BORDER = 1e-9;

    /** An edge (centre, neighbour, shift), ordered like the CSR list: centre, neighbour, shift. */
    record Edge(int i, int j, int a, int b, int c) implements Comparable<Edge> {
        @Override
        public int compareTo(Edge o) {
            int r = Integer.compare(i, o.i);
            r = r != 0 ? r : Integer.compare(j, o.j);
            r = r != 0 ? r : Integer.compare(a, o.a);
            r = r != 0 ? r : Integer.compare(b, o.b);
            return r != 0 ? r : Integer.compare(c, o.c);
        }

        Edge reversed() {
            return new Edge(j, i, -a, -b, -c);
        }
    }

    /** Edges certainly within the cutoff, and edges on the border, with their vectors. */
    record Result(Map<Edge, double[]> certain, Map<Edge, double[]> border) {
    }

    private BruteForceNeighbors() {
    }

    static Result search(Structure s, double cutoff) {
        int n = s.atomCount();
        double[] x = s.positions();
        Cell cell = s.cell().orElse(null);
        int[] range = new int[3];
        if (cell != null) {
            double[] frac = new double[3];
            double[] maxAbs = new double[3];
            for (int i = 0; i < n; i++) {
                cell.toFractional(x, 3 * i, frac, 0);
                for (int d = 0; d < 3; d++) {
                    maxAbs[d] = Math.max(maxAbs[d], Math.abs(frac[d]));
                }
            }
            // |r| >= |Δs_d + S_d| * spacing_d, and |Δs_d| <= 2 max|s_d|: larger shifts are too far
            for (int d = 0; d < 3; d++) {
                if (cell.periodic(d)) {
                    range[d] = (int) Math.ceil(cutoff / cell.planeSpacing(d)) + (int) Math.ceil(2 * maxAbs[d]) + 1;
                }
            }
        }
        Map<Edge, double[]> certain = new TreeMap<>();
        Map<Edge, double[]> border = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int a = -range[0]; a <= range[0]; a++) {
                    for (int b = -range[1]; b <= range[1]; b++) {
                        for (int c = -range[2]; c <= range[2]; c++) {
                            if (i == j && a == 0 && b == 0 && c == 0) {
                                continue;
                            }
                            double[] r = new double[3];
                            for (int k = 0; k < 3; k++) {
                                r[k] = x[3 * j + k] - x[3 * i + k];
                                if (cell != null) {
                                    r[k] += a * cell.vector(0, k) + b * cell.vector(1, k) + c * cell.vector(2, k);
                                }
                            }
                            double d = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
                            if (d < cutoff - BORDER) {
                                certain.put(new Edge(i, j, a, b, c), r);
                            } else if (d < cutoff + BORDER) {
                                border.put(new Edge(i, j, a, b, c), r);
                            }
                        }
                    }
                }
            }
        }
        return new Result(certain, border);
    }

    /** The edges of a built list in list order (fails on a repeated edge). */
    static Map<Edge, double[]> edgesOf(NeighborList nl) {
        Map<Edge, double[]> out = new TreeMap<>();
        for (int e = 0; e < nl.edgeCount(); e++) {
            Edge key = new Edge(nl.centre(e), nl.neighbor(e), nl.shift(e, 0), nl.shift(e, 1), nl.shift(e, 2));
            double[] v = {nl.vector(e, 0), nl.vector(e, 1), nl.vector(e, 2)};
            if (out.put(key, v) != null) {
                throw new AssertionError("edge listed twice: " + key);
            }
        }
        return out;
    }

    static String describe(Structure s, double cutoff) {
        StringBuilder sb = new StringBuilder(s.toString()).append(", cutoff ").append(cutoff).append(", positions ")
            .append(Arrays.toString(s.positions()));
        s.cell().ifPresent(c -> {
            sb.append(", spacings");
            for (int d = 0; d < 3; d++) {
                sb.append(' ').append(c.planeSpacing(d));
            }
        });
        return sb.toString();
    }
}
