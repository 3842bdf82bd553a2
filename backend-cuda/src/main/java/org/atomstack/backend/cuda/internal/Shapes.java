package org.atomstack.backend.cuda.internal;

import java.util.Arrays;
import java.util.List;
import org.atomstack.api.tensor.Shape;

/**
 * Operand validation and result shapes of the {@link org.atomstack.api.tensor.TensorOps}
 * operations, with the same rules and messages as the CPU backend. Host-only arithmetic, so it
 * is tested without a GPU. Stateless.
 */
final class Shapes {
    private Shapes() {
    }

    /** The axis {@code axis} of {@code s}, negative counting from the end. */
    static int axis(int axis, Shape s, String what) {
        int ax = axis < 0 ? axis + s.rank() : axis;
        if (ax < 0 || ax >= s.rank()) {
            throw new IllegalArgumentException(what + ": axis " + axis + " is out of range for " + s);
        }
        return ax;
    }

    /** Whether {@code from} broadcasts (NumPy rules) to exactly {@code to}. */
    static boolean broadcastsTo(Shape from, Shape to) {
        if (from.rank() > to.rank()) {
            return false;
        }
        int shift = to.rank() - from.rank();
        for (int i = 0; i < from.rank(); i++) {
            if (from.dim(i) != 1 && from.dim(i) != to.dim(i + shift)) {
                return false;
            }
        }
        return true;
    }

    /** The broadcast of two operand shapes, the message naming the operation. */
    static Shape broadcast(Shape a, Shape b, String what) {
        try {
            return Shape.broadcast(a, b);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    /** Checks that {@code perm} permutes the axes of {@code s}; returns the permuted shape. */
    static Shape transpose(Shape s, int[] perm) {
        int rank = s.rank();
        boolean[] seen = new boolean[rank];
        boolean valid = perm.length == rank;
        for (int i = 0; valid && i < rank; i++) {
            valid = perm[i] >= 0 && perm[i] < rank && !seen[perm[i]];
            if (valid) {
                seen[perm[i]] = true;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException("transpose: " + Arrays.toString(perm) + " is not a permutation of the "
                + rank + " axes of " + s);
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = s.dim(perm[i]);
        }
        return Shape.of(out);
    }

    /** Checks a slice {@code from..to-1} along {@code axis}; returns the normalised axis. */
    static int slice(Shape s, int axis, int from, int to) {
        int ax = axis(axis, s, "slice");
        if (from < 0 || to < from || to > s.dim(ax)) {
            throw new IllegalArgumentException("slice: range " + from + ".." + to + " is outside axis " + ax
                + " of " + s + " (0.." + s.dim(ax) + ")");
        }
        return ax;
    }

    /** The shape of the concatenation of {@code parts} along {@code ax} (already normalised against the first). */
    static Shape concat(List<Shape> parts, int ax) {
        Shape first = parts.get(0);
        int[] d = first.dims();
        long total = 0;
        for (Shape s : parts) {
            boolean ok = s.rank() == first.rank();
            for (int i = 0; ok && i < d.length; i++) {
                ok = i == ax || s.dim(i) == d[i];
            }
            if (!ok) {
                throw new IllegalArgumentException("concat along axis " + ax + ": shapes " + first + " and " + s + " differ off that axis");
            }
            total += s.dim(ax);
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("concat along axis " + ax + ": " + total + " elements do not fit one dimension");
        }
        d[ax] = (int) total;
        return Shape.of(d);
    }

    /** The shape of a sum over {@code ax}, kept as size 1 or removed. */
    static Shape sum(Shape s, int ax, boolean keepDims) {
        int[] d = s.dims();
        if (keepDims) {
            d[ax] = 1;
            return Shape.of(d);
        }
        int[] od = new int[d.length - 1];
        for (int i = 0, j = 0; i < d.length; i++) {
            if (i != ax) {
                od[j++] = d[i];
            }
        }
        return Shape.of(od);
    }

    /** Product of {@code d[from..to-1]}. */
    static long prod(int[] d, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= d[i];
        }
        return p;
    }

    /** Checks that {@code length} values fill {@code shape}. */
    static void length(int length, Shape shape, String what) {
        if (length != shape.size()) {
            throw new IllegalArgumentException(what + ": " + length + " values for shape " + shape + " (" + shape.size() + " elements)");
        }
    }

    /** {@code v} as a 32-bit integer, or an exception naming position {@code at}. */
    static int toInt(double v, int at) {
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("INT32 tensor: value " + v + " at " + at + " is not a 32-bit integer");
        }
        return (int) v;
    }

    /** Throws naming the first index outside 0..bound-1. */
    static void indices(int[] index, int bound, String what) {
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= bound) {
                throw new IllegalArgumentException(what + ": index[" + i + "] = " + index[i] + " is outside 0.." + (bound - 1));
            }
        }
    }

    /**
     * A checked matrix product: sizes and the element strides of A and B in row-major storage.
     *
     * @param batch batch count (1 for rank 2)
     * @param m     rows of op(A) and C
     * @param n     columns of op(B) and C
     * @param k     the inner dimension
     * @param ars   stride between rows of op(A)
     * @param acs   stride between columns of op(A)
     * @param brs   stride between rows of op(B)
     * @param bcs   stride between columns of op(B)
     * @param aSize elements of one A matrix
     * @param bSize elements of one B matrix
     * @param out   the shape of C
     */
    record Matmul(int batch, int m, int n, int k, long ars, long acs, long brs, long bcs, long aSize, long bSize, Shape out) {
    }

    /** Checks the operands of {@code matmul(a, b, transA, transB)}. */
    static Matmul matmul(Shape sa, Shape sb, boolean transA, boolean transB) {
        int rank = sa.rank();
        if ((rank != 2 && rank != 3) || sb.rank() != rank || (rank == 3 && sa.dim(0) != sb.dim(0))) {
            throw new IllegalArgumentException("matmul needs two rank-2 tensors or two rank-3 tensors with equal batch, got "
                + sa + " and " + sb);
        }
        int batch = rank == 3 ? sa.dim(0) : 1;
        int ar = sa.dim(-2);
        int ac = sa.dim(-1);
        int br = sb.dim(-2);
        int bc = sb.dim(-1);
        int m = transA ? ac : ar;
        int k = transA ? ar : ac;
        int kb = transB ? bc : br;
        int n = transB ? br : bc;
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + sa + (transA ? "ᵀ" : "") + " · "
                + sb + (transB ? "ᵀ" : "") + " (" + k + " vs " + kb + ")");
        }
        Shape out = rank == 3 ? Shape.of(batch, m, n) : Shape.of(m, n);
        return new Matmul(batch, m, n, k, transA ? 1 : ac, transA ? ac : 1, transB ? 1 : bc, transB ? bc : 1,
            (long) ar * ac, (long) br * bc, out);
    }
}
