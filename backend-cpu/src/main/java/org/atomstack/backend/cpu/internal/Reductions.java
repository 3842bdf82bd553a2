package org.atomstack.backend.cpu.internal;

import org.atomstack.api.tensor.Shape;

/**
 * Sums over axes. A tensor is viewed as [outer, n, inner] around the reduced axis; every output
 * element is accumulated by one thread in ascending order of the reduced index, so results
 * do not depend on the thread count. FLOAT32 accumulates in float.
 */
final class Reductions {
    private Reductions() {
    }

    /** out[o, i] = Σ_k in[o, k, i] for an input viewed as [outer, n, inner]; out is zero-filled. */
    static void sum(Parallel par, double[] in, double[] out, int outer, int n, int inner) {
        par.forRange(outer * inner, n, (from, to) -> {
            if (inner == 1) {
                for (int o = from; o < to; o++) {
                    double acc = 0;
                    int base = o * n;
                    for (int k = 0; k < n; k++) {
                        acc += in[base + k];
                    }
                    out[o] = acc;
                }
                return;
            }
            for (int o = from / inner; o * inner < to; o++) {
                int i0 = Math.max(from - o * inner, 0);
                int i1 = Math.min(to - o * inner, inner);
                int dst = o * inner;
                for (int k = 0; k < n; k++) {
                    int src = (o * n + k) * inner;
                    for (int i = i0; i < i1; i++) {
                        out[dst + i] += in[src + i];
                    }
                }
            }
        });
    }

    /** Float32 variant of {@link #sum(Parallel, double[], double[], int, int, int)}. */
    static void sum(Parallel par, float[] in, float[] out, int outer, int n, int inner) {
        par.forRange(outer * inner, n, (from, to) -> {
            if (inner == 1) {
                for (int o = from; o < to; o++) {
                    float acc = 0;
                    int base = o * n;
                    for (int k = 0; k < n; k++) {
                        acc += in[base + k];
                    }
                    out[o] = acc;
                }
                return;
            }
            for (int o = from / inner; o * inner < to; o++) {
                int i0 = Math.max(from - o * inner, 0);
                int i1 = Math.min(to - o * inner, inner);
                int dst = o * inner;
                for (int k = 0; k < n; k++) {
                    int src = (o * n + k) * inner;
                    for (int i = i0; i < i1; i++) {
                        out[dst + i] += in[src + i];
                    }
                }
            }
        });
    }

    /** Sum of a double[] or float[] over one axis of {@code shape}, as a new array of the same type. */
    static Object sumAxis(Parallel par, Object data, Shape shape, int axis) {
        int[] d = shape.dims();
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= d[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < d.length; i++) {
            inner *= d[i];
        }
        int n = d[axis];
        if (data instanceof double[] in) {
            double[] out = new double[outer * inner];
            sum(par, in, out, outer, n, inner);
            return out;
        }
        float[] out = new float[outer * inner];
        sum(par, (float[]) data, out, outer, n, inner);
        return out;
    }

    /**
     * Reduces {@code data} of shape {@code in} to {@code target}, a shape that broadcasts to
     * {@code in}: leading axes are summed away, axes where target has 1 are summed with the
     * size-1 axis kept. Returns a new array (or {@code data} itself when nothing is reduced).
     */
    static Object sumTo(Parallel par, Object data, Shape in, Shape target) {
        int lead = in.rank() - target.rank();
        Object cur = data;
        int[] curDims = in.dims();
        if (lead > 0) {
            int leadSize = 1;
            for (int i = 0; i < lead; i++) {
                leadSize *= curDims[i];
            }
            int[] rest = java.util.Arrays.copyOfRange(curDims, lead, curDims.length);
            cur = sumAxis(par, cur, Shape.of(leadSize, Shape.of(rest).intSize()), 0);
            curDims = rest;
        }
        for (int i = 0; i < curDims.length; i++) {
            if (target.dim(i) == 1 && curDims[i] != 1) {
                cur = sumAxis(par, cur, Shape.of(curDims), i);
                curDims[i] = 1;
            }
        }
        return cur;
    }
}
