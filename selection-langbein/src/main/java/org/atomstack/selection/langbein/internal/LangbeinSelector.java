package org.atomstack.selection.langbein.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.api.selection.Selector;

/**
 * Langbein functional-independence selection (Allen et al. 2025, Sec. II B, II D) for any
 * {@link SelectableBasis}.
 *
 * <p><b>Algorithm.</b> For each of N random points x_s in primitive space (seeded; see
 * {@link Settings#sampling()}), and for each vanishing pattern g (g = 0: none; g ≥ 1: the
 * primitives of pattern g set to zero and their columns left out, the flexible-set test of Sec.
 * II E 3), the Jacobian J = ∂B/∂α at the point is evaluated once. Its columns are equilibrated
 * (divided by their Euclidean norms over all functions; all-zero columns are left out), so the
 * test does not depend on the units of the primitives. The candidates are then visited in the
 * candidate order (increasing {@link SelectableBasis#degrees() degree}, ties by index, or plain
 * index order), and candidate k is accepted at (s, g) when its equilibrated gradient row, scaled
 * to unit length, lies farther than the tolerance τ from the span of the rows accepted before it
 * at (s, g) ({@link IncrementalRank}). The number accepted at (s, g) is that point's numerical
 * rank. A function is selected when it was accepted at any (s, g): the union over points, as in
 * the paper. Rows shorter than 1e-14 of the longest row at the point count as zero gradients.
 *
 * <p><b>Pruning</b> (optional, for small candidate sets such as flexible-set searches): after the
 * union is formed, its members are visited from the last in candidate order to the first, and one
 * is dropped when, without it, every (s, g) still reaches its rank; the result is then minimal in
 * the sense that no member can be removed without losing rank at some point and pattern.
 *
 * <p><b>Result.</b> Indices ascending (the basis's own order, whatever the candidate order);
 * sample ranks at index s·G + g with G = 1 + number of vanishing patterns; the tolerance τ; the seed.
 * Deterministic for a seed: point s is drawn from the s-th split of a {@link SplittableRandom}
 * seeded with the stack's seed. The basis is evaluated from one thread only.
 */
final class LangbeinSelector implements Selector {
    /** Rows shorter than this fraction of the longest row at a point are zero gradients. */
    static final double ZERO_ROW = 1e-14;

    /** Id written into selections. */
    static final String ID = "langbein";

    /** How candidates are ordered. */
    enum CandidateOrder {
        /** Increasing degree, ties by index. */
        DEGREE,
        /** The basis's index order. */
        INDEX
    }

    /** Where the random points come from. */
    enum Sampling {
        /** The basis's own sampler (e.g. primitives of a random atomic environment). */
        BASIS,
        /** Independent standard normal primitives. */
        GAUSSIAN
    }

    /**
     * The configuration.
     *
     * @param samples   N ≥ 1 random points
     * @param tolerance τ in (0, 1)
     * @param order     candidate order
     * @param sampling  source of the points
     * @param vanishing vanishing patterns, each the ascending primitive indices set to zero together;
     *                  the patterns are tested one at a time; may be empty
     * @param prune     whether to reduce the union to an inclusion-minimal set
     */
    record Settings(int samples, double tolerance, CandidateOrder order, Sampling sampling, List<int[]> vanishing, boolean prune) {
        Settings {
            vanishing = vanishing.stream().map(int[]::clone).toList();
        }
    }

    private final Settings settings;
    private final long seed;

    /**
     * A selector.
     *
     * @param settings the configuration
     * @param seed     the seed of the random points
     */
    LangbeinSelector(Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    @Override
    public BasisSelection select(SelectableBasis basis) {
        int n = basis.size();
        int p = basis.primitiveCount();
        if (n < 0 || p < 0) {
            throw new IllegalArgumentException("selectable basis reports size " + n + " and " + p + " primitives");
        }
        for (int g = 0; g < settings.vanishing().size(); g++) {
            int[] pattern = settings.vanishing().get(g);
            if (pattern.length > 0 && pattern[pattern.length - 1] >= p) {
                throw new IllegalArgumentException("vanishing pattern " + g + " sets primitive " + pattern[pattern.length - 1]
                    + " to zero, but the basis has " + p + " primitives (0.." + (p - 1) + ")");
            }
        }
        int[] order = candidateOrder(basis, settings.order());
        return select(basis, order);
    }

    /**
     * Selection with an explicit candidate order (a permutation of 0..size-1).
     *
     * @param basis the basis
     * @param order the candidate order
     * @return the selection
     */
    BasisSelection select(SelectableBasis basis, int[] order) {
        int n = basis.size();
        int p = basis.primitiveCount();
        if (order.length != n || !Arrays.equals(IntStream.of(order).sorted().toArray(), IntStream.range(0, n).toArray())) {
            throw new IllegalArgumentException("candidate order must be a permutation of 0.." + (n - 1));
        }
        int patterns = 1 + settings.vanishing().size();
        int[] ranks = new int[settings.samples() * patterns];
        boolean[] kept = new boolean[n];
        double[][] points = new double[settings.samples()][];
        SplittableRandom root = new SplittableRandom(seed);
        Workspace w = new Workspace(n, p);
        for (int s = 0; s < settings.samples(); s++) {
            SplittableRandom rng = root.split();
            double[] x = new double[p];
            if (settings.sampling() == Sampling.GAUSSIAN) {
                for (int i = 0; i < p; i++) {
                    x[i] = rng.nextGaussian();
                }
            } else {
                basis.samplePrimitives(rng, x);
            }
            points[s] = x;
            for (int g = 0; g < patterns; g++) {
                Prepared m = prepare(basis, w, x, g, s, order, null);
                IncrementalRank rank = new IncrementalRank(m.width, settings.tolerance());
                for (int c = 0; c < n && !rank.full(); c++) {
                    if (m.nonZero[c] && rank.offer(m.rows, c * m.width)) {
                        kept[order[c]] = true;
                    }
                }
                ranks[s * patterns + g] = rank.rank();
            }
        }
        if (settings.prune()) {
            prune(basis, w, points, order, kept, ranks);
        }
        int[] indices = IntStream.range(0, n).filter(k -> kept[k]).toArray();
        return new BasisSelection(ID, n, indices, ranks, settings.tolerance(), seed);
    }

    /**
     * Drops union members, last candidate first, whose removal leaves every (point, pattern) at its rank.
     */
    private void prune(SelectableBasis basis, Workspace w, double[][] points, int[] order, boolean[] kept, int[] ranks) {
        int patterns = 1 + settings.vanishing().size();
        List<Integer> members = new ArrayList<>(); // positions in candidate order
        for (int c = 0; c < order.length; c++) {
            if (kept[order[c]]) {
                members.add(c);
            }
        }
        List<Prepared> prepared = new ArrayList<>();
        for (int s = 0; s < points.length; s++) {
            for (int g = 0; g < patterns; g++) {
                prepared.add(prepare(basis, w, points[s], g, s, order, members));
            }
        }
        boolean[] in = new boolean[members.size()];
        Arrays.fill(in, true);
        for (int i = members.size() - 1; i >= 0; i--) {
            in[i] = false;
            boolean needed = false;
            for (int t = 0; t < prepared.size() && !needed; t++) {
                Prepared m = prepared.get(t);
                IncrementalRank rank = new IncrementalRank(m.width, settings.tolerance());
                for (int j = 0; j < members.size() && !rank.full(); j++) {
                    if (in[j] && m.nonZero[j]) {
                        rank.offer(m.rows, j * m.width);
                    }
                }
                needed = rank.rank() < ranks[t];
            }
            if (needed) {
                in[i] = true;
            } else {
                kept[order[members.get(i)]] = false;
            }
        }
    }

    /** Scratch for one evaluation. */
    private static final class Workspace {
        final double[] x;
        final double[] values;
        final double[] jacobian;

        Workspace(int n, int p) {
            x = new double[p];
            values = new double[n];
            jacobian = new double[Math.multiplyExact(n, p)];
        }
    }

    /** Equilibrated gradient rows of the candidates at one point and pattern, in candidate order. */
    private record Prepared(int width, double[] rows, boolean[] nonZero) {
    }

    /**
     * Evaluates the Jacobian at {@code point} with vanishing pattern {@code g} zeroed, and returns the
     * rows of the candidates at {@code positions} (positions in candidate order; all when null),
     * restricted to the columns outside the group that are not identically zero, divided by their
     * column norms over all functions.
     */
    private Prepared prepare(SelectableBasis basis, Workspace w, double[] point, int g, int sample, int[] order, List<Integer> positions) {
        int n = basis.size();
        int p = basis.primitiveCount();
        System.arraycopy(point, 0, w.x, 0, p);
        boolean[] vanish = new boolean[p];
        if (g > 0) {
            for (int i : settings.vanishing().get(g - 1)) {
                vanish[i] = true;
                w.x[i] = 0;
            }
        }
        Arrays.fill(w.jacobian, 0.0);
        basis.evaluate(w.x, w.values, w.jacobian);
        double[] colNorm = new double[p];
        for (int k = 0; k < n; k++) {
            int base = k * p;
            for (int i = 0; i < p; i++) {
                double v = w.jacobian[base + i];
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException("selectable basis returned a non-finite derivative of function " + k + " ('"
                        + label(basis, k) + "') with respect to primitive " + i + " at random point " + sample + ": " + v);
                }
                colNorm[i] += v * v;
            }
        }
        int[] columns = IntStream.range(0, p).filter(i -> colNorm[i] > 0 && !vanish[i]).toArray();
        int width = columns.length;
        double[] scale = new double[width];
        for (int j = 0; j < width; j++) {
            scale[j] = 1 / Math.sqrt(colNorm[columns[j]]);
        }
        int count = positions == null ? n : positions.size();
        double[] rows = new double[Math.multiplyExact(count, width)];
        double[] norms = new double[count];
        double longest = 0;
        for (int r = 0; r < count; r++) {
            int k = order[positions == null ? r : positions.get(r)];
            int src = k * p;
            int dst = r * width;
            double sum = 0;
            for (int j = 0; j < width; j++) {
                double v = w.jacobian[src + columns[j]] * scale[j];
                rows[dst + j] = v;
                sum += v * v;
            }
            norms[r] = Math.sqrt(sum);
            longest = Math.max(longest, norms[r]);
        }
        if (positions != null) {
            // Pruning compares against the ranks found over all candidates: measure "zero" the same way.
            longest = 0;
            for (int k = 0; k < n; k++) {
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    double v = w.jacobian[k * p + columns[j]] * scale[j];
                    sum += v * v;
                }
                longest = Math.max(longest, Math.sqrt(sum));
            }
        }
        boolean[] nonZero = new boolean[count];
        for (int r = 0; r < count; r++) {
            nonZero[r] = norms[r] > ZERO_ROW * longest;
        }
        return new Prepared(width, rows, nonZero);
    }

    private static String label(SelectableBasis basis, int k) {
        List<String> labels = basis.labels();
        return labels != null && k < labels.size() ? labels.get(k) : "#" + k;
    }

    /**
     * The candidate order: increasing degree with ties by index, or index order.
     *
     * @param basis the basis
     * @param order which order
     * @return a permutation of 0..size-1
     */
    static int[] candidateOrder(SelectableBasis basis, CandidateOrder order) {
        int n = basis.size();
        if (order == CandidateOrder.INDEX) {
            return IntStream.range(0, n).toArray();
        }
        int[] degrees = basis.degrees();
        if (degrees.length != n) {
            throw new IllegalArgumentException("selectable basis reports " + degrees.length + " degrees for " + n + " functions");
        }
        return IntStream.range(0, n).boxed().sorted(Comparator.<Integer>comparingInt(k -> degrees[k]).thenComparingInt(k -> k))
            .mapToInt(Integer::intValue).toArray();
    }
}
