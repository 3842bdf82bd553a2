package org.atomstack.api.tensor;

import java.util.List;
import java.util.Set;

/**
 * The fixed operation set every backend implements. All operands must belong to this backend
 * and be open; every call returns a new tensor that the caller owns (and closes). Operations
 * never modify their inputs. Floating-point operands of one call share a dtype; index operands
 * are {@link DType#INT32}. Implementations are thread-safe.
 *
 * <p>The set is what the models of atomstack need: creation and transfer, shape operations,
 * element-wise functions with NumPy broadcasting, reductions, (batched) matrix products,
 * gather / scatter-add over edges and atoms, and fused per-edge kernels (radial bases with
 * cutoff and sparse polynomials, which cover real spherical harmonics, irreducible Cartesian
 * tensors and compiled invariants). Normalisation layers (LayerNorm, GroupNorm) are composed
 * from these by the autodiff layer.
 */
public interface TensorOps {
    /** Element types this backend computes in (INT32 is always supported for indices). */
    Set<DType> dtypes();

    // ---- creation and transfer

    /** A tensor with the given elements (row-major), converted to {@code dtype}. */
    Tensor fromDoubles(double[] data, DType dtype, Shape shape);

    /** An INT32 index tensor. */
    Tensor fromInts(int[] data, Shape shape);

    /** A tensor filled with {@code value}. */
    Tensor full(Shape shape, DType dtype, double value);

    /** A host copy of the elements, as doubles. */
    double[] toDoubles(Tensor t);

    /** A host copy of an INT32 tensor. */
    int[] toInts(Tensor t);

    /** Conversion to another floating dtype. */
    Tensor cast(Tensor t, DType dtype);

    // ---- shape

    /** Same elements, new shape of equal size. */
    Tensor reshape(Tensor t, Shape shape);

    /** Axes permuted: out.dim(i) = in.dim(perm[i]). */
    Tensor transpose(Tensor t, int... perm);

    /** Elements {@code from..to-1} along {@code axis}. */
    Tensor slice(Tensor t, int axis, int from, int to);

    /** Concatenation along {@code axis}; other dimensions must agree. */
    Tensor concat(List<Tensor> parts, int axis);

    /** Broadcast to a larger shape (NumPy rules). */
    Tensor broadcastTo(Tensor t, Shape shape);

    /** Sum over the broadcast dimensions so the result has {@code shape} (inverse of broadcastTo). */
    Tensor sumTo(Tensor t, Shape shape);

    // ---- element-wise

    /** y = op(x). */
    Tensor unary(UnaryOp op, Tensor x);

    /** c = op(a, b) with broadcasting. */
    Tensor binary(BinaryOp op, Tensor a, Tensor b);

    // ---- reductions and products

    /** Sum over {@code axis}, keeping it as size 1 if {@code keepDims}. */
    Tensor sum(Tensor t, int axis, boolean keepDims);

    /**
     * Matrix product of the last two axes: rank 2 × rank 2, or rank 3 × rank 3 with equal batch
     * size (batched); {@code transA}/{@code transB} transpose the last two axes of an operand.
     */
    Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB);

    // ---- indexing

    /** out[i, ...] = x[index[i], ...] (rows selected by a rank-1 INT32 index). */
    Tensor gather(Tensor x, Tensor index);

    /** out has {@code rows} rows; out[index[i], ...] += src[i, ...] (segment sum). */
    Tensor scatterAdd(Tensor src, Tensor index, int rows);

    // ---- fused per-edge kernels

    /**
     * The {@code derivative}-th r-derivative of a radial basis at distances {@code r} (rank 1,
     * E values): out[e, n] = d^k R_n(r_e)/dr^k, shape [E, count].
     */
    Tensor radialBasis(Tensor r, RadialBasis basis, int derivative);

    /** Sparse polynomials at points {@code x} of shape [N, P]: out[n, k] = p_k(x_n), shape [N, K]. */
    Tensor sparsePolynomial(Tensor x, SparsePolynomial polynomial);
}
