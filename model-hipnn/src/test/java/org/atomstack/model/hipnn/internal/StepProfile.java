package org.atomstack.model.hipnn.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.tensor.BinaryOp;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.SparsePolynomial;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;
import org.atomstack.api.tensor.UnaryOp;
import org.atomstack.api.train.AtomBatch;
import org.atomstack.api.train.BatchTensors;
import org.atomstack.api.train.Loss;
import org.atomstack.api.train.LossWeights;
import org.atomstack.api.train.ParameterSet;

/**
 * Hand-run profile of one training step (loss with forces, then the parameter gradient) per
 * variant, on a batch of distorted bcc cells: time per backend operation and operand shapes.
 * Not a test. Run from the repository root after {@code mvn -o -pl model-hipnn -am test-compile}:
 *
 * <pre>
 * java -cp model-hipnn/target/classes:model-hipnn/target/test-classes:api/target/classes:\
 *   basis-cartesian/target/classes:backend-cpu/target/classes \
 *   org.atomstack.model.hipnn.internal.StepProfile [variant] [batch structures] [reps] [width] [nu]
 * </pre>
 */
public final class StepProfile {
    private StepProfile() {
    }

    /**
     * Entry point.
     *
     * @param args optional: variant id, structures per batch, bcc repetitions, width, sensitivities
     */
    public static void main(String[] args) {
        String variant = args.length > 0 ? args[0] : "hipnn";
        int structures = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int width = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int nu = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        String dtype = args.length > 5 ? args[5] : "float64";
        try (Backend cpu = Fixtures.cpu()) {
            Timing ops = new Timing(cpu);
            HipnnSettings s = HipnnSettings.parse(Fixtures.parameters("variant", variant, "width", width, "sensitivities", nu,
                "lower_cutoff", 1.8, "cutoff", 5.0, "dtype", dtype));
            Dataset data = Fixtures.bccSet(7, structures, reps, 42);
            HipnnNetwork net = new HipnnNetwork(s, new int[] {42}, new double[] {-10}, 28);
            Loss loss = new Loss(net, new LossWeights(100, 1, 0));
            ParameterSet p0 = net.initialParameters(1);
            AtomBatch batch = AtomBatch.of(data.structures(), 5.0);
            System.out.printf(Locale.ROOT, "%s: %d atoms, %d edges, %d parameters%n", variant, batch.atomCount(), batch.edgeCount(),
                p0.count());
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 8; rep++) {
                ops.reset();
                long t0 = System.nanoTime();
                DType dt = s.dtype();
                List<Tensor> params = p0.upload(ops, dt);
                try (BatchTensors bt = batch.upload(ops, dt, net.species()); Graph g = new Graph(ops)) {
                    List<Var> vars = new ArrayList<>();
                    for (Tensor t : params) {
                        vars.add(g.variable(t));
                    }
                    long tf = System.nanoTime();
                    Var l = loss.evaluate(g, vars, bt).loss();
                    long tb = System.nanoTime();
                    g.grad(l, vars, false);
                    long te = System.nanoTime();
                    best = Math.min(best, te - t0);
                    System.out.printf(Locale.ROOT, "step %d: loss+forces %.0f ms, parameter gradient %.0f ms, total %.0f ms; "
                        + "%d tensors%n", rep, (tb - tf) / 1e6, (te - tb) / 1e6, (te - t0) / 1e6, g.ownedTensors());
                } finally {
                    params.forEach(Tensor::close);
                }
            }
            System.out.printf(Locale.ROOT, "best step %.0f ms%n", best / 1e6);
            ops.report();
        }
    }

    /** Times every operation of a delegate, keyed by operation and shapes. */
    private static final class Timing implements TensorOps {
        private final TensorOps d;
        private final Map<String, long[]> times = new HashMap<>();

        Timing(TensorOps d) {
            this.d = d;
        }

        void reset() {
            times.clear();
        }

        void report() {
            long total = times.values().stream().mapToLong(v -> v[0]).sum();
            System.out.printf(Locale.ROOT, "total op time %.0f ms%n", total / 1e6);
            times.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(Integer.getInteger("profile.rows", 40))
                .forEach(e -> System.out.printf(Locale.ROOT, "%8.1f ms %5d× %s%n", e.getValue()[0] / 1e6, e.getValue()[1], e.getKey()));
        }

        private <T> T time(String key, java.util.function.Supplier<T> f) {
            long t = System.nanoTime();
            T out = f.get();
            long[] v = times.computeIfAbsent(key, k -> new long[2]);
            v[0] += System.nanoTime() - t;
            v[1]++;
            return out;
        }

        @Override
        public Set<DType> dtypes() {
            return d.dtypes();
        }

        @Override
        public Tensor fromDoubles(double[] data, DType dtype, Shape shape) {
            return time("fromDoubles", () -> d.fromDoubles(data, dtype, shape));
        }

        @Override
        public Tensor fromInts(int[] data, Shape shape) {
            return d.fromInts(data, shape);
        }

        @Override
        public Tensor full(Shape shape, DType dtype, double value) {
            return time("full " + shape, () -> d.full(shape, dtype, value));
        }

        @Override
        public double[] toDoubles(Tensor t) {
            return d.toDoubles(t);
        }

        @Override
        public int[] toInts(Tensor t) {
            return d.toInts(t);
        }

        @Override
        public Tensor cast(Tensor t, DType dtype) {
            return d.cast(t, dtype);
        }

        @Override
        public Tensor reshape(Tensor t, Shape shape) {
            return time("reshape", () -> d.reshape(t, shape));
        }

        @Override
        public Tensor transpose(Tensor t, int... perm) {
            return time("transpose " + t.shape(), () -> d.transpose(t, perm));
        }

        @Override
        public Tensor slice(Tensor t, int axis, int from, int to) {
            return time("slice " + t.shape(), () -> d.slice(t, axis, from, to));
        }

        @Override
        public Tensor concat(List<Tensor> parts, int axis) {
            return time("concat", () -> d.concat(parts, axis));
        }

        @Override
        public Tensor broadcastTo(Tensor t, Shape shape) {
            return time("broadcastTo " + t.shape() + "->" + shape, () -> d.broadcastTo(t, shape));
        }

        @Override
        public Tensor sumTo(Tensor t, Shape shape) {
            return time("sumTo " + t.shape() + "->" + shape, () -> d.sumTo(t, shape));
        }

        @Override
        public Tensor unary(UnaryOp op, Tensor x) {
            return time(op + " " + x.shape(), () -> d.unary(op, x));
        }

        @Override
        public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
            return time(op + " " + a.shape() + " " + b.shape(), () -> d.binary(op, a, b));
        }

        @Override
        public Tensor sum(Tensor t, int axis, boolean keepDims) {
            return time("sum " + t.shape() + " axis " + axis, () -> d.sum(t, axis, keepDims));
        }

        @Override
        public Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
            return time("matmul " + a.shape() + (transA ? "T" : "") + " " + b.shape() + (transB ? "T" : ""),
                () -> d.matmul(a, b, transA, transB));
        }

        @Override
        public Tensor gather(Tensor x, Tensor index) {
            return time("gather " + x.shape() + " -> " + index.shape(), () -> d.gather(x, index));
        }

        @Override
        public Tensor scatterAdd(Tensor src, Tensor index, int rows) {
            return time("scatterAdd " + src.shape() + " -> " + rows, () -> d.scatterAdd(src, index, rows));
        }

        @Override
        public Tensor radialBasis(Tensor r, RadialBasis basis, int derivative) {
            return time("radialBasis d" + derivative, () -> d.radialBasis(r, basis, derivative));
        }

        @Override
        public Tensor sparsePolynomial(Tensor x, SparsePolynomial polynomial) {
            return time("sparsePolynomial " + x.shape() + " K=" + polynomial.outputs() + " terms=" + polynomial.terms(),
                () -> d.sparsePolynomial(x, polynomial));
        }
    }
}
