package org.atomstack.backend.cuda.internal;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * The CUDA backend: tensors in device memory of one GPU (its primary context), every
 * {@link org.atomstack.api.tensor.TensorOps} operation for FLOAT64 and FLOAT32 by the kernels
 * of atomstack_kernels.cu, and GEMM by cuBLAS where it loaded (else by the GEMM kernel).
 * Operands are validated on the host with the CPU backend's rules and messages; index tensors
 * are checked against a host copy of their indices (kept with the buffer, so each index is
 * transferred at most once).
 *
 * <p>All work goes to the legacy default stream, and every operation waits for its kernels
 * ({@code cuCtxSynchronize}) before it returns: a device error surfaces at the operation that
 * caused it, and time measured around an operation (as {@code atomstack bench} does) is its
 * real cost. Device memory is freed when the last tensor viewing it is closed
 * ({@code cuMemFree}), and everything still held when the backend closes.
 *
 * <p>Thread-safe: every operation holds a read lock and makes the context current on its
 * thread; {@link #close()} takes the write lock, so it waits for operations in flight and later
 * ones throw {@link IllegalStateException}. An operation holds a reference to each operand's
 * memory until it has finished, so closing a tensor that another thread is reading frees the
 * memory only afterwards. The cuBLAS handle is used by one thread at a time.
 */
final class CudaBackend implements Backend, CudaBackendInfo {
    private static final Set<DType> DTYPES = Set.of(DType.FLOAT64, DType.FLOAT32);
    /** Reduction chunk of the two-pass sum. */
    static final long SUM_CHUNK = 1024;

    private final Driver driver;
    private final FfmCudaPlatform.Device device;
    private final MemorySegment context;
    private final KernelModule module;
    private final Cublas cublas;
    private final MemorySegment cublasHandle;
    private final String gemmEngine;
    private final String description;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object cublasLock = new Object();
    private final Set<DeviceBuffer> buffers = ConcurrentHashMap.newKeySet();
    private final AtomicLong openTensors = new AtomicLong();
    private final AtomicLong allocated = new AtomicLong();
    /** Operand buffers the running operation of each thread holds a reference to. */
    private final ThreadLocal<ArrayList<DeviceBuffer>> pinned = ThreadLocal.withInitial(ArrayList::new);
    private volatile boolean closed;

    private CudaBackend(Driver driver, FfmCudaPlatform.Device device, MemorySegment context, KernelModule module, Cublas cublas,
        MemorySegment cublasHandle, String gemmEngine, String description) {
        this.driver = driver;
        this.device = device;
        this.context = context;
        this.module = module;
        this.cublas = cublas;
        this.cublasHandle = cublasHandle;
        this.gemmEngine = gemmEngine;
        this.description = description;
    }

    /**
     * Opens a backend as the probe planned: retains the primary context, loads the kernels,
     * creates the cuBLAS handle; undoes what was done when a step fails.
     */
    static CudaBackend open(FfmCudaPlatform platform, FfmCudaPlatform.Probe probe) {
        Driver driver = probe.driver();
        FfmCudaPlatform.Device device = probe.device();
        MemorySegment context = driver.retainPrimaryContext(device.handle());
        KernelModule module = null;
        try {
            driver.setCurrent(context);
            module = KernelModule.load(driver, platform, probe);
            Cublas cublas = probe.gemm().cublas().orElse(null);
            MemorySegment handle = null;
            String gemm = probe.gemm().describe();
            if (cublas != null) {
                try {
                    handle = cublas.create();
                } catch (CudaException e) {
                    if (platform.settings().gemm() == CudaSettings.Gemm.CUBLAS) {
                        throw e;
                    }
                    cublas = null;
                    gemm = "atomstack kernel (" + e.getMessage() + ")";
                }
            }
            String description = device.describe() + ", driver CUDA " + FfmCudaPlatform.version(probe.driverVersion())
                + "; kernels: " + module.description() + "; GEMM: " + gemm;
            return new CudaBackend(driver, device, context, module, cublas, handle, gemm, description);
        } catch (RuntimeException e) {
            try {
                if (module != null) {
                    module.unload(driver);
                }
                driver.releasePrimaryContext(device.handle());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new IllegalStateException("opening the cuda backend on " + device.describe() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return "cuda";
    }

    @Override
    public String device() {
        return description;
    }

    @Override
    public Set<DType> dtypes() {
        return DTYPES;
    }

    @Override
    public long openTensors() {
        return openTensors.get();
    }

    @Override
    public long deviceFreeBytes() {
        return guarded(() -> driver.memoryInfo()[0]);
    }

    @Override
    public long deviceTotalBytes() {
        return device.totalMemory();
    }

    @Override
    public long allocatedBytes() {
        return allocated.get();
    }

    @Override
    public String kernelImage() {
        return module.description();
    }

    @Override
    public String gemmEngine() {
        return gemmEngine;
    }

    /** Frees every buffer still held, destroys the cuBLAS handle, unloads the kernels and releases the context; idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            RuntimeException failure = null;
            try {
                driver.setCurrent(context);
                for (DeviceBuffer b : List.copyOf(buffers)) {
                    free(b);
                }
                if (cublasHandle != null) {
                    cublas.destroy(cublasHandle);
                }
                module.unload(driver);
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                driver.releasePrimaryContext(device.handle());
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "cuda backend (" + device.describe() + (closed ? ", closed" : "") + ")";
    }

    /** Called once by each tensor when it is closed: drops its view and frees the memory after the last one. */
    void released(CudaTensor t) {
        openTensors.decrementAndGet();
        lock.readLock().lock();
        try {
            if (closed || !t.buffer().release()) {
                return;
            }
            driver.setCurrent(context);
            free(t.buffer());
        } finally {
            lock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ creation and transfer

    @Override
    public Tensor fromDoubles(double[] data, DType dtype, Shape shape) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        return guarded(() -> {
            OpShapes.values(data.length, shape, "fromDoubles");
            int n = data.length;
            int[] ints = null;
            if (dtype == DType.INT32) {
                ints = new int[n];
                for (int i = 0; i < n; i++) {
                    ints[i] = OpShapes.int32(data[i], i);
                }
            }
            CudaTensor out = allocate(shape, dtype);
            try (Arena a = Arena.ofConfined()) {
                MemorySegment host = a.allocate(Math.max(out.buffer().bytes(), 1), 8);
                switch (dtype) {
                    case FLOAT64 -> MemorySegment.copy(data, 0, host, JAVA_DOUBLE, 0, n);
                    case FLOAT32 -> {
                        for (int i = 0; i < n; i++) {
                            host.setAtIndex(JAVA_FLOAT, i, (float) data[i]);
                        }
                    }
                    case INT32 -> MemorySegment.copy(ints, 0, host, JAVA_INT, 0, n);
                }
                upload(out, host);
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
            if (ints != null) {
                out.buffer().hostInts(ints);
            }
            return out;
        });
    }

    @Override
    public Tensor fromInts(int[] data, Shape shape) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(shape, "shape");
        return guarded(() -> {
            OpShapes.values(data.length, shape, "fromInts");
            int[] copy = data.clone();
            CudaTensor out = allocate(shape, DType.INT32);
            try (Arena a = Arena.ofConfined()) {
                MemorySegment host = a.allocate(Math.max(out.buffer().bytes(), 1), 8);
                MemorySegment.copy(copy, 0, host, JAVA_INT, 0, copy.length);
                upload(out, host);
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
            out.buffer().hostInts(copy);
            return out;
        });
    }

    @Override
    public Tensor full(Shape shape, DType dtype, double value) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        return guarded(() -> {
            int intValue = dtype == DType.INT32 ? OpShapes.int32(value, 0) : 0;
            CudaTensor out = allocate(shape, dtype);
            long n = shape.size();
            produce(out, () -> {
                if (n == 0) {
                    return;
                }
                switch (dtype) {
                    case FLOAT64 -> launch(Kernel.FILL_B64, n, a -> a.pointer(out.pointer()).i64(Double.doubleToRawLongBits(value)).i64(n));
                    case FLOAT32 -> launch(Kernel.FILL_B32, n, a -> a.pointer(out.pointer()).i32(Float.floatToRawIntBits((float) value)).i64(n));
                    case INT32 -> launch(Kernel.FILL_B32, n, a -> a.pointer(out.pointer()).i32(intValue).i64(n));
                }
            });
            return out;
        });
    }

    @Override
    public double[] toDoubles(Tensor t) {
        return guarded(() -> {
            CudaTensor x = operand(t, "toDoubles");
            int n = x.shape().intSize();
            if (x.dtype() == DType.INT32) {
                int[] v = ints(x);
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = v[i];
                }
                return d;
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment host = download(x, a);
                if (x.dtype() == DType.FLOAT64) {
                    return host.asSlice(0, 8L * n).toArray(JAVA_DOUBLE);
                }
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = host.getAtIndex(JAVA_FLOAT, i);
                }
                return d;
            }
        });
    }

    @Override
    public int[] toInts(Tensor t) {
        return guarded(() -> {
            CudaTensor x = operand(t, "toInts");
            if (x.dtype() != DType.INT32) {
                throw new IllegalArgumentException("toInts needs an INT32 tensor, got " + x.dtype());
            }
            return ints(x).clone();
        });
    }

    @Override
    public Tensor cast(Tensor t, DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        return guarded(() -> {
            CudaTensor x = operand(t, "cast");
            if (!dtype.floating()) {
                throw new IllegalArgumentException("cast converts to a floating dtype, not " + dtype);
            }
            if (x.dtype() == dtype) {
                return view(x, x.shape());
            }
            Kernel k = switch (x.dtype()) {
                case FLOAT64 -> Kernel.CAST_F64_F32;
                case FLOAT32 -> Kernel.CAST_F32_F64;
                case INT32 -> dtype == DType.FLOAT64 ? Kernel.CAST_I32_F64 : Kernel.CAST_I32_F32;
            };
            CudaTensor out = allocate(x.shape(), dtype);
            long n = x.shape().size();
            produce(out, () -> launchIf(k, n, a -> a.pointer(x.pointer()).pointer(out.pointer()).i64(n)));
            return out;
        });
    }

    // ------------------------------------------------------------------ shape

    @Override
    public Tensor reshape(Tensor t, Shape shape) {
        Objects.requireNonNull(shape, "shape");
        return guarded(() -> {
            CudaTensor x = operand(t, "reshape");
            return view(x, OpShapes.reshape(x.shape(), shape));
        });
    }

    @Override
    public Tensor transpose(Tensor t, int... perm) {
        Objects.requireNonNull(perm, "perm");
        return guarded(() -> {
            CudaTensor x = operand(t, "transpose");
            Shape out = OpShapes.transpose(x.shape(), perm);
            long[] in = StridePack.rowMajor(x.shape().dims());
            long[] src = new long[perm.length];
            for (int i = 0; i < perm.length; i++) {
                src[i] = in[perm[i]];
            }
            int[] od = out.dims();
            CudaTensor y = allocate(out, x.dtype());
            produce(y, () -> copy(x, 0, y, 0, od, src, StridePack.rowMajor(od)));
            return y;
        });
    }

    @Override
    public Tensor slice(Tensor t, int axis, int from, int to) {
        return guarded(() -> {
            CudaTensor x = operand(t, "slice");
            Shape out = OpShapes.slice(x.shape(), axis, from, to);
            int ax = OpShapes.axis(x.shape(), axis, "slice");
            long[] in = StridePack.rowMajor(x.shape().dims());
            int[] d = out.dims();
            CudaTensor y = allocate(out, x.dtype());
            produce(y, () -> copy(x, from * in[ax], y, 0, d, in, StridePack.rowMajor(d)));
            return y;
        });
    }

    @Override
    public Tensor concat(List<Tensor> parts, int axis) {
        Objects.requireNonNull(parts, "parts");
        return guarded(() -> {
            List<CudaTensor> xs = new ArrayList<>(parts.size());
            for (Tensor p : parts) {
                xs.add(operand(p, "concat"));
            }
            List<Shape> shapes = new ArrayList<>(xs.size());
            for (CudaTensor x : xs) {
                sameDtype("concat", xs.get(0), x);
                shapes.add(x.shape());
            }
            Shape outShape = OpShapes.concat(shapes, axis);
            int ax = OpShapes.axis(outShape, axis, "concat");
            int[] od = outShape.dims();
            long[] outStrides = StridePack.rowMajor(od);
            CudaTensor y = allocate(outShape, xs.get(0).dtype());
            produce(y, () -> {
                long at = 0;
                for (CudaTensor x : xs) {
                    int[] d = x.shape().dims();
                    copy(x, 0, y, at * outStrides[ax], d, StridePack.rowMajor(d), outStrides);
                    at += d[ax];
                }
            });
            return y;
        });
    }

    @Override
    public Tensor broadcastTo(Tensor t, Shape shape) {
        Objects.requireNonNull(shape, "shape");
        return guarded(() -> {
            CudaTensor x = operand(t, "broadcastTo");
            OpShapes.broadcastTo(x.shape(), shape);
            int[] od = shape.dims();
            CudaTensor y = allocate(shape, x.dtype());
            produce(y, () -> copy(x, 0, y, 0, od, StridePack.broadcastStrides(x.shape(), od), StridePack.rowMajor(od)));
            return y;
        });
    }

    @Override
    public Tensor sumTo(Tensor t, Shape shape) {
        Objects.requireNonNull(shape, "shape");
        return guarded(() -> {
            CudaTensor x = floating(t, "sumTo");
            OpShapes.sumTo(x.shape(), shape);
            int lead = x.shape().rank() - shape.rank();
            int[] cur = x.shape().dims();
            DeviceBuffer buf = x.buffer();
            boolean owned = false;
            try {
                if (lead > 0) {
                    long leadSize = StridePack.prod(cur, 0, lead);
                    int[] rest = java.util.Arrays.copyOfRange(cur, lead, cur.length);
                    buf = sumAxis(buf, x.dtype(), 1, leadSize, StridePack.prod(rest, 0, rest.length));
                    owned = true;
                    cur = rest;
                }
                for (int i = 0; i < cur.length; i++) {
                    if (shape.dim(i) == 1 && cur[i] != 1) {
                        DeviceBuffer next = sumAxis(buf, x.dtype(), StridePack.prod(cur, 0, i), cur[i], StridePack.prod(cur, i + 1, cur.length));
                        if (owned) {
                            discard(buf);
                        }
                        buf = next;
                        owned = true;
                        cur[i] = 1;
                    }
                }
            } catch (RuntimeException e) {
                if (owned) {
                    discard(buf);
                }
                throw e;
            }
            if (!owned) {
                return view(x, shape);
            }
            return completed(tensor(shape, x.dtype(), buf));
        });
    }

    // ------------------------------------------------------------------ element-wise

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        Objects.requireNonNull(op, "op");
        return guarded(() -> {
            CudaTensor a = floating(x, "unary " + op);
            long n = a.shape().size();
            CudaTensor y = allocate(a.shape(), a.dtype());
            Kernel k = a.dtype() == DType.FLOAT64 ? Kernel.UNARY_F64 : Kernel.UNARY_F32;
            produce(y, () -> launchIf(k, n, args -> args.i32(OpCodes.unary(op)).pointer(a.pointer()).pointer(y.pointer()).i64(n)));
            return y;
        });
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Objects.requireNonNull(op, "op");
        return guarded(() -> {
            String what = "binary " + op;
            CudaTensor x = floating(a, what);
            CudaTensor y = floating(b, what);
            sameDtype(what, x, y);
            Shape shape = OpShapes.broadcast(x.shape(), y.shape(), what);
            int[] dims = shape.dims();
            long n = shape.size();
            long[] strides = StridePack.pack(dims, StridePack.broadcastStrides(x.shape(), dims), StridePack.broadcastStrides(y.shape(), dims));
            CudaTensor c = allocate(shape, x.dtype());
            Kernel k = x.dtype() == DType.FLOAT64 ? Kernel.BINARY_F64 : Kernel.BINARY_F32;
            produce(c, () -> launchIf(k, n, args -> args.i32(OpCodes.binary(op)).pointer(x.pointer()).pointer(y.pointer())
                .pointer(c.pointer()).i64(n).struct(strides)));
            return c;
        });
    }

    // ------------------------------------------------------------------ reductions and products

    @Override
    public Tensor sum(Tensor t, int axis, boolean keepDims) {
        return guarded(() -> {
            CudaTensor x = floating(t, "sum");
            Shape s = x.shape();
            Shape shape = OpShapes.sum(s, axis, keepDims);
            int ax = OpShapes.axis(s, axis, "sum");
            int[] d = s.dims();
            DeviceBuffer out = sumAxis(x.buffer(), x.dtype(), StridePack.prod(d, 0, ax), d[ax], StridePack.prod(d, ax + 1, d.length));
            return completed(tensor(shape, x.dtype(), out));
        });
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        return guarded(() -> {
            CudaTensor x = floating(a, "matmul");
            CudaTensor y = floating(b, "matmul");
            sameDtype("matmul", x, y);
            OpShapes.Matmul mm = OpShapes.matmul(x.shape(), y.shape(), transA, transB);
            CudaTensor c = allocate(mm.out(), x.dtype());
            produce(c, () -> {
                if (mm.out().size() == 0) {
                    return;
                }
                if (mm.k() == 0) {
                    driver.zero(c.pointer(), c.buffer().bytes());
                    return;
                }
                if (cublas != null) {
                    synchronized (cublasLock) {
                        cublas.gemmRowMajor(cublasHandle, x.dtype(), mm.batch(), mm.m(), mm.n(), mm.k(), transA, transB,
                            x.pointer(), y.pointer(), c.pointer());
                    }
                    return;
                }
                long n = mm.out().size();
                Kernel k = x.dtype() == DType.FLOAT64 ? Kernel.GEMM_F64 : Kernel.GEMM_F32;
                launch(k, n, args -> args.pointer(x.pointer()).pointer(y.pointer()).pointer(c.pointer()).i64(mm.batch())
                    .i64(mm.m()).i64(mm.n()).i64(mm.k()).i64(mm.ars()).i64(mm.acs()).i64(mm.aSize())
                    .i64(mm.brs()).i64(mm.bcs()).i64(mm.bSize()));
            });
            return c;
        });
    }

    // ------------------------------------------------------------------ indexing

    @Override
    public Tensor gather(Tensor x, Tensor index) {
        return guarded(() -> {
            CudaTensor src = operand(x, "gather");
            CudaTensor idx = index(index, "gather");
            int[] ix = ints(idx);
            Shape shape = OpShapes.gather(src.shape(), ix);
            int[] d = shape.dims();
            long rowLen = StridePack.prod(d, 1, d.length);
            CudaTensor out = allocate(shape, src.dtype());
            long n = out.shape().size();
            Kernel k = src.dtype() == DType.FLOAT64 ? Kernel.GATHER_B64 : Kernel.GATHER_B32;
            produce(out, () -> launchIf(k, n, a -> a.pointer(src.pointer()).pointer(idx.pointer()).pointer(out.pointer())
                .i64(ix.length).i64(rowLen)));
            if (src.dtype() == DType.INT32 && src.buffer().hostInts() != null && n <= Integer.MAX_VALUE - 8) {
                int[] host = src.buffer().hostInts();
                int[] gathered = new int[(int) n];
                for (int i = 0; i < ix.length; i++) {
                    System.arraycopy(host, (int) (ix[i] * rowLen), gathered, (int) (i * rowLen), (int) rowLen);
                }
                out.buffer().hostInts(gathered);
            }
            return out;
        });
    }

    @Override
    public Tensor scatterAdd(Tensor src, Tensor index, int rows) {
        return guarded(() -> {
            CudaTensor x = floating(src, "scatterAdd");
            CudaTensor idx = index(index, "scatterAdd");
            int[] ix = ints(idx);
            Shape shape = OpShapes.scatterAdd(x.shape(), ix, rows);
            int[] d = shape.dims();
            long rowLen = StridePack.prod(d, 1, d.length);
            CudaTensor out = allocate(shape, x.dtype());
            long n = out.shape().size();
            produce(out, () -> {
                if (n == 0) {
                    return;
                }
                if (ix.length == 0) {
                    driver.zero(out.pointer(), out.buffer().bytes());
                    return;
                }
                DeviceBuffer groups = groups(idx.buffer(), ix, rows);
                long start = groups.pointer();
                long order = start + 4L * (rows + 1);
                Kernel k = x.dtype() == DType.FLOAT64 ? Kernel.SCATTER_ADD_F64 : Kernel.SCATTER_ADD_F32;
                launch(k, n, a -> a.pointer(x.pointer()).pointer(start).pointer(order).pointer(out.pointer()).i64(rows).i64(rowLen));
            });
            return out;
        });
    }

    // ------------------------------------------------------------------ fused kernels

    @Override
    public Tensor radialBasis(Tensor r, RadialBasis basis, int derivative) {
        Objects.requireNonNull(basis, "basis");
        return guarded(() -> {
            CudaTensor x = floating(r, "radialBasis");
            Shape shape = OpShapes.radialBasis(x.shape(), basis, derivative);
            int edges = shape.dim(0);
            CudaTensor out = allocate(shape, x.dtype());
            long n = out.shape().size();
            long[] params = RadialParams.pack(basis, derivative);
            Kernel k = x.dtype() == DType.FLOAT64 ? Kernel.RADIAL_F64 : Kernel.RADIAL_F32;
            produce(out, () -> launchIf(k, n, a -> a.pointer(x.pointer()).pointer(out.pointer()).i64(edges).struct(params)));
            return out;
        });
    }

    @Override
    public Tensor sparsePolynomial(Tensor x, SparsePolynomial polynomial) {
        Objects.requireNonNull(polynomial, "polynomial");
        return guarded(() -> {
            CudaTensor pts = floating(x, "sparsePolynomial");
            Shape shape = OpShapes.sparsePolynomial(pts.shape(), polynomial);
            int points = shape.dim(0);
            PolynomialPlan plan = new PolynomialPlan(polynomial);
            CudaTensor out = allocate(shape, pts.dtype());
            long n = out.shape().size();
            produce(out, () -> {
                if (n == 0) {
                    return;
                }
                DeviceBuffer device = uploadBytes(plan.packed());
                try {
                    long base = device.pointer();
                    Kernel k = pts.dtype() == DType.FLOAT64 ? Kernel.POLY_F64 : Kernel.POLY_F32;
                    launch(k, n, a -> a.pointer(pts.pointer()).pointer(out.pointer()).i64(points).i64(plan.variables())
                        .i64(plan.outputs()).pointer(base).pointer(base + plan.termStartOffset())
                        .pointer(base + plan.factorStartOffset()).pointer(base + plan.factorVarOffset())
                        .pointer(base + plan.factorExpOffset()));
                } finally {
                    discard(device);
                }
            });
            return out;
        });
    }

    // ------------------------------------------------------------------ plumbing: locking, validation

    /**
     * Runs an operation under the read lock with the context current, after checking the backend
     * is open; afterwards drops the references the operation took on its operands' buffers (so a
     * tensor closed by another thread meanwhile is freed only now, when no kernel reads it).
     */
    private <T> T guarded(Supplier<T> body) {
        lock.readLock().lock();
        List<DeviceBuffer> pins = pinned.get();
        int mark = pins.size();
        try {
            if (closed) {
                throw new IllegalStateException("the cuda backend is closed");
            }
            driver.setCurrent(context);
            return body.get();
        } finally {
            try {
                while (pins.size() > mark) {
                    discard(pins.remove(pins.size() - 1));
                }
            } finally {
                lock.readLock().unlock();
            }
        }
    }

    /** An open operand of this backend. */
    private CudaTensor operand(Tensor t, String what) {
        Objects.requireNonNull(t, () -> what + ": operand is null");
        if (!(t instanceof CudaTensor c) || c.owner() != this) {
            throw new IllegalArgumentException(what + ": operand " + t.shape() + " " + t.dtype()
                + " belongs to another backend (" + t.ops() + "), not to " + this);
        }
        if (c.closed() || !c.buffer().tryRetain()) {
            throw new IllegalStateException(what + ": operand " + c.shape() + " " + c.dtype() + " is closed");
        }
        pinned.get().add(c.buffer());
        return c;
    }

    private CudaTensor floating(Tensor t, String what) {
        CudaTensor c = operand(t, what);
        if (!c.dtype().floating()) {
            throw new IllegalArgumentException(what + " needs a floating-point tensor, got " + c.dtype() + " " + c.shape());
        }
        return c;
    }

    private CudaTensor index(Tensor t, String what) {
        CudaTensor c = operand(t, what);
        if (c.dtype() != DType.INT32 || c.shape().rank() != 1) {
            throw new IllegalArgumentException(what + " needs a rank-1 INT32 index, got " + c.dtype() + " " + c.shape());
        }
        return c;
    }

    private static void sameDtype(String what, CudaTensor a, CudaTensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(what + ": operand dtypes differ: " + a.dtype() + " and " + b.dtype());
        }
    }

    // ------------------------------------------------------------------ plumbing: memory

    private static int elementBytes(DType dtype) {
        return dtype == DType.FLOAT64 ? 8 : 4;
    }

    /** A new tensor with fresh (uninitialised) device memory. */
    private CudaTensor allocate(Shape shape, DType dtype) {
        return tensor(shape, dtype, allocateBuffer(shape.size() * elementBytes(dtype)));
    }

    /** A tensor owning one reference of {@code buffer}. */
    private CudaTensor tensor(Shape shape, DType dtype, DeviceBuffer buffer) {
        openTensors.incrementAndGet();
        return new CudaTensor(this, shape, dtype, buffer);
    }

    /** A new tensor viewing the memory of {@code x} with another shape. */
    private CudaTensor view(CudaTensor x, Shape shape) {
        x.buffer().retain();
        return tensor(shape, x.dtype(), x.buffer());
    }

    private DeviceBuffer allocateBuffer(long bytes) {
        if (bytes == 0) {
            return new DeviceBuffer(0, 0);
        }
        DeviceBuffer b = new DeviceBuffer(driver.alloc(bytes), bytes);
        buffers.add(b);
        allocated.addAndGet(bytes);
        return b;
    }

    /** Frees a buffer (and the index groups cached with it) exactly once. */
    private void free(DeviceBuffer b) {
        if (!b.markFreed()) {
            return;
        }
        for (DeviceBuffer g : b.groups().values()) {
            free(g);
        }
        if (b.bytes() > 0) {
            buffers.remove(b);
            allocated.addAndGet(-b.bytes());
            driver.free(b.pointer());
        }
    }

    /**
     * Drops a temporary buffer no tensor views, after the device has finished the kernels
     * already launched on it.
     */
    private void discard(DeviceBuffer b) {
        if (b.release()) {
            try {
                driver.synchronize();
            } finally {
                free(b);
            }
        }
    }

    /**
     * Runs {@code fill} to compute {@code out} and waits for the device to finish it, closing
     * out when either fails.
     */
    private void produce(CudaTensor out, Runnable fill) {
        try {
            fill.run();
            driver.synchronize();
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Waits for the kernels that computed {@code t}; closes it and rethrows when they failed. */
    private CudaTensor completed(CudaTensor t) {
        produce(t, () -> { });
        return t;
    }

    private void upload(CudaTensor out, MemorySegment host) {
        long bytes = out.buffer().bytes();
        if (bytes > 0) {
            driver.copyToDevice(out.pointer(), host, bytes);
        }
    }

    private DeviceBuffer uploadBytes(byte[] data) {
        DeviceBuffer b = allocateBuffer(data.length);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate(Math.max(data.length, 1), 8);
            MemorySegment.copy(data, 0, host, ValueLayout.JAVA_BYTE, 0, data.length);
            if (data.length > 0) {
                driver.copyToDevice(b.pointer(), host, data.length);
            }
        } catch (RuntimeException e) {
            discard(b);
            throw e;
        }
        return b;
    }

    private MemorySegment download(CudaTensor x, Arena a) {
        long bytes = x.buffer().bytes();
        MemorySegment host = a.allocate(Math.max(bytes, 1), 8);
        if (bytes > 0) {
            driver.copyToHost(host, x.pointer(), bytes);
        }
        return host;
    }

    /** The indices of an INT32 tensor: the cached host copy, else downloaded once and cached. */
    private int[] ints(CudaTensor x) {
        int[] v = x.buffer().hostInts();
        if (v == null) {
            int n = x.shape().intSize();
            try (Arena a = Arena.ofConfined()) {
                v = download(x, a).asSlice(0, 4L * n).toArray(JAVA_INT);
            }
            x.buffer().hostInts(v);
        }
        return v;
    }

    /** The uploaded {@link IndexGroups} of an index buffer for {@code rows} target rows. */
    private DeviceBuffer groups(DeviceBuffer index, int[] ix, int rows) {
        return index.groups().computeIfAbsent(rows, r -> {
            int[] packed = IndexGroups.of(ix, r).packed();
            byte[] bytes = new byte[packed.length * 4];
            java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(packed);
            return uploadBytes(bytes);
        });
    }

    // ------------------------------------------------------------------ plumbing: kernels

    private void launch(Kernel k, long items, Consumer<KernelArgs> args) {
        LaunchGeometry g = LaunchGeometry.of(items, device.multiprocessors());
        try (KernelArgs a = new KernelArgs()) {
            args.accept(a);
            driver.launch(module.function(k), g, a.array(), k.symbol());
        }
    }

    private void launchIf(Kernel k, long items, Consumer<KernelArgs> args) {
        if (items > 0) {
            launch(k, items, args);
        }
    }

    /** dst[dstOff + b(i)] = src[srcOff + a(i)] over {@code dims}, by element size. */
    private void copy(CudaTensor src, long srcOff, CudaTensor dst, long dstOff, int[] dims, long[] a, long[] b) {
        long n = StridePack.prod(dims, 0, dims.length);
        if (n == 0) {
            return;
        }
        long[] strides = StridePack.pack(dims, a, b);
        Kernel k = src.dtype() == DType.FLOAT64 ? Kernel.COPY_B64 : Kernel.COPY_B32;
        launch(k, n, args -> args.pointer(src.pointer()).i64(srcOff).pointer(dst.pointer()).i64(dstOff).i64(n).struct(strides));
    }

    /**
     * A new buffer with the sum over the middle axis of {@code in} viewed as [outer, n, inner]:
     * one thread per output, or two passes (chunks of {@link #SUM_CHUNK}, then the chunks) when
     * there are too few outputs to occupy the device and the axis is long.
     */
    private DeviceBuffer sumAxis(DeviceBuffer in, DType dtype, long outer, long n, long inner) {
        long outputs = outer * inner;
        DeviceBuffer out = allocateBuffer(outputs * elementBytes(dtype));
        try {
            if (outputs == 0) {
                return out;
            }
            if (n == 0) {
                driver.zero(out.pointer(), out.bytes());
                return out;
            }
            Kernel axisKernel = dtype == DType.FLOAT64 ? Kernel.SUM_AXIS_F64 : Kernel.SUM_AXIS_F32;
            long busy = (long) device.multiprocessors() * LaunchGeometry.BLOCK * 4;
            if (n > 2 * SUM_CHUNK && outputs < busy) {
                long chunks = (n + SUM_CHUNK - 1) / SUM_CHUNK;
                DeviceBuffer partial = allocateBuffer(outer * chunks * inner * elementBytes(dtype));
                try {
                    Kernel chunkKernel = dtype == DType.FLOAT64 ? Kernel.SUM_CHUNKS_F64 : Kernel.SUM_CHUNKS_F32;
                    launch(chunkKernel, outer * chunks * inner, a -> a.pointer(in.pointer()).pointer(partial.pointer()).i64(outer)
                        .i64(n).i64(inner).i64(SUM_CHUNK).i64(chunks));
                    launch(axisKernel, outputs, a -> a.pointer(partial.pointer()).pointer(out.pointer()).i64(outer).i64(chunks).i64(inner));
                } finally {
                    discard(partial);
                }
                return out;
            }
            launch(axisKernel, outputs, a -> a.pointer(in.pointer()).pointer(out.pointer()).i64(outer).i64(n).i64(inner));
            return out;
        } catch (RuntimeException e) {
            discard(out);
            throw e;
        }
    }
}
