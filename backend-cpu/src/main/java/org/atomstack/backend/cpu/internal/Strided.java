package org.atomstack.backend.cpu.internal;

import org.atomstack.api.tensor.Shape;

/**
 * Walks a row-major output while addressing one or more operands through arbitrary element
 * strides (0 for broadcast axes, permuted strides for transposes). Axes of size 1 are dropped
 * and neighbouring axes that are contiguous in every operand are merged, so the common cases
 * (equal shapes, a broadcast row, a scalar) become one long innermost run. Immutable;
 * {@link #forSegments} may be called concurrently on disjoint ranges.
 */
final class Strided {
    private final int[] dims;
    private final int[][] strides;
    private final int size;

    /** A visitor of one contiguous output run: out[outOff .. outOff+n-1], operand k at offsets[k] with stride {@link #innerStride}. */
    @FunctionalInterface
    interface Segment {
        /** Processes {@code n} output elements starting at {@code outOff}. */
        void run(int outOff, int[] offsets, int n);
    }

    private Strided(int[] dims, int[][] strides, int size) {
        this.dims = dims;
        this.strides = strides;
        this.size = size;
    }

    /**
     * Iteration over an output of {@code outDims} with one stride vector per operand (each of the
     * output's rank).
     */
    static Strided of(int[] outDims, int[]... operandStrides) {
        int rank = outDims.length;
        int ops = operandStrides.length;
        int[] d = new int[Math.max(rank, 1)];
        int[][] s = new int[ops][Math.max(rank, 1)];
        int r = 0;
        long size = 1;
        for (int i = 0; i < rank; i++) {
            size *= outDims[i];
            if (outDims[i] == 1) {
                continue;
            }
            boolean merge = r > 0;
            for (int k = 0; k < ops && merge; k++) {
                merge = s[k][r - 1] == (long) operandStrides[k][i] * outDims[i];
            }
            if (merge) {
                d[r - 1] *= outDims[i];
                for (int k = 0; k < ops; k++) {
                    s[k][r - 1] = operandStrides[k][i];
                }
            } else {
                d[r] = outDims[i];
                for (int k = 0; k < ops; k++) {
                    s[k][r] = operandStrides[k][i];
                }
                r++;
            }
        }
        if (r == 0) {
            d[0] = 1;
            r = 1;
        }
        int[] dims = java.util.Arrays.copyOf(d, r);
        int[][] strides = new int[ops][];
        for (int k = 0; k < ops; k++) {
            strides[k] = java.util.Arrays.copyOf(s[k], r);
        }
        return new Strided(dims, strides, (int) size);
    }

    /** Strides of an operand of shape {@code operand} broadcast (NumPy rules) to an output of {@code outDims}. */
    static int[] broadcastStrides(Shape operand, int[] outDims) {
        int[] st = new int[outDims.length];
        int shift = outDims.length - operand.rank();
        int stride = 1;
        for (int i = operand.rank() - 1; i >= 0; i--) {
            int d = operand.dim(i);
            st[i + shift] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return st;
    }

    /** Row-major strides of {@code dims}. */
    static int[] rowMajor(int[] dims) {
        int[] st = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= dims[i];
        }
        return st;
    }

    /** Number of output elements. */
    int size() {
        return size;
    }

    /** Stride of operand {@code k} along the innermost run. */
    int innerStride(int k) {
        return strides[k][dims.length - 1];
    }

    /**
     * Visits output elements {@code from..to-1} as contiguous runs; {@code base[k]} is added to
     * every offset of operand k.
     */
    void forSegments(int from, int to, int[] base, Segment segment) {
        if (from >= to) {
            return;
        }
        int rank = dims.length;
        int ops = strides.length;
        int inner = dims[rank - 1];
        int row = from / inner;
        int col = from - row * inner;
        int[] idx = new int[rank];
        int[] rowOff = base.clone();
        int rem = row;
        for (int i = rank - 2; i >= 0; i--) {
            idx[i] = rem % dims[i];
            rem /= dims[i];
            for (int k = 0; k < ops; k++) {
                rowOff[k] += idx[i] * strides[k][i];
            }
        }
        int[] cur = new int[ops];
        int pos = from;
        while (pos < to) {
            int n = Math.min(inner - col, to - pos);
            for (int k = 0; k < ops; k++) {
                cur[k] = rowOff[k] + col * strides[k][rank - 1];
            }
            segment.run(pos, cur, n);
            pos += n;
            col = 0;
            for (int i = rank - 2; i >= 0; i--) {
                idx[i]++;
                for (int k = 0; k < ops; k++) {
                    rowOff[k] += strides[k][i];
                }
                if (idx[i] < dims[i]) {
                    break;
                }
                for (int k = 0; k < ops; k++) {
                    rowOff[k] -= idx[i] * strides[k][i];
                }
                idx[i] = 0;
            }
        }
    }
}
