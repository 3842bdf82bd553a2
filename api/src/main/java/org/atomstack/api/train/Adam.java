package org.atomstack.api.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.atomstack.api.tensor.BinaryOp;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;
import org.atomstack.api.tensor.TensorScope;
import org.atomstack.api.tensor.UnaryOp;

/**
 * Adam (Kingma &amp; Ba 2015) with optional AMSGrad (Reddi et al. 2018) and decoupled weight
 * decay (AdamW, Loshchilov &amp; Hutter 2019), computed with {@link TensorOps} element-wise
 * operations on the parameters' backend and in their dtype. At step t with gradient g:
 *
 * <pre>
 * θ ← θ·(1 − η·λ)                               (only if weight decay λ &gt; 0)
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * v̂ ← max(v̂, v) with AMSGrad, else v̂ = v
 * θ ← θ − (η / (1 − β1^t)) · m / (√v̂ / √(1 − β2^t) + ε)
 * </pre>
 *
 * as in PyTorch's {@code Adam}/{@code AdamW}. Moments start at zero. The state holds t, m, v
 * and (with AMSGrad) the running maximum v̂, downloaded as doubles, which converts float32 moments
 * exactly; not thread-safe.
 */
public final class Adam implements Optimizer {
    /** Default β1 = 0.9. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Default β2 = 0.999. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Default ε = 1e-8. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean amsgrad;
    private long t;
    private List<Tensor> m;
    private List<Tensor> v;
    private List<Tensor> vmax;
    private SavedState pending; // restored host state not yet uploaded

    /** Adam with the default settings (β1 0.9, β2 0.999, ε 1e-8, no weight decay, no AMSGrad). */
    public Adam() {
        this(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, 0, false);
    }

    /**
     * Adam with explicit settings.
     *
     * @param beta1       β1 in [0, 1)
     * @param beta2       β2 in [0, 1)
     * @param epsilon     ε &gt; 0, added to the denominator
     * @param weightDecay λ ≥ 0, decoupled weight decay per unit learning rate
     * @param amsgrad     whether to use the running maximum of the second moments
     * @throws IllegalArgumentException quoting a bad value
     */
    public Adam(double beta1, double beta2, double epsilon, double weightDecay, boolean amsgrad) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("Adam epsilon must be finite and > 0, got " + epsilon);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
    }

    /** Adam with default settings and AMSGrad. */
    public static Adam amsgrad() {
        return new Adam(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, 0, true);
    }

    /** Whether AMSGrad is on. */
    public boolean isAmsgrad() {
        return amsgrad;
    }

    /** Number of steps taken. */
    public long steps() {
        return t;
    }

    @Override
    public Update step(List<Tensor> parameters, Objective objective, double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("Adam needs at least one parameter");
        }
        try (Objective.Evaluation ev = objective.evaluate(parameters)) {
            List<Tensor> grads = ev.gradients();
            if (grads.size() != parameters.size()) {
                throw new IllegalStateException("objective returned " + grads.size() + " gradients for " + parameters.size() + " parameters");
            }
            ensureMoments(parameters);
            long step = t + 1;
            double bc1 = 1 - Math.pow(beta1, step);
            double bc2 = 1 - Math.pow(beta2, step);
            List<Tensor> newP = new ArrayList<>();
            List<Tensor> newM = new ArrayList<>();
            List<Tensor> newV = new ArrayList<>();
            List<Tensor> newVmax = new ArrayList<>();
            try {
                for (int i = 0; i < parameters.size(); i++) {
                    Tensor p = parameters.get(i);
                    Tensor g = grads.get(i);
                    if (!g.shape().equals(p.shape()) || g.dtype() != p.dtype()) {
                        throw new IllegalStateException("gradient " + i + " is " + g.shape() + " " + g.dtype() + " but the parameter is "
                            + p.shape() + " " + p.dtype());
                    }
                    TensorOps ops = p.ops();
                    DType dt = p.dtype();
                    try (TensorScope s = new TensorScope()) {
                        Tensor m1 = ops.binary(BinaryOp.ADD, s.track(ops.binary(BinaryOp.MUL, m.get(i), c(s, ops, dt, beta1))),
                            s.track(ops.binary(BinaryOp.MUL, g, c(s, ops, dt, 1 - beta1))));
                        newM.add(m1);
                        Tensor g2 = s.track(ops.unary(UnaryOp.SQUARE, g));
                        Tensor v1 = ops.binary(BinaryOp.ADD, s.track(ops.binary(BinaryOp.MUL, v.get(i), c(s, ops, dt, beta2))),
                            s.track(ops.binary(BinaryOp.MUL, g2, c(s, ops, dt, 1 - beta2))));
                        newV.add(v1);
                        Tensor vhat = v1;
                        if (amsgrad) {
                            vhat = ops.binary(BinaryOp.MAX, vmax.get(i), v1);
                            newVmax.add(vhat);
                        }
                        Tensor denom = s.track(ops.binary(BinaryOp.ADD,
                            s.track(ops.binary(BinaryOp.MUL, s.track(ops.unary(UnaryOp.SQRT, vhat)), c(s, ops, dt, 1 / Math.sqrt(bc2)))),
                            c(s, ops, dt, epsilon)));
                        Tensor update = s.track(ops.binary(BinaryOp.MUL, s.track(ops.binary(BinaryOp.DIV, m1, denom)),
                            c(s, ops, dt, learningRate / bc1)));
                        Tensor base = weightDecay > 0 ? s.track(ops.binary(BinaryOp.MUL, p, c(s, ops, dt, 1 - learningRate * weightDecay))) : p;
                        newP.add(ops.binary(BinaryOp.SUB, base, update));
                    }
                }
            } catch (RuntimeException e) {
                newP.forEach(Tensor::close);
                newM.forEach(Tensor::close);
                newV.forEach(Tensor::close);
                newVmax.forEach(Tensor::close);
                throw e;
            }
            closeMoments();
            m = newM;
            v = newV;
            vmax = amsgrad ? newVmax : null;
            t = step;
            return new Update(ev.loss(), newP, 1);
        }
    }

    private static Tensor c(TensorScope s, TensorOps ops, DType dtype, double value) {
        return s.track(ops.full(Shape.scalar(), dtype, value));
    }

    private void ensureMoments(List<Tensor> parameters) {
        if (m != null) {
            if (m.size() != parameters.size()) {
                throw new IllegalStateException("Adam holds moments of " + m.size() + " parameters, got " + parameters.size());
            }
            return;
        }
        if (pending != null && pending.scalar("parameters") != parameters.size()) {
            throw new IllegalArgumentException("restored Adam state holds moments of " + (long) pending.scalar("parameters")
                + " parameters, but " + parameters.size() + " were given");
        }
        m = new ArrayList<>();
        v = new ArrayList<>();
        vmax = amsgrad ? new ArrayList<>() : null;
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i);
            m.add(moment(p, "m", i));
            v.add(moment(p, "v", i));
            if (amsgrad) {
                vmax.add(moment(p, "vmax", i));
            }
        }
        pending = null;
    }

    private Tensor moment(Tensor p, String kind, int i) {
        if (pending == null) {
            return p.ops().full(p.shape(), p.dtype(), 0);
        }
        double[] values = pending.get(kind + i);
        if (values.length != p.shape().size()) {
            throw new IllegalArgumentException("restored Adam state " + kind + i + " has " + values.length + " values but parameter " + i
                + " has shape " + p.shape());
        }
        return p.ops().fromDoubles(values, p.dtype(), p.shape());
    }

    private double[] settings() {
        return new double[] {beta1, beta2, epsilon, weightDecay, amsgrad ? 1 : 0};
    }

    @Override
    public SavedState state() {
        if (m == null) {
            return pending != null ? pending : SavedState.builder().put("adam", settings()).put("t", t).put("parameters", 0).build();
        }
        SavedState.Builder b = SavedState.builder().put("adam", settings()).put("t", t).put("parameters", m.size());
        for (int i = 0; i < m.size(); i++) {
            b.put("m" + i, m.get(i).toDoubles());
            b.put("v" + i, v.get(i).toDoubles());
            if (amsgrad) {
                b.put("vmax" + i, vmax.get(i).toDoubles());
            }
        }
        return b.build();
    }

    @Override
    public void restore(SavedState state) {
        if (!state.has("adam")) {
            throw new IllegalArgumentException("not an Adam state: " + state);
        }
        if (!Arrays.equals(state.get("adam"), settings())) {
            throw new IllegalArgumentException("Adam state was saved with settings " + Arrays.toString(state.get("adam"))
                + " (beta1, beta2, epsilon, weight decay, amsgrad) but this optimiser has " + Arrays.toString(settings()));
        }
        closeMoments();
        m = null;
        v = null;
        vmax = null;
        t = (long) state.scalar("t");
        pending = state.scalar("parameters") > 0 ? state : null;
    }

    /** The running maximum of the second moments of parameter {@code i} (AMSGrad only; a host copy), or empty before the first step. */
    public Optional<double[]> maxSecondMoment(int i) {
        if (!amsgrad) {
            throw new IllegalStateException("maxSecondMoment needs AMSGrad");
        }
        return vmax == null ? Optional.empty() : Optional.of(vmax.get(i).toDoubles());
    }

    private void closeMoments() {
        for (List<Tensor> l : Arrays.asList(m, v, vmax)) {
            if (l != null) {
                l.forEach(Tensor::close);
            }
        }
    }

    /** Releases the moment tensors; idempotent. The optimiser can still step (moments are then lost). */
    @Override
    public void close() {
        closeMoments();
        m = null;
        v = null;
        vmax = null;
    }
}
