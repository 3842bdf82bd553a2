package org.atomstack.api.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atomstack.api.tensor.BinaryOp;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.SparsePolynomial;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;
import org.atomstack.api.tensor.TensorScope;
import org.atomstack.api.tensor.UnaryOp;

/**
 * A reverse-mode autodiff tape over any backend's {@link TensorOps}. Operations on
 * {@link Var}s run eagerly on the backend and, when an input requires a gradient, record a
 * node whose backward is written with the same differentiable operations; so
 * {@link #grad(Var, List, boolean) grad(..., createGraph = true)} returns gradients that can be
 * differentiated again (gradient of gradient, e.g. the parameter gradient of a force loss with
 * F = −∂E/∂r).
 *
 * <p>Every tensor an operation produces is owned by the graph and released by {@link #close()};
 * tensors passed in through {@link #constant} or {@link #variable} stay the caller's.
 * Not thread-safe: one graph per thread.
 */
public final class Graph implements AutoCloseable {
    private final TensorOps ops;
    private final TensorScope scope = new TensorScope();
    private long nextId;
    private int noGradDepth;
    /** During a backward pass: the variables whose gradients it needs (null: all). */
    private Set<Var> wanted;

    /** Backward of one recorded operation: input gradients from the output gradient (null = none). */
    @FunctionalInterface
    interface Backward {
        Var[] apply(Var gradOut);
    }

    /** A recorded operation. */
    static final class Node {
        final Var[] inputs;
        final Backward backward;

        Node(Var[] inputs, Backward backward) {
            this.inputs = inputs;
            this.backward = backward;
        }
    }

    /** A graph computing on {@code ops}. */
    public Graph(TensorOps ops) {
        this.ops = ops;
    }

    /** The backend. */
    public TensorOps ops() {
        return ops;
    }

    // ------------------------------------------------------------------ leaves

    /** A value that needs no gradient (the tensor stays the caller's). */
    public Var constant(Tensor t) {
        return new Var(this, t, false, nextId++, null);
    }

    /** A leaf whose gradient can be asked for (the tensor stays the caller's). */
    public Var variable(Tensor t) {
        return new Var(this, t, true, nextId++, null);
    }

    /** A constant from host data (owned by the graph). */
    public Var constant(double[] data, DType dtype, int... shape) {
        return own(ops.fromDoubles(data, dtype, Shape.of(shape)), false, null);
    }

    /** A constant filled with one value, shaped like {@code like} (owned by the graph). */
    public Var full(Shape shape, DType dtype, double value) {
        return own(ops.full(shape, dtype, value), false, null);
    }

    /** An INT32 index tensor owned by the graph (as a constant var). */
    public Var indices(int[] data, int... shape) {
        return own(ops.fromInts(data, Shape.of(shape)), false, null);
    }

    /** The same value without gradient history. */
    public Var detach(Var x) {
        return new Var(this, x.value, false, nextId++, null);
    }

    /**
     * Disables recording until the returned handle is closed:
     * {@code try (var off = graph.noGrad()) { ... }}. Nested scopes are allowed.
     */
    public AutoCloseable noGrad() {
        noGradDepth++;
        return new AutoCloseable() {
            private boolean done;

            @Override
            public void close() {
                if (!done) {
                    done = true;
                    noGradDepth--;
                }
            }
        };
    }

    /** Whether operations are currently recorded. */
    public boolean recording() {
        return noGradDepth == 0;
    }

    // ------------------------------------------------------------------ element-wise

    /** a + b (broadcasting). */
    public Var add(Var a, Var b) {
        return record(ops.binary(BinaryOp.ADD, a.value, b.value), g -> new Var[] {wants(a) ? sumTo(g, a.shape()) : null, wants(b) ? sumTo(g, b.shape()) : null}, a, b);
    }

    /** a − b (broadcasting). */
    public Var sub(Var a, Var b) {
        return record(ops.binary(BinaryOp.SUB, a.value, b.value), g -> new Var[] {wants(a) ? sumTo(g, a.shape()) : null, wants(b) ? sumTo(neg(g), b.shape()) : null}, a, b);
    }

    /** a · b element-wise (broadcasting). */
    public Var mul(Var a, Var b) {
        return record(ops.binary(BinaryOp.MUL, a.value, b.value),
            g -> new Var[] {wants(a) ? sumTo(mul(g, b), a.shape()) : null, wants(b) ? sumTo(mul(g, a), b.shape()) : null}, a, b);
    }

    /** a / b element-wise (broadcasting). */
    public Var div(Var a, Var b) {
        return record(ops.binary(BinaryOp.DIV, a.value, b.value), g -> new Var[] {
            wants(a) ? sumTo(div(g, b), a.shape()) : null,
            wants(b) ? sumTo(neg(div(mul(g, a), square(b))), b.shape()) : null}, a, b);
    }

    /** a^b element-wise (broadcasting). */
    public Var pow(Var a, Var b) {
        Tensor y = ops.binary(BinaryOp.POW, a.value, b.value);
        return record(y, g -> {
            Var out = null;
            Var ga = null;
            Var gb = null;
            if (wants(a)) {
                ga = sumTo(mul(mul(g, b), pow(a, sub(b, scalar(1, b)))), a.shape());
            }
            if (wants(b)) {
                out = pow(a, b);
                gb = sumTo(mul(mul(g, out), log(a)), b.shape());
            }
            return new Var[] {ga, gb};
        }, a, b);
    }

    /** max(a, b) element-wise; ties send the gradient to a. */
    public Var max(Var a, Var b) {
        return record(ops.binary(BinaryOp.MAX, a.value, b.value), g -> {
            Var mask = mask(a, b);
            return new Var[] {sumTo(mul(g, mask), a.shape()), sumTo(mul(g, sub(scalar(1, mask), mask)), b.shape())};
        }, a, b);
    }

    /** min(a, b) element-wise; ties send the gradient to a. */
    public Var min(Var a, Var b) {
        return record(ops.binary(BinaryOp.MIN, a.value, b.value), g -> {
            Var mask = mask(b, a);
            return new Var[] {sumTo(mul(g, mask), a.shape()), sumTo(mul(g, sub(scalar(1, mask), mask)), b.shape())};
        }, a, b);
    }

    private Var mask(Var a, Var b) {
        return own(ops.binary(BinaryOp.GREATER_EQUAL, a.value, b.value), false, null);
    }

    /** A scalar constant of the dtype of {@code like}. */
    public Var scalar(double v, Var like) {
        return full(Shape.scalar(), like.dtype(), v);
    }

    /** x + c. */
    public Var add(Var x, double c) {
        return add(x, scalar(c, x));
    }

    /** c · x. */
    public Var mul(Var x, double c) {
        return mul(x, scalar(c, x));
    }

    /** −x. */
    public Var neg(Var x) {
        return unary(UnaryOp.NEG, x, (g, y) -> neg(g));
    }

    /** e^x. */
    public Var exp(Var x) {
        return unary(UnaryOp.EXP, x, (g, y) -> mul(g, y));
    }

    /** ln x. */
    public Var log(Var x) {
        return unary(UnaryOp.LOG, x, (g, y) -> div(g, x));
    }

    /** √x. */
    public Var sqrt(Var x) {
        return unary(UnaryOp.SQRT, x, (g, y) -> div(g, mul(y, 2)));
    }

    /** x². */
    public Var square(Var x) {
        return unary(UnaryOp.SQUARE, x, (g, y) -> mul(mul(g, x), 2));
    }

    /** 1/x. */
    public Var reciprocal(Var x) {
        return unary(UnaryOp.RECIPROCAL, x, (g, y) -> neg(mul(g, square(y))));
    }

    /** sin x. */
    public Var sin(Var x) {
        return unary(UnaryOp.SIN, x, (g, y) -> mul(g, cos(x)));
    }

    /** cos x. */
    public Var cos(Var x) {
        return unary(UnaryOp.COS, x, (g, y) -> neg(mul(g, sin(x))));
    }

    /** tanh x. */
    public Var tanh(Var x) {
        return unary(UnaryOp.TANH, x, (g, y) -> mul(g, sub(scalar(1, y), square(y))));
    }

    /** σ(x). */
    public Var sigmoid(Var x) {
        return unary(UnaryOp.SIGMOID, x, (g, y) -> mul(g, mul(y, sub(scalar(1, y), y))));
    }

    /** SiLU x·σ(x). */
    public Var silu(Var x) {
        return unary(UnaryOp.SILU, x, (g, y) -> {
            Var s = sigmoid(x);
            return mul(g, add(s, mul(x, mul(s, sub(scalar(1, s), s)))));
        });
    }

    /** softplus ln(1 + e^x). */
    public Var softplus(Var x) {
        return unary(UnaryOp.SOFTPLUS, x, (g, y) -> mul(g, sigmoid(x)));
    }

    /** |x| (derivative sign x). */
    public Var abs(Var x) {
        return unary(UnaryOp.ABS, x, (g, y) -> mul(g, own(ops.unary(UnaryOp.SIGN, x.value), false, null)));
    }

    /** Heaviside step (no gradient). */
    public Var step(Var x) {
        return own(ops.unary(UnaryOp.STEP, x.value), false, null);
    }

    private interface UnaryBackward {
        Var apply(Var gradOut, Var output);
    }

    private Var unary(UnaryOp op, Var x, UnaryBackward backward) {
        Var[] self = new Var[1];
        self[0] = record(ops.unary(op, x.value), g -> new Var[] {backward.apply(g, self[0])}, x);
        return self[0];
    }

    // ------------------------------------------------------------------ shape

    /** Same elements, new shape. */
    public Var reshape(Var x, int... shape) {
        Shape old = x.shape();
        return record(ops.reshape(x.value, Shape.of(shape)), g -> new Var[] {reshape(g, old.dims())}, x);
    }

    /** Axes permuted. */
    public Var transpose(Var x, int... perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return record(ops.transpose(x.value, perm), g -> new Var[] {transpose(g, inv)}, x);
    }

    /** Elements from..to−1 along {@code axis} (negative counts from the end). */
    public Var slice(Var x, int axis, int from, int to) {
        Shape s = x.shape();
        int ax = axis < 0 ? s.rank() + axis : axis;
        return record(ops.slice(x.value, ax, from, to), g -> {
            List<Var> parts = new ArrayList<>(3);
            int[] d = s.dims();
            if (from > 0) {
                d[ax] = from;
                parts.add(full(Shape.of(d), g.dtype(), 0));
            }
            parts.add(g);
            if (to < s.dim(ax)) {
                d[ax] = s.dim(ax) - to;
                parts.add(full(Shape.of(d), g.dtype(), 0));
            }
            return new Var[] {parts.size() == 1 ? g : concat(parts, ax)};
        }, x);
    }

    /** Concatenation along {@code axis} (negative counts from the end). */
    public Var concat(List<Var> parts, int axis) {
        List<Tensor> ts = new ArrayList<>(parts.size());
        for (Var p : parts) {
            ts.add(p.value);
        }
        int ax = axis < 0 && !parts.isEmpty() ? parts.get(0).shape().rank() + axis : axis;
        return record(ops.concat(ts, ax), g -> {
            Var[] out = new Var[parts.size()];
            int at = 0;
            for (int i = 0; i < out.length; i++) {
                int n = parts.get(i).shape().dim(ax);
                out[i] = slice(g, ax, at, at + n);
                at += n;
            }
            return out;
        }, parts.toArray(new Var[0]));
    }

    /** Broadcast to {@code shape}. */
    public Var broadcastTo(Var x, Shape shape) {
        if (x.shape().equals(shape)) {
            return x;
        }
        Shape s = x.shape();
        return record(ops.broadcastTo(x.value, shape), g -> new Var[] {sumTo(g, s)}, x);
    }

    /** Sum over broadcast dimensions down to {@code shape}. */
    public Var sumTo(Var x, Shape shape) {
        if (x.shape().equals(shape)) {
            return x;
        }
        Shape s = x.shape();
        return record(ops.sumTo(x.value, shape), g -> new Var[] {broadcastTo(g, s)}, x);
    }

    // ------------------------------------------------------------------ reductions and products

    /** Sum over {@code axis}. */
    public Var sum(Var x, int axis, boolean keepDims) {
        Shape s = x.shape();
        int ax = axis < 0 ? s.rank() + axis : axis;
        return record(ops.sum(x.value, ax, keepDims), g -> {
            Var gk = g;
            if (!keepDims) {
                int[] d = s.dims();
                d[ax] = 1;
                gk = reshape(g, d);
            }
            return new Var[] {broadcastTo(gk, s)};
        }, x);
    }

    /** Sum of all elements (a scalar). */
    public Var sumAll(Var x) {
        return sum(reshape(x, (int) x.shape().size()), 0, false);
    }

    /** Mean over {@code axis}. */
    public Var mean(Var x, int axis, boolean keepDims) {
        int ax = axis < 0 ? x.shape().rank() + axis : axis;
        return mul(sum(x, ax, keepDims), 1.0 / x.shape().dim(ax));
    }

    /** Matrix product of the last two axes (see {@link TensorOps#matmul}). */
    public Var matmul(Var a, Var b, boolean transA, boolean transB) {
        return record(ops.matmul(a.value, b.value, transA, transB), g -> new Var[] {
            !wants(a) ? null : transA ? matmul(b, g, transB, true) : matmul(g, b, false, !transB),
            !wants(b) ? null : transB ? matmul(g, a, true, transA) : matmul(a, g, !transA, false)}, a, b);
    }

    /** Plain matrix product a·b. */
    public Var matmul(Var a, Var b) {
        return matmul(a, b, false, false);
    }

    // ------------------------------------------------------------------ indexing

    /** out[i] = x[index[i]] along axis 0. */
    public Var gather(Var x, Var index) {
        int rows = x.shape().dim(0);
        return record(ops.gather(x.value, index.value), g -> new Var[] {scatterAdd(g, index, rows), null}, x, index);
    }

    /** out[index[i]] += src[i] along axis 0, out having {@code rows} rows. */
    public Var scatterAdd(Var src, Var index, int rows) {
        return record(ops.scatterAdd(src.value, index.value, rows), g -> new Var[] {gather(g, index), null}, src, index);
    }

    // ------------------------------------------------------------------ fused per-edge kernels

    /** Radial basis R_n(r) at distances r (rank 1) → [E, count]; differentiable in r to any order. */
    public Var radialBasis(Var r, RadialBasis basis) {
        return radialBasis(r, basis, 0);
    }

    private Var radialBasis(Var r, RadialBasis basis, int derivative) {
        return record(ops.radialBasis(r.value, basis, derivative),
            g -> new Var[] {sum(mul(g, radialBasis(r, basis, derivative + 1)), 1, false)}, r);
    }

    /** Sparse polynomials at points x [N, P] → [N, K]; differentiable in x to any order. */
    public Var sparsePolynomial(Var x, SparsePolynomial p) {
        int n = x.shape().dim(0);
        return record(ops.sparsePolynomial(x.value, p), g -> {
            Var jac = reshape(sparsePolynomial(x, p.jacobian()), n, p.outputs(), p.variables());
            return new Var[] {sum(mul(reshape(g, n, p.outputs(), 1), jac), 1, false)};
        }, x);
    }

    // ------------------------------------------------------------------ composites

    /**
     * Normalises the last axis of x [..., C] split into {@code groups} groups of C/groups:
     * (x − mean)/√(var + eps) per group (GroupNorm without affine; LayerNorm is groups = 1).
     */
    public Var groupNorm(Var x, int groups, double eps) {
        Shape s = x.shape();
        int c = s.dim(-1);
        if (groups < 1 || c % groups != 0) {
            throw new IllegalArgumentException("cannot split " + c + " channels into " + groups + " groups");
        }
        int rows = (int) (s.size() / c);
        Var xg = reshape(x, rows, groups, c / groups);
        Var centred = sub(xg, mean(xg, 2, true));
        Var var = mean(square(centred), 2, true);
        Var out = div(centred, sqrt(add(var, eps)));
        return reshape(out, s.dims());
    }

    // ------------------------------------------------------------------ gradients

    /**
     * Gradients of {@code output} (any shape; seeded with ones, i.e. the gradient of the sum of
     * its elements) with respect to {@code inputs}. With {@code createGraph} the backward
     * operations are recorded, so the returned gradients can be differentiated again;
     * otherwise they are constants. Inputs the output does not depend on get zeros.
     */
    public List<Var> grad(Var output, List<Var> inputs, boolean createGraph) {
        return grad(output, full(output.shape(), output.dtype(), 1), inputs, createGraph);
    }

    /** As {@link #grad(Var, List, boolean)} with an explicit seed ∂L/∂output (shape of output). */
    public List<Var> grad(Var output, Var seed, List<Var> inputs, boolean createGraph) {
        Map<Var, Var> grads = new HashMap<>();
        if (output.requiresGrad) {
            List<Var> order = topologicalFrom(output);
            grads.put(output, seed);
            int saved = noGradDepth;
            Set<Var> savedWanted = wanted;
            wanted = dependingOn(order, inputs);
            noGradDepth = createGraph ? noGradDepth : noGradDepth + 1;
            try {
                for (Var v : order) {
                    Var g = grads.get(v);
                    if (g == null || v.node == null) {
                        continue;
                    }
                    Var[] in = v.node.backward.apply(g);
                    for (int i = 0; i < in.length; i++) {
                        Var x = v.node.inputs[i];
                        if (in[i] == null || !wants(x)) {
                            continue;
                        }
                        Var prev = grads.get(x);
                        grads.put(x, prev == null ? in[i] : add(prev, in[i]));
                    }
                }
            } finally {
                noGradDepth = saved;
                wanted = savedWanted;
            }
        }
        List<Var> out = new ArrayList<>(inputs.size());
        for (Var x : inputs) {
            Var g = grads.get(x);
            if (g == null) {
                g = full(x.shape(), x.dtype(), 0);
            } else if (!createGraph && g.requiresGrad) {
                g = detach(g);
            }
            out.add(g);
        }
        return out;
    }

    /**
     * The variables of {@code order} (outputs before inputs) through which some of {@code inputs}
     * reach the output: only their gradients are needed, so a backward pass for forces does not
     * also form the (unused) gradients of the parameters.
     */
    private static Set<Var> dependingOn(List<Var> order, List<Var> inputs) {
        Set<Var> depending = new HashSet<>(inputs);
        for (int k = order.size() - 1; k >= 0; k--) {
            Var v = order.get(k);
            if (v.node != null && !depending.contains(v)) {
                for (Var in : v.node.inputs) {
                    if (depending.contains(in)) {
                        depending.add(v);
                        break;
                    }
                }
            }
        }
        return depending;
    }

    /** Whether the backward pass in progress needs the gradient of {@code x}. */
    private boolean wants(Var x) {
        return x.requiresGrad && (wanted == null || wanted.contains(x));
    }

    private static List<Var> topologicalFrom(Var output) {
        Set<Var> seen = new HashSet<>();
        Deque<Var> stack = new ArrayDeque<>();
        stack.push(output);
        List<Var> all = new ArrayList<>();
        while (!stack.isEmpty()) {
            Var v = stack.pop();
            if (!seen.add(v)) {
                continue;
            }
            all.add(v);
            if (v.node != null) {
                for (Var in : v.node.inputs) {
                    if (in.requiresGrad) {
                        stack.push(in);
                    }
                }
            }
        }
        // ids increase with creation, and every input is created before its output
        all.sort(Comparator.comparingLong((Var v) -> v.id).reversed());
        return all;
    }

    // ------------------------------------------------------------------ plumbing

    private Var record(Tensor result, Backward backward, Var... inputs) {
        boolean needs = false;
        if (noGradDepth == 0) {
            for (Var in : inputs) {
                needs |= in.requiresGrad;
            }
        }
        return own(result, needs, needs ? new Node(inputs, backward) : null);
    }

    private Var own(Tensor t, boolean requiresGrad, Node node) {
        scope.track(t);
        return new Var(this, t, requiresGrad, nextId++, node);
    }

    /** Number of tensors the graph currently owns (for memory tests). */
    public int ownedTensors() {
        return scope.size();
    }

    /** Releases every tensor the graph produced. */
    @Override
    public void close() {
        scope.close();
    }
}
