package org.atomstack.api.selection;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atomstack.api.plugin.Parameters;

/**
 * The immutable result of a selection: which functions of a basis of {@link #basisSize()} to
 * keep, in order, plus what the selector recorded (per-sample ranks, tolerance, seed).
 * Round-trips through {@link #asMap()} / {@link #fromParameters}.
 */
public final class BasisSelection {
    private final String selector;
    private final int basisSize;
    private final int[] indices;
    private final int[] sampleRanks;
    private final double tolerance;
    private final long seed;

    /**
     * @param selector    id of the selector that made it
     * @param basisSize   size of the full basis
     * @param indices     kept functions, distinct, in 0..basisSize-1
     * @param sampleRanks numerical rank found per sample (may be empty)
     * @param tolerance   the rank tolerance used (NaN if not applicable)
     * @param seed        the seed used
     */
    public BasisSelection(String selector, int basisSize, int[] indices, int[] sampleRanks, double tolerance, long seed) {
        if (Arrays.stream(indices).anyMatch(i -> i < 0 || i >= basisSize) || Arrays.stream(indices).distinct().count() != indices.length) {
            throw new IllegalArgumentException("selection indices must be distinct and within 0.." + (basisSize - 1));
        }
        this.selector = selector;
        this.basisSize = basisSize;
        this.indices = indices.clone();
        this.sampleRanks = sampleRanks.clone();
        this.tolerance = tolerance;
        this.seed = seed;
    }

    /** Id of the selector. */
    public String selector() {
        return selector;
    }

    /** Size of the full basis the selection refers to. */
    public int basisSize() {
        return basisSize;
    }

    /** Kept indices (a copy). */
    public int[] indices() {
        return indices.clone();
    }

    /** Number kept. */
    public int size() {
        return indices.length;
    }

    /** Rank per sample (a copy). */
    public int[] sampleRanks() {
        return sampleRanks.clone();
    }

    /** Rank tolerance used. */
    public double tolerance() {
        return tolerance;
    }

    /** Seed used. */
    public long seed() {
        return seed;
    }

    /** Canonical map form (for stack files and saved models). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("selector", selector);
        m.put("basis_size", basisSize);
        m.put("indices", Arrays.stream(indices).boxed().toList());
        m.put("sample_ranks", Arrays.stream(sampleRanks).boxed().toList());
        m.put("tolerance", tolerance);
        m.put("seed", seed);
        return m;
    }

    /** Reads the map form back. */
    public static BasisSelection fromParameters(Parameters p) {
        Object tol = p.raw("tolerance");
        double tolerance = tol == null || (tol instanceof Double d && d.isNaN()) || "NaN".equals(tol) ? Double.NaN : p.number("tolerance");
        return new BasisSelection(p.string("selector"), p.integer("basis_size"), p.integers("indices", new int[0]),
            p.integers("sample_ranks", new int[0]), tolerance, (long) p.number("seed", 0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BasisSelection b && selector.equals(b.selector) && basisSize == b.basisSize
            && Arrays.equals(indices, b.indices) && Arrays.equals(sampleRanks, b.sampleRanks)
            && Double.compare(tolerance, b.tolerance) == 0 && seed == b.seed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(indices) * 31 + basisSize;
    }

    @Override
    public String toString() {
        return "BasisSelection[" + selector + ": " + indices.length + " of " + basisSize + "]";
    }
}
