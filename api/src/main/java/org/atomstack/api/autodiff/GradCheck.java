package org.atomstack.api.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;

/**
 * Checks autodiff gradients against central finite differences computed in float64.
 *
 * <p>The function under test maps input vars to an output of any shape; it is reduced to the
 * scalar L = Σ w ⊙ f(x) with fixed random weights w (seeded), so every output element is
 * checked. {@link #firstOrder} compares ∂L/∂x; {@link #secondOrder} compares the gradient of
 * G = Σ_i ⟨v_i, ∂L/∂x_i⟩ (random v, computed with create-graph) against finite differences of
 * the float64 first-order gradient, which exercises gradient-of-gradient for every op used.
 * Analytic derivatives are evaluated in the requested dtype; finite differences always in
 * float64 on the same backend.
 */
public final class GradCheck {
    /** Default step for central differences. */
    public static final double DEFAULT_STEP = 1e-6;

    private final TensorOps ops;
    private final BiFunction<Graph, List<Var>, Var> function;
    private final List<double[]> inputs;
    private final List<Shape> shapes;
    private final long seed;
    private double step = DEFAULT_STEP;

    /**
     * The worst disagreement found.
     *
     * @param maxError largest |analytic − numeric| / (1 + |numeric|)
     * @param where    which input element it was at, and both values
     */
    public record Result(double maxError, String where) {
        /**
         * Throws {@link AssertionError} when the error exceeds {@code tolerance}.
         *
         * @return this, for chaining
         */
        public Result assertWithin(double tolerance) {
            if (!(maxError <= tolerance)) {
                throw new AssertionError(String.format(Locale.ROOT, "gradient check failed: error %.3e > %.1e at %s", maxError, tolerance, where));
            }
            return this;
        }
    }

    /**
     * @param ops      the backend
     * @param function builds the output from the input vars (in the given graph)
     * @param inputs   input values (host data)
     * @param shapes   input shapes
     * @param seed     seed of the random weights
     */
    public GradCheck(TensorOps ops, BiFunction<Graph, List<Var>, Var> function, List<double[]> inputs, List<Shape> shapes, long seed) {
        if (inputs.size() != shapes.size()) {
            throw new IllegalArgumentException(inputs.size() + " inputs but " + shapes.size() + " shapes");
        }
        this.ops = ops;
        this.function = function;
        this.inputs = inputs;
        this.shapes = shapes;
        this.seed = seed;
    }

    /** Sets the finite-difference step (default 1e-6). */
    public GradCheck step(double h) {
        this.step = h;
        return this;
    }

    /** Compares first derivatives, analytic ones in {@code dtype}. */
    public Result firstOrder(DType dtype) {
        double[][] analytic = gradients(inputs, dtype, false);
        Result worst = new Result(0, "nowhere");
        for (int i = 0; i < inputs.size(); i++) {
            for (int k = 0; k < inputs.get(i).length; k++) {
                double numeric = (loss(perturb(i, k, step)) - loss(perturb(i, k, -step))) / (2 * step);
                worst = worse(worst, analytic[i][k], numeric, i, k);
            }
        }
        return worst;
    }

    /** Compares second derivatives (gradient of a gradient), analytic ones in {@code dtype}. */
    public Result secondOrder(DType dtype) {
        double[][] analytic = gradients(inputs, dtype, true);
        Result worst = new Result(0, "nowhere");
        double[][] v = directions();
        for (int i = 0; i < inputs.size(); i++) {
            for (int k = 0; k < inputs.get(i).length; k++) {
                double gp = dot(gradients(perturb(i, k, step), DType.FLOAT64, false), v);
                double gm = dot(gradients(perturb(i, k, -step), DType.FLOAT64, false), v);
                worst = worse(worst, analytic[i][k], (gp - gm) / (2 * step), i, k);
            }
        }
        return worst;
    }

    private static Result worse(Result worst, double analytic, double numeric, int input, int element) {
        double err = Math.abs(analytic - numeric) / (1 + Math.abs(numeric));
        if (Double.isNaN(err) || err > worst.maxError()) {
            return new Result(Double.isNaN(err) ? Double.POSITIVE_INFINITY : err,
                String.format(Locale.ROOT, "input %d element %d: analytic %.10g, numeric %.10g", input, element, analytic, numeric));
        }
        return worst;
    }

    private static double dot(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                s += a[i][k] * b[i][k];
            }
        }
        return s;
    }

    private List<double[]> perturb(int input, int element, double h) {
        List<double[]> out = new ArrayList<>(inputs);
        double[] x = inputs.get(input).clone();
        x[element] += h;
        out.set(input, x);
        return out;
    }

    private double[] weights(Shape shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[shape.intSize()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextDouble(-1, 1);
        }
        return w;
    }

    private double[][] directions() {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double[][] v = new double[inputs.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = new double[inputs.get(i).length];
            for (int k = 0; k < v[i].length; k++) {
                v[i][k] = rng.nextDouble(-1, 1);
            }
        }
        return v;
    }

    private Var scalarLoss(Graph g, List<Var> xs, DType dtype) {
        Var y = function.apply(g, xs);
        Var w = g.constant(weights(y.shape()), dtype, y.shape().dims());
        return g.sumAll(g.mul(y, w));
    }

    private double loss(List<double[]> x) {
        try (Graph g = new Graph(ops); Tensors t = new Tensors(ops, x, shapes, DType.FLOAT64)) {
            List<Var> xs = new ArrayList<>();
            for (Tensor tensor : t.list) {
                xs.add(g.constant(tensor));
            }
            return scalarLoss(g, xs, DType.FLOAT64).item();
        }
    }

    private double[][] gradients(List<double[]> x, DType dtype, boolean second) {
        try (Graph g = new Graph(ops); Tensors t = new Tensors(ops, x, shapes, dtype)) {
            List<Var> xs = new ArrayList<>();
            for (Tensor tensor : t.list) {
                xs.add(g.variable(tensor));
            }
            Var loss = scalarLoss(g, xs, dtype);
            List<Var> grads = g.grad(loss, xs, second);
            if (second) {
                double[][] v = directions();
                Var h = null;
                for (int i = 0; i < xs.size(); i++) {
                    Var term = g.sumAll(g.mul(grads.get(i), g.constant(v[i], dtype, shapes.get(i).dims())));
                    h = h == null ? term : g.add(h, term);
                }
                grads = g.grad(h, xs, false);
            }
            double[][] out = new double[xs.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = grads.get(i).toDoubles();
            }
            return out;
        }
    }

    /** Input tensors created for one evaluation and closed after it. */
    private static final class Tensors implements AutoCloseable {
        final List<Tensor> list = new ArrayList<>();

        Tensors(TensorOps ops, List<double[]> x, List<Shape> shapes, DType dtype) {
            for (int i = 0; i < x.size(); i++) {
                list.add(ops.fromDoubles(x.get(i), dtype, shapes.get(i)));
            }
        }

        @Override
        public void close() {
            for (Tensor t : list) {
                t.close();
            }
        }
    }
}
