package org.atomstack.backend.cpu.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.tensor.BinaryOp;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.OpShapes;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.SparsePolynomial;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.UnaryOp;

/**
 * The pure-Java backend: tensors are Java arrays ({@code double[]}, {@code float[]},
 * {@code int[]}) and every {@link org.atomstack.api.tensor.TensorOps} operation is implemented
 * for FLOAT64 and FLOAT32, the latter computing in float. This class validates operands
 * (owner, open, dtype, shape) and dispatches to the kernels ({@link ElementWise},
 * {@link Reductions}, {@link GemmF64}/{@link GemmF32}, {@link Indexing}, {@link RadialKernel},
 * {@link PolynomialKernel}).
 *
 * <p>Thread-safe. Large operations run on a private fork-join pool of the configured size;
 * work is split by output ranges only, so results are bitwise identical for every pool size.
 * {@link #close()} stops the pool; afterwards every operation throws
 * {@link IllegalStateException}. Tensor memory is Java heap, reclaimed by the garbage
 * collector once tensors are closed or unreachable.
 */
final class CpuBackend implements Backend {
    private static final Set<DType> DTYPES = Set.copyOf(EnumSet.of(DType.FLOAT64, DType.FLOAT32));
    /** Batched products whose single product has at most this many multiply-adds are parallel over the batch. */
    private static final long SMALL_BATCH_ITEM = 64L * 64 * 64;

    private final Parallel par;
    private final AtomicLong live = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A backend computing on {@code threads} threads (≥ 1). */
    CpuBackend(int threads) {
        this.par = new Parallel(threads);
    }

    @Override
    public String id() {
        return "cpu";
    }

    @Override
    public String device() {
        return describe(par.threads());
    }

    /** The device text for {@code threads} threads. */
    static String describe(int threads) {
        return threads + " CPU thread" + (threads == 1 ? "" : "s") + " (pure Java)";
    }

    @Override
    public long openTensors() {
        return live.get();
    }

    @Override
    public Set<DType> dtypes() {
        return DTYPES;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            par.close();
        }
    }

    @Override
    public String toString() {
        return "cpu backend (" + device() + (closed.get() ? ", closed" : "") + ")";
    }

    /** Called once by each tensor when it is closed. */
    void released() {
        live.decrementAndGet();
    }

    // ------------------------------------------------------------------ creation and transfer

    @Override
    public Tensor fromDoubles(double[] data, DType dtype, Shape shape) {
        checkOpen();
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dtype, "dtype");
        OpShapes.values(data.length, shape, "fromDoubles");
        return make(shape, dtype, convert(data, dtype));
    }

    @Override
    public Tensor fromInts(int[] data, Shape shape) {
        checkOpen();
        Objects.requireNonNull(data, "data");
        OpShapes.values(data.length, shape, "fromInts");
        return make(shape, DType.INT32, data.clone());
    }

    @Override
    public Tensor full(Shape shape, DType dtype, double value) {
        checkOpen();
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        int n = shape.intSize();
        Object data = switch (dtype) {
            case FLOAT64 -> {
                double[] d = new double[n];
                Arrays.fill(d, value);
                yield d;
            }
            case FLOAT32 -> {
                float[] f = new float[n];
                Arrays.fill(f, (float) value);
                yield f;
            }
            case INT32 -> {
                int[] i = new int[n];
                Arrays.fill(i, OpShapes.int32(value, 0));
                yield i;
            }
        };
        return make(shape, dtype, data);
    }

    @Override
    public double[] toDoubles(Tensor t) {
        CpuTensor x = operand(t, "toDoubles");
        return switch (x.dtype()) {
            case FLOAT64 -> x.f64().clone();
            case FLOAT32 -> {
                float[] f = x.f32();
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                yield d;
            }
            case INT32 -> {
                int[] v = x.i32();
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    d[i] = v[i];
                }
                yield d;
            }
        };
    }

    @Override
    public int[] toInts(Tensor t) {
        CpuTensor x = operand(t, "toInts");
        if (x.dtype() != DType.INT32) {
            throw new IllegalArgumentException("toInts needs an INT32 tensor, got " + x.dtype());
        }
        return x.i32().clone();
    }

    @Override
    public Tensor cast(Tensor t, DType dtype) {
        CpuTensor x = operand(t, "cast");
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.floating()) {
            throw new IllegalArgumentException("cast converts to a floating dtype, not " + dtype);
        }
        if (x.dtype() == dtype) {
            return make(x.shape(), dtype, x.data());
        }
        if (x.dtype() == DType.FLOAT32 && dtype == DType.FLOAT64) {
            float[] f = x.f32();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return make(x.shape(), dtype, d);
        }
        return make(x.shape(), dtype, convert(toDoubles(x), dtype));
    }

    // ------------------------------------------------------------------ shape

    @Override
    public Tensor reshape(Tensor t, Shape shape) {
        CpuTensor x = operand(t, "reshape");
        Objects.requireNonNull(shape, "shape");
        return make(OpShapes.reshape(x.shape(), shape), x.dtype(), x.data());
    }

    @Override
    public Tensor transpose(Tensor t, int... perm) {
        CpuTensor x = operand(t, "transpose");
        Shape shape = OpShapes.transpose(x.shape(), perm);
        int[] inStrides = Strided.rowMajor(x.shape().dims());
        int[] src = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            src[i] = inStrides[perm[i]];
        }
        return make(shape, x.dtype(), stridedCopy(x.data(), 0, shape.dims(), src));
    }

    @Override
    public Tensor slice(Tensor t, int axis, int from, int to) {
        CpuTensor x = operand(t, "slice");
        Shape s = x.shape();
        Shape shape = OpShapes.slice(s, axis, from, to);
        int ax = OpShapes.axis(s, axis, "slice");
        int[] d = s.dims();
        int outer = prod(d, 0, ax);
        int inner = prod(d, ax + 1, d.length);
        int len = (to - from) * inner;
        Object src = x.data();
        Object out = alloc(x.dtype(), outer * len);
        int step = s.dim(ax) * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, o * step + from * inner, out, o * len, len);
        }
        return make(shape, x.dtype(), out);
    }

    @Override
    public Tensor concat(List<Tensor> parts, int axis) {
        checkOpen();
        Objects.requireNonNull(parts, "parts");
        CpuTensor[] xs = new CpuTensor[parts.size()];
        Shape[] shapes = new Shape[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = operand(parts.get(i), "concat");
        }
        for (int i = 0; i < xs.length; i++) {
            sameDtype("concat", xs[0], xs[i]);
            shapes[i] = xs[i].shape();
        }
        Shape shape = OpShapes.concat(Arrays.asList(shapes), axis);
        int ax = OpShapes.axis(shape, axis, "concat");
        int[] d = shape.dims();
        int total = d[ax];
        int outer = prod(d, 0, ax);
        int inner = prod(d, ax + 1, d.length);
        Object out = alloc(xs[0].dtype(), outer * total * inner);
        int at = 0;
        for (CpuTensor x : xs) {
            int len = x.shape().dim(ax) * inner;
            Object src = x.data();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, o * len, out, o * total * inner + at, len);
            }
            at += len;
        }
        return make(shape, xs[0].dtype(), out);
    }

    @Override
    public Tensor broadcastTo(Tensor t, Shape shape) {
        CpuTensor x = operand(t, "broadcastTo");
        Objects.requireNonNull(shape, "shape");
        OpShapes.broadcastTo(x.shape(), shape);
        int[] out = shape.dims();
        return make(shape, x.dtype(), stridedCopy(x.data(), 0, out, Strided.broadcastStrides(x.shape(), out)));
    }

    @Override
    public Tensor sumTo(Tensor t, Shape shape) {
        CpuTensor x = floating(t, "sumTo");
        Objects.requireNonNull(shape, "shape");
        OpShapes.sumTo(x.shape(), shape);
        return make(shape, x.dtype(), Reductions.sumTo(par, x.data(), x.shape(), shape));
    }

    // ------------------------------------------------------------------ element-wise

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        Objects.requireNonNull(op, "op");
        CpuTensor a = floating(x, "unary " + op);
        int n = a.shape().intSize();
        long cost = switch (op) {
            case NEG, SQUARE, ABS, SIGN, STEP, RECIPROCAL, SQRT -> 1;
            default -> 8;
        };
        if (a.dtype() == DType.FLOAT64) {
            double[] in = a.f64();
            double[] out = new double[n];
            par.forRange(n, cost, (from, to) -> ElementWise.unary(op, in, out, from, to));
            return make(a.shape(), a.dtype(), out);
        }
        float[] in = a.f32();
        float[] out = new float[n];
        par.forRange(n, cost, (from, to) -> ElementWise.unary(op, in, out, from, to));
        return make(a.shape(), a.dtype(), out);
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Objects.requireNonNull(op, "op");
        String what = "binary " + op;
        CpuTensor x = floating(a, what);
        CpuTensor y = floating(b, what);
        sameDtype(what, x, y);
        Shape shape = OpShapes.broadcast(x.shape(), y.shape(), what);
        int[] dims = shape.dims();
        Strided it = Strided.of(dims, Strided.broadcastStrides(x.shape(), dims), Strided.broadcastStrides(y.shape(), dims));
        int n = it.size();
        int sa = it.innerStride(0);
        int sb = it.innerStride(1);
        int[] base = new int[2];
        long cost = op == BinaryOp.POW ? 8 : 1;
        if (x.dtype() == DType.FLOAT64) {
            double[] av = x.f64();
            double[] bv = y.f64();
            double[] out = new double[n];
            par.forRange(n, cost, (from, to) -> it.forSegments(from, to, base,
                (o, off, len) -> ElementWise.binary(op, av, off[0], sa, bv, off[1], sb, out, o, len)));
            return make(shape, x.dtype(), out);
        }
        float[] av = x.f32();
        float[] bv = y.f32();
        float[] out = new float[n];
        par.forRange(n, cost, (from, to) -> it.forSegments(from, to, base,
            (o, off, len) -> ElementWise.binary(op, av, off[0], sa, bv, off[1], sb, out, o, len)));
        return make(shape, x.dtype(), out);
    }

    // ------------------------------------------------------------------ reductions and products

    @Override
    public Tensor sum(Tensor t, int axis, boolean keepDims) {
        CpuTensor x = floating(t, "sum");
        Shape s = x.shape();
        Shape shape = OpShapes.sum(s, axis, keepDims);
        Object out = Reductions.sumAxis(par, x.data(), s, OpShapes.axis(s, axis, "sum"));
        return make(shape, x.dtype(), out);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        CpuTensor x = floating(a, "matmul");
        CpuTensor y = floating(b, "matmul");
        sameDtype("matmul", x, y);
        OpShapes.Matmul mm = OpShapes.matmul(x.shape(), y.shape(), transA, transB);
        int batch = mm.batch();
        int m = mm.m();
        int n = mm.n();
        int k = mm.k();
        // Strides and matrix sizes are bounded by the operands' host arrays, so they fit an int.
        int ars = (int) mm.ars();
        int acs = (int) mm.acs();
        int brs = (int) mm.brs();
        int bcs = (int) mm.bcs();
        int aSize = (int) mm.aSize();
        int bSize = (int) mm.bSize();
        int cSize = m * n;
        Shape out = mm.out();
        boolean overBatch = batch > 1 && (long) m * n * k <= SMALL_BATCH_ITEM;
        if (x.dtype() == DType.FLOAT64) {
            double[] av = x.f64();
            double[] bv = y.f64();
            double[] c = new double[batch * cSize];
            if (overBatch) {
                par.forRange(batch, (long) m * n * Math.max(k, 1), (from, to) -> {
                    for (int i = from; i < to; i++) {
                        GemmF64.multiply(Parallel.SERIAL, av, i * aSize, ars, acs, bv, i * bSize, brs, bcs, c, i * cSize, m, n, k);
                    }
                });
            } else {
                for (int i = 0; i < batch; i++) {
                    GemmF64.multiply(par, av, i * aSize, ars, acs, bv, i * bSize, brs, bcs, c, i * cSize, m, n, k);
                }
            }
            return make(out, x.dtype(), c);
        }
        float[] av = x.f32();
        float[] bv = y.f32();
        float[] c = new float[batch * cSize];
        if (overBatch) {
            par.forRange(batch, (long) m * n * Math.max(k, 1), (from, to) -> {
                for (int i = from; i < to; i++) {
                    GemmF32.multiply(Parallel.SERIAL, av, i * aSize, ars, acs, bv, i * bSize, brs, bcs, c, i * cSize, m, n, k);
                }
            });
        } else {
            for (int i = 0; i < batch; i++) {
                GemmF32.multiply(par, av, i * aSize, ars, acs, bv, i * bSize, brs, bcs, c, i * cSize, m, n, k);
            }
        }
        return make(out, x.dtype(), c);
    }

    // ------------------------------------------------------------------ indexing

    @Override
    public Tensor gather(Tensor x, Tensor index) {
        CpuTensor src = operand(x, "gather");
        CpuTensor idx = index(index, "gather");
        int[] ix = idx.i32();
        Shape shape = OpShapes.gather(src.shape(), ix);
        int[] d = shape.dims();
        int rowLen = prod(d, 1, d.length);
        Object out = alloc(src.dtype(), ix.length * rowLen);
        Indexing.gather(par, src.data(), ix, out, rowLen);
        return make(shape, src.dtype(), out);
    }

    @Override
    public Tensor scatterAdd(Tensor src, Tensor index, int rows) {
        CpuTensor x = floating(src, "scatterAdd");
        CpuTensor idx = index(index, "scatterAdd");
        int[] ix = idx.i32();
        Shape shape = OpShapes.scatterAdd(x.shape(), ix, rows);
        int[] d = shape.dims();
        int rowLen = prod(d, 1, d.length);
        if (x.dtype() == DType.FLOAT64) {
            double[] out = new double[rows * rowLen];
            Indexing.scatterAdd(par, x.f64(), ix, out, rows, rowLen);
            return make(shape, x.dtype(), out);
        }
        float[] out = new float[rows * rowLen];
        Indexing.scatterAdd(par, x.f32(), ix, out, rows, rowLen);
        return make(shape, x.dtype(), out);
    }

    // ------------------------------------------------------------------ fused kernels

    @Override
    public Tensor radialBasis(Tensor r, RadialBasis basis, int derivative) {
        CpuTensor x = floating(r, "radialBasis");
        Objects.requireNonNull(basis, "basis");
        Shape shape = OpShapes.radialBasis(x.shape(), basis, derivative);
        int edges = shape.dim(0);
        RadialKernel kernel = new RadialKernel(basis, derivative);
        Object in = x.data();
        Object out = alloc(x.dtype(), edges * basis.count());
        par.forRange(edges, kernel.costPerEdge(), (from, to) -> kernel.evaluate(in, out, from, to));
        return make(shape, x.dtype(), out);
    }

    @Override
    public Tensor sparsePolynomial(Tensor x, SparsePolynomial polynomial) {
        CpuTensor pts = floating(x, "sparsePolynomial");
        Objects.requireNonNull(polynomial, "polynomial");
        Shape out = OpShapes.sparsePolynomial(pts.shape(), polynomial);
        int n = out.dim(0);
        PolynomialKernel kernel = new PolynomialKernel(polynomial);
        if (pts.dtype() == DType.FLOAT64) {
            double[] in = pts.f64();
            double[] o = new double[n * polynomial.outputs()];
            par.forRange(n, kernel.costPerPoint(), (from, to) -> kernel.evaluate(in, o, from, to));
            return make(out, pts.dtype(), o);
        }
        float[] in = pts.f32();
        float[] o = new float[n * polynomial.outputs()];
        par.forRange(n, kernel.costPerPoint(), (from, to) -> kernel.evaluate(in, o, from, to));
        return make(out, pts.dtype(), o);
    }

    // ------------------------------------------------------------------ plumbing

    private CpuTensor make(Shape shape, DType dtype, Object data) {
        live.incrementAndGet();
        return new CpuTensor(this, shape, dtype, data);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the cpu backend is closed");
        }
    }

    /** An open operand of this backend. */
    private CpuTensor operand(Tensor t, String what) {
        checkOpen();
        Objects.requireNonNull(t, () -> what + ": operand is null");
        if (!(t instanceof CpuTensor c) || c.owner() != this) {
            throw new IllegalArgumentException(what + ": operand " + t.shape() + " " + t.dtype()
                + " belongs to another backend (" + t.ops() + "), not to " + this);
        }
        if (c.closed()) {
            throw new IllegalStateException(what + ": operand " + c.shape() + " " + c.dtype() + " is closed");
        }
        return c;
    }

    private CpuTensor floating(Tensor t, String what) {
        CpuTensor c = operand(t, what);
        if (!c.dtype().floating()) {
            throw new IllegalArgumentException(what + " needs a floating-point tensor, got " + c.dtype() + " " + c.shape());
        }
        return c;
    }

    private CpuTensor index(Tensor t, String what) {
        CpuTensor c = operand(t, what);
        if (c.dtype() != DType.INT32 || c.shape().rank() != 1) {
            throw new IllegalArgumentException(what + " needs a rank-1 INT32 index, got " + c.dtype() + " " + c.shape());
        }
        return c;
    }

    private static void sameDtype(String what, CpuTensor a, CpuTensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(what + ": operand dtypes differ: " + a.dtype() + " and " + b.dtype());
        }
    }

    private static int prod(int[] d, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= d[i];
        }
        return p;
    }

    private static Object alloc(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT64 -> new double[n];
            case FLOAT32 -> new float[n];
            case INT32 -> new int[n];
        };
    }

    private static Object convert(double[] data, DType dtype) {
        return switch (dtype) {
            case FLOAT64 -> data.clone();
            case FLOAT32 -> {
                float[] f = new float[data.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) data[i];
                }
                yield f;
            }
            case INT32 -> {
                int[] v = new int[data.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = OpShapes.int32(data[i], i);
                }
                yield v;
            }
        };
    }

    /** A row-major copy of {@code src} read through {@code srcStrides} over {@code outDims}. */
    private Object stridedCopy(Object src, int srcOff, int[] outDims, int[] srcStrides) {
        Strided it = Strided.of(outDims, srcStrides);
        int n = it.size();
        Object out = src instanceof double[] ? new double[n] : src instanceof float[] ? new float[n] : new int[n];
        int stride = it.innerStride(0);
        int[] base = {srcOff};
        par.forRange(n, 1, (from, to) -> it.forSegments(from, to, base,
            (o, off, len) -> ElementWise.copy(src, off[0], stride, out, o, len)));
        return out;
    }
}
