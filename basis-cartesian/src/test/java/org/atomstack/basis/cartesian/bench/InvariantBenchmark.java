package org.atomstack.basis.cartesian.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.backend.cpu.internal.CpuBackendProvider;
import org.atomstack.basis.cartesian.toolkit.CartesianChannelInvariants;
import org.atomstack.basis.cartesian.toolkit.InvariantSet;
import org.atomstack.basis.cartesian.toolkit.IrreducibleTensors;

/**
 * Hand-run benchmark (not a test): throughput of invariant evaluation per atom and channel,
 * i.e. per coefficient vector of one channel environment, for the compiled sparse polynomials
 * against direct contraction of full Cartesian arrays. Run with the test class path:
 * <pre>
 *   java -cp basis-cartesian/target/classes:basis-cartesian/target/test-classes:api/target/classes:backend-cpu/target/classes \
 *     org.atomstack.basis.cartesian.bench.InvariantBenchmark [sets...]
 * </pre>
 * Each figure is the best of five timed repetitions after warm-up.
 */
public final class InvariantBenchmark {
    private InvariantBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args names of built-in sets (default: flexible-l3-n4 norms-l3)
     */
    public static void main(String[] args) {
        String[] sets = args.length > 0 ? args : new String[] {InvariantSet.FLEXIBLE, "norms-l3"};
        System.out.println("java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " processors");
        for (String name : sets) {
            run(InvariantSet.builtin(name), name);
        }
        layer();
    }

    private interface Body {
        double run();
    }

    /** Best time per call over 5 repetitions of {@code reps} calls, in ns. */
    private static double time(Body body, int reps) {
        double sink = 0;
        for (int w = 0; w < 3; w++) {
            for (int i = 0; i < reps; i++) {
                sink += body.run();
            }
        }
        double best = Double.MAX_VALUE;
        for (int t = 0; t < 5; t++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                sink += body.run();
            }
            best = Math.min(best, (System.nanoTime() - t0) / (double) reps);
        }
        if (sink == 42.4242) {
            System.out.println("unlikely");
        }
        return best;
    }

    private static void run(InvariantSet set, String name) {
        int n = 4096;
        int p = set.variables();
        int k = set.size();
        SplittableRandom rng = new SplittableRandom(1);
        double[] x = new double[n * p];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        double[] values = new double[n * k];
        double[] jac = new double[k * p];
        IrreducibleTensors t = set.tensors();
        double[][][] arrays = new double[n][set.lmax() + 1][];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l <= set.lmax(); l++) {
                arrays[i][l] = t.toArray(l, x, i * p + IrreducibleTensors.offset(l));
            }
        }
        double compiled = time(() -> {
            for (int i = 0; i < n; i++) {
                set.evaluate(x, i * p, values, i * k);
            }
            return values[0];
        }, 20) / n;
        double compiledJac = time(() -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                set.evaluate(x, i * p, values, i * k, jac, 0);
                s += jac[0];
            }
            return s;
        }, 10) / n;
        double contractArrays = time(() -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += set.contractArrays(arrays[i])[0];
            }
            return s;
        }, 3) / n;
        double contractCoefficients = time(() -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += set.contract(x, i * p)[0];
            }
            return s;
        }, 3) / n;
        double kernel;
        try (Backend cpu = new CpuBackendProvider().open(); Tensor xt = cpu.fromDoubles(x, DType.FLOAT64, Shape.of(n, p))) {
            kernel = time(() -> {
                try (Tensor out = cpu.sparsePolynomial(xt, set.polynomial())) {
                    return out.shape().dim(0);
                }
            }, 20) / n;
        }
        System.out.printf(Locale.ROOT, "%n%s: K = %d invariants, P = %d coefficients, %d polynomial terms%n", name, k, p, set.polynomial().terms());
        System.out.printf(Locale.ROOT, "  compiled polynomial, host (values)            %9.1f ns per atom·channel  (%.2f M/s)%n", compiled, 1e3 / compiled);
        System.out.printf(Locale.ROOT, "  compiled polynomial, host (values + Jacobian) %9.1f ns per atom·channel  (%.2f M/s)%n", compiledJac, 1e3 / compiledJac);
        System.out.printf(Locale.ROOT, "  compiled polynomial, CPU backend kernel       %9.1f ns per atom·channel  (%.2f M/s)%n", kernel, 1e3 / kernel);
        System.out.printf(Locale.ROOT, "  direct contraction of full arrays             %9.1f ns per atom·channel  (%.3f M/s)%n", contractArrays, 1e3 / contractArrays);
        System.out.printf(Locale.ROOT, "  direct contraction incl. coefficients→arrays  %9.1f ns per atom·channel  (%.3f M/s)%n", contractCoefficients, 1e3 / contractCoefficients);
        System.out.printf(Locale.ROOT, "  speed-up compiled/direct (values)             %9.1f×%n", contractArrays / compiled);
    }

    /** The whole autodiff layer forward on the CPU backend: 1000 atoms, 24 edges each, 16 channels. */
    private static void layer() {
        int atoms = 1000;
        int per = 24;
        int channels = 16;
        int edges = atoms * per;
        SplittableRandom rng = new SplittableRandom(2);
        double[] v = new double[3 * edges];
        double[] w = new double[edges * channels];
        int[] centres = new int[edges];
        for (int e = 0; e < edges; e++) {
            centres[e] = e / per;
            for (int c = 0; c < 3; c++) {
                v[3 * e + c] = rng.nextDouble(-3, 3);
            }
            for (int a = 0; a < channels; a++) {
                w[e * channels + a] = rng.nextDouble(-1, 1);
            }
        }
        CartesianChannelInvariants inv = CartesianChannelInvariants.flexible();
        try (Backend cpu = new CpuBackendProvider().open()) {
            double forward = time(() -> {
                try (Graph g = new Graph(cpu)) {
                    Var out = inv.apply(g, g.constant(w, DType.FLOAT64, edges, channels), g.constant(v, DType.FLOAT64, edges, 3),
                        g.indices(centres, edges), atoms);
                    return out.shape().dim(0);
                }
            }, 3);
            double backward = time(() -> {
                try (Graph g = new Graph(cpu)) {
                    Var wv = g.variable(cpu.fromDoubles(w, DType.FLOAT64, Shape.of(edges, channels)));
                    Var vv = g.variable(cpu.fromDoubles(v, DType.FLOAT64, Shape.of(edges, 3)));
                    Var out = inv.apply(g, wv, vv, g.indices(centres, edges), atoms);
                    var grads = g.grad(g.sumAll(out), java.util.List.of(wv, vv), false);
                    double s = grads.get(0).shape().dim(0);
                    wv.value().close();
                    vv.value().close();
                    return s;
                }
            }, 3);
            double host = time(() -> inv.evaluate(w, v, channels, centres, atoms)[0], 3);
            System.out.printf(Locale.ROOT, "%nchannel layer (flexible set), %d atoms × %d edges × %d channels:%n", atoms, per, channels);
            System.out.printf(Locale.ROOT, "  autodiff forward, CPU backend     %8.2f ms  (%.1f ns per atom·channel)%n", forward / 1e6, forward / (atoms * channels));
            System.out.printf(Locale.ROOT, "  autodiff forward + backward       %8.2f ms%n", backward / 1e6);
            System.out.printf(Locale.ROOT, "  host reference forward            %8.2f ms  (%.1f ns per atom·channel)%n", host / 1e6, host / (atoms * channels));
        }
    }
}
