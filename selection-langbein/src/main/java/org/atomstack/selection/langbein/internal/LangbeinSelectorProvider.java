package org.atomstack.selection.langbein.internal;

import java.util.ArrayList;
import java.util.List;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.selection.Selector;
import org.atomstack.api.selection.SelectorProvider;
import org.atomstack.api.stack.StackContext;

/**
 * Provider of the {@code langbein} selector ({@link LangbeinSelector}). Parameters (all optional):
 * <pre>
 *   samples: 8            # N random points, ≥ 1
 *   tolerance: 1.0e-8     # τ in (0, 1): a unit gradient row (after column equilibration) raises
 *                         #   the rank when its distance from the span of the rows kept before it exceeds τ
 *   order: degree         # degree (increasing SelectableBasis.degrees(), ties by index) | index
 *   primitives: basis     # basis (the basis's own random points, e.g. random environments) | gaussian
 *   vanishing: [[1, 4], [[4, 9], [9, 16]]]  # vanishing patterns tested one at a time besides the full
 *                         #   point: each a primitive range [from, to) or a list of ranges set to zero
 *                         #   together, their columns left out: the flexible-set test (default none)
 *   prune: false          # reduce the union to an inclusion-minimal set (small candidate sets only)
 * </pre>
 * The seed is the stack's. Stateless and thread-safe.
 */
public final class LangbeinSelectorProvider implements SelectorProvider {
    /** Default number of random points. */
    static final int DEFAULT_SAMPLES = 8;
    /** Default rank tolerance τ. */
    static final double DEFAULT_TOLERANCE = 1e-8;

    /** The provider; the service loader calls this. */
    public LangbeinSelectorProvider() {
    }

    @Override
    public String id() {
        return LangbeinSelector.ID;
    }

    @Override
    public String description() {
        return "Langbein functional-independence selection: keeps a function when its gradient raises the numerical rank "
            + "of the Jacobian at one of N random points (any basis that offers its Jacobian)";
    }

    @Override
    public Selector create(Parameters parameters, StackContext context) {
        return new LangbeinSelector(settings(parameters), context.seed());
    }

    /**
     * Reads and checks the parameters.
     *
     * @param parameters the stage's parameters
     * @return the settings
     * @throws org.atomstack.api.plugin.PluginException naming the parameter and quoting the value
     */
    static LangbeinSelector.Settings settings(Parameters parameters) {
        parameters.checkKnown("samples", "tolerance", "order", "primitives", "vanishing", "prune");
        int samples = parameters.integer("samples", DEFAULT_SAMPLES);
        if (samples < 1) {
            throw parameters.error("samples", "must be >= 1, got " + samples);
        }
        double tolerance = parameters.number("tolerance", DEFAULT_TOLERANCE);
        if (!(tolerance > 0 && tolerance < 1)) {
            throw parameters.error("tolerance", "must be in (0, 1), got " + tolerance);
        }
        LangbeinSelector.CandidateOrder order = parameters.choice("order", LangbeinSelector.CandidateOrder.class,
            LangbeinSelector.CandidateOrder.DEGREE);
        LangbeinSelector.Sampling sampling = parameters.choice("primitives", LangbeinSelector.Sampling.class, LangbeinSelector.Sampling.BASIS);
        List<int[]> vanishing = new ArrayList<>();
        if (parameters.has("vanishing")) {
            List<Object> patterns = parameters.list("vanishing");
            for (int i = 0; i < patterns.size(); i++) {
                vanishing.add(pattern(parameters, "vanishing[" + i + "]", patterns.get(i)));
            }
        }
        boolean prune = parameters.bool("prune", false);
        return new LangbeinSelector.Settings(samples, tolerance, order, sampling, vanishing, prune);
    }

    /** One vanishing pattern: a range [from, to) or a list of such ranges; returns the ascending indices. */
    private static int[] pattern(Parameters parameters, String key, Object value) {
        List<?> ranges = value instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof List<?> ? l : List.of(value);
        java.util.TreeSet<Integer> indices = new java.util.TreeSet<>();
        for (Object r : ranges) {
            if (!(r instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Number a) || !(pair.get(1) instanceof Number b)
                || a.doubleValue() != Math.rint(a.doubleValue()) || b.doubleValue() != Math.rint(b.doubleValue())) {
                throw parameters.error(key, "expected a range [from, to) of primitive indices such as [1, 4], or a list of ranges "
                    + "such as [[1, 4], [9, 16]], got " + value);
            }
            int from = a.intValue();
            int to = b.intValue();
            if (from < 0 || to <= from) {
                throw parameters.error(key, "expected ranges with 0 <= from < to, got [" + from + ", " + to + "]");
            }
            for (int i = from; i < to; i++) {
                indices.add(i);
            }
        }
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }
}
