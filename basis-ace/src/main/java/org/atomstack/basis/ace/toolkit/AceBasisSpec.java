package org.atomstack.basis.ace.toolkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atomstack.api.structure.Elements;

/**
 * Which ACE basis functions to build: the species (neighbour channels), the maximal correlation
 * order ν_max, a total-degree bound D_ν per order and the angular weight w_L.
 *
 * <p><b>Conventions.</b> One-particle functions φ_{z n l m}(r) = δ(z_j = z) R_n(r) Y_lm(r̂) are
 * indexed by the neighbour species z, the radial index <b>n ≥ 0</b> (0-based, as in the
 * purification paper; ACEpotentials counts from 1, so its degrees are ours + ν) and l ≥ 0.
 * The degree of a one-particle function is d(n, l) = n + w_L·l; the degree of a product of ν
 * of them is Σ_t d(n_t, l_t), and a product of order ν is kept when its degree is at most D_ν
 * (+1e-9). Optional caps n ≤ nmax and l ≤ lmax apply on top. For ν = 1 only l = 0 survives
 * (the invariants of a single Y_lm); for every ν only Σ l even survives (O(3) invariance).
 *
 * <p><b>Ordering</b> of the one-particle functions: by degree, then species index, n, l.
 * Products are non-decreasing tuples of one-particle indices in that order. The basis is
 * ordered by order ν, then total degree, then lexicographically by the tuple, then by the
 * coupling index (see {@link ClebschGordan#symmetrisedInvariants}). This is deterministic and
 * is the candidate order selectors see.
 *
 * <p>Immutable.
 */
public final class AceBasisSpec {
    /** Largest supported correlation order. */
    public static final int MAX_ORDER = 6;

    private final int[] species;
    private final int order;
    private final double[] degrees;
    private final double wL;
    private final int nmax;
    private final int lmax;

    /**
     * Creates the specification.
     *
     * @param species atomic numbers of the neighbour channels, distinct, 1..118 (sorted here)
     * @param order   ν_max, 1..{@link #MAX_ORDER}
     * @param degrees D_1..D_ν_max (one per order), each ≥ 0
     * @param wL      angular weight w_L &gt; 0
     * @param nmax    cap on n (≥ 0), or −1 for none (then n ≤ max D)
     * @param lmax    cap on l (≥ 0), or −1 for none (then l ≤ max D / w_L)
     * @throws IllegalArgumentException quoting the bad value
     */
    public AceBasisSpec(int[] species, int order, double[] degrees, double wL, int nmax, int lmax) {
        int[] s = Arrays.stream(species).distinct().sorted().toArray();
        if (s.length == 0 || s.length != species.length) {
            throw new IllegalArgumentException("species must be non-empty and distinct, got " + Arrays.toString(species));
        }
        for (int z : s) {
            if (z < 1 || z > Elements.MAX_Z) {
                throw new IllegalArgumentException("atomic number " + z + " is outside 1.." + Elements.MAX_Z);
            }
        }
        if (order < 1 || order > MAX_ORDER) {
            throw new IllegalArgumentException("correlation order must be in 1.." + MAX_ORDER + ", got " + order);
        }
        if (degrees.length != order) {
            throw new IllegalArgumentException("need one total degree per order (" + order + "), got " + degrees.length + ": "
                + Arrays.toString(degrees));
        }
        for (double d : degrees) {
            if (!(d >= 0) || !Double.isFinite(d) || d > 200) {
                throw new IllegalArgumentException("total degrees must be finite and in 0..200, got " + Arrays.toString(degrees));
            }
        }
        if (!(wL > 0) || !Double.isFinite(wL)) {
            throw new IllegalArgumentException("angular weight wL must be finite and > 0, got " + wL);
        }
        if (nmax < -1 || lmax < -1 || lmax > ClebschGordan.MAX_L) {
            throw new IllegalArgumentException("caps need nmax >= -1 and -1 <= lmax <= " + ClebschGordan.MAX_L + ", got nmax = " + nmax
                + ", lmax = " + lmax);
        }
        this.species = s;
        this.order = order;
        this.degrees = degrees.clone();
        this.wL = wL;
        this.nmax = nmax;
        this.lmax = lmax;
    }

    /**
     * Atomic numbers of the neighbour channels, ascending (a copy).
     *
     * @return atomic numbers of the neighbour channels, ascending (a copy)
     */
    public int[] species() {
        return species.clone();
    }

    /**
     * ν_max.
     *
     * @return ν_max
     */
    public int order() {
        return order;
    }

    /**
     * D_1..D_ν_max (a copy).
     *
     * @return D_1..D_ν_max (a copy)
     */
    public double[] degrees() {
        return degrees.clone();
    }

    /**
     * w_L.
     *
     * @return w_L
     */
    public double wL() {
        return wL;
    }

    /**
     * The cap on n, or −1.
     *
     * @return the cap on n, or −1
     */
    public int nmax() {
        return nmax;
    }

    /**
     * The cap on l, or −1.
     *
     * @return the cap on l, or −1
     */
    public int lmax() {
        return lmax;
    }

    /**
     * Degree n + w_L·l of a one-particle function.
     *
     * @param l degree l ≥ 0
     * @param n radial index n ≥ 0
     * @return degree n + w_L·l of a one-particle function
     */
    public double degree(int n, int l) {
        return n + wL * l;
    }

    /**
     * Enumerates the basis and computes its couplings.
     *
     * @return the basis
     */
    public AceBasisSet build() {
        double dMax = Arrays.stream(degrees).max().orElse(0);
        int nCap = nmax >= 0 ? nmax : (int) Math.floor(dMax + 1e-9);
        int lCap = lmax >= 0 ? lmax : Math.min(ClebschGordan.MAX_L, (int) Math.floor(dMax / wL + 1e-9));
        List<AceBasisSet.OneParticle> ops = new ArrayList<>();
        for (int z = 0; z < species.length; z++) {
            for (int n = 0; n <= nCap; n++) {
                for (int l = 0; l <= lCap; l++) {
                    double d = degree(n, l);
                    if (d <= dMax + 1e-9) {
                        ops.add(new AceBasisSet.OneParticle(z, n, l, d));
                    }
                }
            }
        }
        ops.sort(Comparator.comparingDouble(AceBasisSet.OneParticle::degree).thenComparingInt(AceBasisSet.OneParticle::species)
            .thenComparingInt(AceBasisSet.OneParticle::n).thenComparingInt(AceBasisSet.OneParticle::l));
        Map<String, ClebschGordan.Coupling> couplings = new HashMap<>();
        List<AceBasisSet.Function> functions = new ArrayList<>();
        for (int nu = 1; nu <= order; nu++) {
            List<AceBasisSet.Function> ofOrder = new ArrayList<>();
            int[] tuple = new int[nu];
            enumerate(ops, nu, 0, 0, degrees[nu - 1] + 1e-9, tuple, couplings, ofOrder);
            // DFS yields lexicographic order; a stable sort by degree gives (degree, lexicographic)
            ofOrder.sort(Comparator.comparingDouble(f -> Math.rint(f.degree() * 1e6)));
            functions.addAll(ofOrder);
        }
        return new AceBasisSet(this, ops, functions);
    }

    private void enumerate(List<AceBasisSet.OneParticle> ops, int nu, int t, int from, double budget, int[] tuple,
                           Map<String, ClebschGordan.Coupling> couplings, List<AceBasisSet.Function> out) {
        if (t == nu) {
            addFunctions(ops, tuple, couplings, out);
            return;
        }
        for (int k = from; k < ops.size(); k++) {
            double d = ops.get(k).degree();
            if (d * (nu - t) > budget) {
                break; // ops are sorted by degree and the remaining factors are at least as costly
            }
            tuple[t] = k;
            enumerate(ops, nu, t + 1, k, budget - d, tuple, couplings, out);
        }
    }

    private static void addFunctions(List<AceBasisSet.OneParticle> ops, int[] tuple, Map<String, ClebschGordan.Coupling> couplings,
                                     List<AceBasisSet.Function> out) {
        int nu = tuple.length;
        int[] l = new int[nu];
        int[] group = new int[nu];
        int lSum = 0;
        int lMaxT = 0;
        double degree = 0;
        for (int t = 0; t < nu; t++) {
            AceBasisSet.OneParticle op = ops.get(tuple[t]);
            l[t] = op.l();
            lSum += l[t];
            lMaxT = Math.max(lMaxT, l[t]);
            group[t] = t > 0 && tuple[t] == tuple[t - 1] ? group[t - 1] : t;
            degree += op.degree();
        }
        if ((lSum & 1) == 1 || 2 * lMaxT > lSum) {
            return; // parity, or one degree exceeds the sum of the others (no coupling to L = 0)
        }
        String key = Arrays.toString(l) + Arrays.toString(group);
        ClebschGordan.Coupling c = couplings.computeIfAbsent(key, k -> ClebschGordan.symmetrisedInvariants(l, group));
        int[][] tuples = c.mTuples();
        double[][] coefficients = c.coefficients();
        for (int i = 0; i < c.count(); i++) {
            int nonzero = 0;
            for (double v : coefficients[i]) {
                nonzero += v != 0 ? 1 : 0;
            }
            int[][] m = new int[nonzero][];
            double[] w = new double[nonzero];
            int j = 0;
            for (int s = 0; s < tuples.length; s++) {
                if (coefficients[i][s] != 0) {
                    m[j] = tuples[s];
                    w[j++] = coefficients[i][s];
                }
            }
            out.add(new AceBasisSet.Function(tuple.clone(), i, degree, m, w));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AceBasisSpec s && Arrays.equals(species, s.species) && order == s.order && Arrays.equals(degrees, s.degrees)
            && Double.compare(wL, s.wL) == 0 && nmax == s.nmax && lmax == s.lmax;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(species) * 31 + Arrays.hashCode(degrees) * 7 + order;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AceBasisSpec[species %s, order %d, degrees %s, wL %g, nmax %d, lmax %d]",
            Arrays.toString(species), order, Arrays.toString(degrees), wL, nmax, lmax);
    }
}
