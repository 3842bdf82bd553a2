package org.atomstack.api.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, <i>Numerical Optimization</i>, Alg. 7.4/7.5) for
 * full-batch training. The parameters are flattened into one host vector x (float64); the
 * search direction d = −H g comes from the two-loop recursion over the last {@code history}
 * pairs (s, y) with H₀ = (sᵀy / yᵀy) I; a pair is kept only if sᵀy &gt; 1e-10. A line search
 * along d chooses the step: {@link LineSearch#STRONG_WOLFE} (bracketing and cubic-interpolation
 * zoom, c₁ = 1e-4, c₂ = 0.9, Alg. 3.5/3.6) or {@link LineSearch#ARMIJO} (backtracking by halves
 * until f(x + t d) ≤ f(x) + c₁ t gᵀd). The first trial step is the learning rate, scaled on the
 * very first iteration by min(1, 1/‖g‖₁) as in PyTorch. A direction that is not a descent
 * direction resets the history.
 *
 * <p>Converged (then {@link #converged()} stays true and steps return the parameters unchanged)
 * when ‖g‖_∞ ≤ gradient tolerance, when an iteration changes the loss by at most loss
 * tolerance · max(1, |f|), or when the line search finds no decrease along the steepest-descent
 * direction. Each {@link #step} runs up to {@code maxIterations} iterations; a step on the same
 * objective instance that starts where the previous step ended reuses that point's loss and
 * gradient instead of evaluating it again. Parameters are
 * uploaded in their own dtype for every evaluation, so float32 works but converges less tightly.
 * The state holds the history pairs and counters; not thread-safe.
 */
public final class Lbfgs implements Optimizer {
    /** Line-search methods. */
    public enum LineSearch {
        /** Strong Wolfe conditions (sufficient decrease and curvature), the standard choice. */
        STRONG_WOLFE,
        /** Backtracking until the Armijo sufficient-decrease condition holds. */
        ARMIJO
    }

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_EVALUATIONS = 25;

    private final int history;
    private final int maxIterations;
    private final LineSearch lineSearch;
    private final double gradientTolerance;
    private final double lossTolerance;
    private final Deque<double[][]> pairs = new ArrayDeque<>(); // {s, y}, oldest first
    private long iterations;
    private boolean converged;
    private Objective lastObjective; // the last step's objective, where it ended, its loss and gradient there (not state)
    private double[] lastX;
    private double lastF;
    private double[] lastG;

    /** History 10, 20 iterations per step, strong Wolfe, gradient tolerance 1e-7, loss tolerance 1e-12. */
    public Lbfgs() {
        this(10, 20, LineSearch.STRONG_WOLFE, 1e-7, 1e-12);
    }

    /**
     * L-BFGS with explicit settings.
     *
     * @param history           number m of (s, y) pairs kept, ≥ 1
     * @param maxIterations     iterations per {@link #step} call, ≥ 1
     * @param lineSearch        the line search
     * @param gradientTolerance converged when ‖g‖_∞ is at most this (≥ 0)
     * @param lossTolerance     converged when an iteration changes f by at most this · max(1, |f|) (≥ 0)
     * @throws IllegalArgumentException quoting a bad value
     */
    public Lbfgs(int history, int maxIterations, LineSearch lineSearch, double gradientTolerance, double lossTolerance) {
        if (history < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("L-BFGS needs history >= 1 and maxIterations >= 1, got " + history + " and " + maxIterations);
        }
        if (!(gradientTolerance >= 0) || !(lossTolerance >= 0)) {
            throw new IllegalArgumentException("L-BFGS tolerances must be >= 0, got " + gradientTolerance + " and " + lossTolerance);
        }
        this.history = history;
        this.maxIterations = maxIterations;
        this.lineSearch = Objects.requireNonNull(lineSearch, "lineSearch");
        this.gradientTolerance = gradientTolerance;
        this.lossTolerance = lossTolerance;
    }

    @Override
    public boolean fullBatch() {
        return true;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    /** Total iterations (accepted line searches) so far. */
    public long iterations() {
        return iterations;
    }

    /** A function value and gradient on the host. */
    private record Point(double t, double f, double[] g, double gtd) {
    }

    /** Evaluates the objective at host vectors, uploading them in the parameters' layout. */
    private static final class HostObjective {
        final Objective objective;
        final TensorOps ops;
        final DType dtype;
        final List<Shape> shapes;
        int evaluations;

        HostObjective(Objective objective, List<Tensor> like) {
            this.objective = objective;
            this.ops = like.get(0).ops();
            this.dtype = like.get(0).dtype();
            this.shapes = like.stream().map(Tensor::shape).toList();
        }

        List<Tensor> upload(double[] x) {
            List<Tensor> out = new ArrayList<>(shapes.size());
            int at = 0;
            for (Shape s : shapes) {
                int n = s.intSize();
                out.add(ops.fromDoubles(Arrays.copyOfRange(x, at, at + n), dtype, s));
                at += n;
            }
            return out;
        }

        double evaluate(double[] x, double[] gradOut) {
            List<Tensor> p = upload(x);
            try (Objective.Evaluation ev = objective.evaluate(p)) {
                evaluations++;
                int at = 0;
                for (Tensor g : ev.gradients()) {
                    double[] gv = g.toDoubles();
                    System.arraycopy(gv, 0, gradOut, at, gv.length);
                    at += gv.length;
                }
                return ev.loss();
            } finally {
                p.forEach(Tensor::close);
            }
        }
    }

    @Override
    public Update step(List<Tensor> parameters, Objective objective, double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("L-BFGS needs at least one parameter");
        }
        HostObjective h = new HostObjective(objective, parameters);
        double[] x = flatten(parameters);
        double[] g;
        double f;
        if (objective == lastObjective && Arrays.equals(x, lastX)) {
            f = lastF; // the previous step ended here: its line search already evaluated this point
            g = lastG.clone();
        } else {
            g = new double[x.length];
            f = h.evaluate(x, g);
        }
        double f0 = f;
        for (int it = 0; it < maxIterations && !converged; it++) {
            if (maxAbs(g) <= gradientTolerance) {
                converged = true;
                break;
            }
            double[] d = direction(g);
            double gtd = dot(g, d);
            if (!(gtd < 0)) {
                pairs.clear();
                d = negate(g);
                gtd = -dot(g, g);
            }
            double t = iterations == 0 ? learningRate * Math.min(1, 1 / sumAbs(g)) : learningRate;
            Point p = lineSearch == LineSearch.STRONG_WOLFE ? strongWolfe(h, x, f, g, d, t, gtd) : armijo(h, x, f, d, t, gtd);
            if (p == null) {
                if (pairs.isEmpty()) {
                    converged = true; // no decrease even along −g
                    break;
                }
                pairs.clear(); // retry from steepest descent
                continue;
            }
            double[] s = new double[x.length];
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                s[k] = p.t * d[k];
                y[k] = p.g[k] - g[k];
                x[k] += s[k];
            }
            if (dot(s, y) > 1e-10) {
                pairs.addLast(new double[][] {s, y});
                if (pairs.size() > history) {
                    pairs.removeFirst();
                }
            }
            double change = Math.abs(f - p.f);
            double scale = Math.max(1, Math.max(Math.abs(f), Math.abs(p.f)));
            f = p.f;
            g = p.g;
            iterations++;
            if (change <= lossTolerance * scale) {
                converged = true;
            }
        }
        lastObjective = objective;
        lastX = x.clone();
        lastF = f;
        lastG = g.clone();
        return new Update(f0, h.upload(x), h.evaluations);
    }

    /** d = −H g by the two-loop recursion. */
    private double[] direction(double[] g) {
        double[] q = g.clone();
        int k = pairs.size();
        double[] alpha = new double[k];
        double[] rho = new double[k];
        Iterator<double[][]> newest = pairs.descendingIterator();
        for (int i = k - 1; i >= 0; i--) {
            double[][] sy = newest.next();
            rho[i] = 1 / dot(sy[1], sy[0]);
            alpha[i] = rho[i] * dot(sy[0], q);
            axpy(-alpha[i], sy[1], q);
        }
        if (k > 0) {
            double[][] last = pairs.peekLast();
            double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
            for (int j = 0; j < q.length; j++) {
                q[j] *= gamma;
            }
        }
        Iterator<double[][]> oldest = pairs.iterator();
        for (int i = 0; i < k; i++) {
            double[][] sy = oldest.next();
            double beta = rho[i] * dot(sy[1], q);
            axpy(alpha[i] - beta, sy[0], q);
        }
        return negate(q);
    }

    private static Point evaluateAt(HostObjective h, double[] x, double[] d, double t) {
        double[] xt = x.clone();
        axpy(t, d, xt);
        double[] g = new double[x.length];
        double f = h.evaluate(xt, g);
        return new Point(t, f, g, dot(g, d));
    }

    /** Backtracking by halves; null when no step gives sufficient decrease. */
    private static Point armijo(HostObjective h, double[] x, double f0, double[] d, double t, double gtd0) {
        double step = t;
        for (int k = 0; k < MAX_LINE_EVALUATIONS; k++) {
            Point p = evaluateAt(h, x, d, step);
            if (Double.isFinite(p.f) && p.f <= f0 + C1 * step * gtd0) {
                return p;
            }
            step *= 0.5;
        }
        return null;
    }

    /** Strong-Wolfe line search (Nocedal &amp; Wright Alg. 3.5 with zoom, Alg. 3.6); null when no decrease is found. */
    private static Point strongWolfe(HostObjective h, double[] x, double f0, double[] g0, double[] d, double t, double gtd0) {
        Point start = new Point(0, f0, g0, gtd0);
        Point prev = start;
        Point cur = evaluateAt(h, x, d, t);
        int evals = 1;
        Point lo;
        Point hi;
        while (true) {
            if (!Double.isFinite(cur.f) || cur.f > f0 + C1 * cur.t * gtd0 || (prev != start && cur.f >= prev.f)) {
                lo = prev;
                hi = cur;
                break;
            }
            if (Math.abs(cur.gtd) <= -C2 * gtd0) {
                return cur;
            }
            if (cur.gtd >= 0) {
                lo = cur;
                hi = prev;
                break;
            }
            if (evals >= MAX_LINE_EVALUATIONS) {
                return cur.f < f0 ? cur : null;
            }
            double next = cubicMinimum(prev, cur, cur.t + 0.01 * (cur.t - prev.t), 10 * cur.t);
            prev = cur;
            cur = evaluateAt(h, x, d, next);
            evals++;
        }
        double dmax = maxAbs(d);
        while (evals < MAX_LINE_EVALUATIONS && Math.abs(hi.t - lo.t) * dmax > 1e-12) {
            double a = Math.min(lo.t, hi.t);
            double b = Math.max(lo.t, hi.t);
            double trial = Double.isFinite(hi.f) ? cubicMinimum(lo, hi, a, b) : 0.5 * (a + b);
            double margin = 0.1 * (b - a);
            if (trial - a < margin || b - trial < margin) {
                trial = 0.5 * (a + b);
            }
            Point p = evaluateAt(h, x, d, trial);
            evals++;
            if (!Double.isFinite(p.f) || p.f > f0 + C1 * p.t * gtd0 || p.f >= lo.f) {
                hi = p;
            } else {
                if (Math.abs(p.gtd) <= -C2 * gtd0) {
                    return p;
                }
                if (p.gtd * (hi.t - lo.t) >= 0) {
                    hi = lo;
                }
                lo = p;
            }
        }
        return lo.t > 0 && lo.f < f0 ? lo : null;
    }

    /** Minimiser of the cubic through two points with slopes, clamped to [lower, upper]; the midpoint if it has none. */
    private static double cubicMinimum(Point p1, Point p2, double lower, double upper) {
        double d1 = p1.gtd + p2.gtd - 3 * (p1.f - p2.f) / (p1.t - p2.t);
        double d2sq = d1 * d1 - p1.gtd * p2.gtd;
        if (d2sq >= 0 && Double.isFinite(d2sq)) {
            double d2 = Math.sqrt(d2sq);
            double m = p1.t <= p2.t
                ? p2.t - (p2.t - p1.t) * ((p2.gtd + d2 - d1) / (p2.gtd - p1.gtd + 2 * d2))
                : p1.t - (p1.t - p2.t) * ((p1.gtd + d2 - d1) / (p1.gtd - p2.gtd + 2 * d2));
            if (Double.isFinite(m)) {
                return Math.min(Math.max(m, lower), upper);
            }
        }
        return 0.5 * (lower + upper);
    }

    private static double[] flatten(List<Tensor> tensors) {
        long n = 0;
        for (Tensor t : tensors) {
            n += t.shape().size();
        }
        double[] x = new double[Math.toIntExact(n)];
        int at = 0;
        for (Tensor t : tensors) {
            double[] v = t.toDoubles();
            System.arraycopy(v, 0, x, at, v.length);
            at += v.length;
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] negate(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = -a[i];
        }
        return out;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return s;
    }

    private double[] settings() {
        return new double[] {history, maxIterations, lineSearch.ordinal(), gradientTolerance, lossTolerance};
    }

    @Override
    public SavedState state() {
        SavedState.Builder b = SavedState.builder().put("lbfgs", settings()).put("iterations", iterations)
            .put("converged", converged ? 1 : 0).put("pairs", pairs.size());
        int i = 0;
        for (double[][] sy : pairs) {
            b.put("s" + i, sy[0]).put("y" + i, sy[1]);
            i++;
        }
        return b.build();
    }

    @Override
    public void restore(SavedState state) {
        if (!state.has("lbfgs")) {
            throw new IllegalArgumentException("not an L-BFGS state: " + state);
        }
        if (!Arrays.equals(state.get("lbfgs"), settings())) {
            throw new IllegalArgumentException("L-BFGS state was saved with settings " + Arrays.toString(state.get("lbfgs"))
                + " (history, iterations, line search, tolerances) but this optimiser has " + Arrays.toString(settings()));
        }
        pairs.clear();
        lastObjective = null;
        lastX = null;
        lastG = null;
        int k = (int) state.scalar("pairs");
        for (int i = 0; i < k; i++) {
            pairs.addLast(new double[][] {state.get("s" + i), state.get("y" + i)});
        }
        iterations = (long) state.scalar("iterations");
        converged = state.scalar("converged") != 0;
    }
}
