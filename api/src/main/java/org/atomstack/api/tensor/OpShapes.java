package org.atomstack.api.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Operand checks and result shapes of the {@link TensorOps} operations, for backends: the rules
 * that depend only on shapes and host values, so every backend applies them alike and reports
 * the same {@link IllegalArgumentException} messages. Stateless.
 */
public final class OpShapes {
    private OpShapes() {
    }

    /**
     * Axis {@code axis} of {@code s}, negative counting from the end.
     *
     * @param op the operation, for the message
     */
    public static int axis(Shape s, int axis, String op) {
        int ax = axis < 0 ? axis + s.rank() : axis;
        if (ax < 0 || ax >= s.rank()) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for " + s);
        }
        return ax;
    }

    /**
     * Checks that {@code length} values fill {@code shape}.
     *
     * @param op the operation, for the message
     */
    public static void values(int length, Shape shape, String op) {
        Objects.requireNonNull(shape, "shape");
        if (length != shape.size()) {
            throw new IllegalArgumentException(op + ": " + length + " values for shape " + shape + " (" + shape.size() + " elements)");
        }
    }

    /** Value {@code v} of an INT32 tensor, at position {@code at}; throws unless it is a 32-bit integer. */
    public static int int32(double v, int at) {
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("INT32 tensor: value " + v + " at " + at + " is not a 32-bit integer");
        }
        return (int) v;
    }

    /** Checks that {@code to} holds as many elements as {@code from}; returns {@code to}. */
    public static Shape reshape(Shape from, Shape to) {
        if (to.size() != from.size()) {
            throw new IllegalArgumentException("reshape: cannot view " + from + " (" + from.size()
                + " elements) as " + to + " (" + to.size() + " elements)");
        }
        return to;
    }

    /** Checks that {@code perm} permutes the axes of {@code s}; returns the permuted shape. */
    public static Shape transpose(Shape s, int[] perm) {
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

    /** Checks the range {@code from..to-1} along {@code axis} of {@code s}; returns the sliced shape. */
    public static Shape slice(Shape s, int axis, int from, int to) {
        int ax = axis(s, axis, "slice");
        if (from < 0 || to < from || to > s.dim(ax)) {
            throw new IllegalArgumentException("slice: range " + from + ".." + to + " is outside axis " + ax
                + " of " + s + " (0.." + s.dim(ax) + ")");
        }
        int[] d = s.dims();
        d[ax] = to - from;
        return Shape.of(d);
    }

    /**
     * Checks that {@code parts} (at least one) agree off {@code axis} (of the first part); returns
     * the shape of their concatenation.
     */
    public static Shape concat(List<Shape> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        Shape first = parts.get(0);
        int ax = axis(first, axis, "concat");
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

    /** Checks that {@code s} broadcasts to {@code target}; returns {@code target}. */
    public static Shape broadcastTo(Shape s, Shape target) {
        if (!broadcastsTo(s, target)) {
            throw new IllegalArgumentException("broadcastTo: " + s + " does not broadcast to " + target);
        }
        return target;
    }

    /** Checks that {@code target} broadcasts to {@code s}, so {@code s} sums down to it; returns {@code target}. */
    public static Shape sumTo(Shape s, Shape target) {
        if (!broadcastsTo(target, s)) {
            throw new IllegalArgumentException("sumTo: " + target + " does not broadcast to " + s);
        }
        return target;
    }

    /**
     * {@link Shape#broadcast}, the message prefixed with the operation.
     *
     * @param op the operation, for the message
     */
    public static Shape broadcast(Shape a, Shape b, String op) {
        try {
            return Shape.broadcast(a, b);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
    }

    /** The shape of the sum of {@code s} over {@code axis}, kept as size 1 or removed. */
    public static Shape sum(Shape s, int axis, boolean keepDims) {
        int ax = axis(s, axis, "sum");
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

    /**
     * A checked matrix product C = op(A)·op(B), A and B row-major, batched over a leading axis:
     * sizes and the element strides of op(A) and op(B).
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
    public record Matmul(int batch, int m, int n, int k, long ars, long acs, long brs, long bcs, long aSize, long bSize, Shape out) {
    }

    /**
     * Checks the operands of {@link TensorOps#matmul}: two rank-2 shapes, or two rank-3 shapes
     * with equal batch (no broadcasting), whose inner dimensions after the transpositions agree.
     */
    public static Matmul matmul(Shape a, Shape b, boolean transA, boolean transB) {
        int rank = a.rank();
        if ((rank != 2 && rank != 3) || b.rank() != rank || (rank == 3 && a.dim(0) != b.dim(0))) {
            throw new IllegalArgumentException("matmul needs two rank-2 tensors or two rank-3 tensors with equal batch, got "
                + a + " and " + b);
        }
        int batch = rank == 3 ? a.dim(0) : 1;
        int ar = a.dim(-2);
        int ac = a.dim(-1);
        int br = b.dim(-2);
        int bc = b.dim(-1);
        int m = transA ? ac : ar;
        int k = transA ? ar : ac;
        int kb = transB ? bc : br;
        int n = transB ? br : bc;
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + a + (transA ? "ᵀ" : "") + " · "
                + b + (transB ? "ᵀ" : "") + " (" + k + " vs " + kb + ")");
        }
        Shape out = rank == 3 ? Shape.of(batch, m, n) : Shape.of(m, n);
        return new Matmul(batch, m, n, k, transA ? 1 : ac, transA ? ac : 1, transB ? 1 : bc, transB ? bc : 1,
            (long) ar * ac, (long) br * bc, out);
    }

    /**
     * Checks {@link TensorOps#gather} rows {@code index} (all in range) of a tensor of shape
     * {@code s} (rank ≥ 1); returns the result shape.
     */
    public static Shape gather(Shape s, int[] index) {
        if (s.rank() < 1) {
            throw new IllegalArgumentException("gather needs a tensor of rank >= 1, got " + s);
        }
        indices(index, s.dim(0), "gather from " + s);
        int[] d = s.dims();
        d[0] = index.length;
        return Shape.of(d);
    }

    /**
     * Checks {@link TensorOps#scatterAdd} of a source of shape {@code s} (rank ≥ 1, one index a
     * row) into {@code rows} rows; returns the result shape.
     */
    public static Shape scatterAdd(Shape s, int[] index, int rows) {
        if (s.rank() < 1) {
            throw new IllegalArgumentException("scatterAdd needs a source of rank >= 1, got " + s);
        }
        if (index.length != s.dim(0)) {
            throw new IllegalArgumentException("scatterAdd: " + index.length + " indices for " + s.dim(0) + " source rows " + s);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("scatterAdd: negative row count " + rows);
        }
        indices(index, rows, "scatterAdd into " + rows + " rows");
        int[] d = s.dims();
        d[0] = rows;
        return Shape.of(d);
    }

    /** Checks {@link TensorOps#radialBasis} of distances of shape {@code r} (rank 1); returns the result shape. */
    public static Shape radialBasis(Shape r, RadialBasis basis, int derivative) {
        if (r.rank() != 1) {
            throw new IllegalArgumentException("radialBasis needs distances of rank 1, got " + r);
        }
        if (derivative < 0) {
            throw new IllegalArgumentException("radialBasis: derivative order must be >= 0, got " + derivative);
        }
        return Shape.of(r.dim(0), basis.count());
    }

    /** Checks {@link TensorOps#sparsePolynomial} of points of shape {@code s} ([N, variables]); returns the result shape. */
    public static Shape sparsePolynomial(Shape s, SparsePolynomial polynomial) {
        if (s.rank() != 2 || s.dim(1) != polynomial.variables()) {
            throw new IllegalArgumentException("sparsePolynomial needs points of shape [N, " + polynomial.variables()
                + "], got " + s);
        }
        return Shape.of(s.dim(0), polynomial.outputs());
    }

    /** Whether {@code from} broadcasts (NumPy rules) to exactly {@code to}. */
    private static boolean broadcastsTo(Shape from, Shape to) {
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

    /** Throws naming the first index outside 0..bound-1. */
    private static void indices(int[] index, int bound, String what) {
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= bound) {
                throw new IllegalArgumentException(what + ": index[" + i + "] = " + index[i] + " is outside 0.." + (bound - 1));
            }
        }
    }
}
