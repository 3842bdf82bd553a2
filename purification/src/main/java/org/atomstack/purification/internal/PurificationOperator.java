package org.atomstack.purification.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.ClebschGordan;

/**
 * The purification operator of an ACE basis at the level of invariants: the canonical
 * (self-interaction-free) invariants 𝔅_i = Σ_s C_is 𝒜_{k_s} written in the self-interacting
 * invariants of an extended basis K′ ⊇ K,
 * <pre>
 *   𝔅_i = Σ_{j ∈ K′} T_ij B_j,     B_j = Σ_s C_js Π_t A_{k_st}   (so C·P = T·C′ in Eq. 27),
 * </pre>
 * for the rows i asked for (functions of the ace basis K). Columns 0..|K|−1 are the functions of K,
 * columns |K|.. the {@link #extensions()} K′ \ K, ordered like an ace basis (order, degree, orbitals,
 * coupling).
 *
 * <p><b>Construction.</b> 𝒜_k = Σ_{j1 ≠ … ≠ jN} Π_t φ_{k_t}(x_{jt}) is expanded in products of the
 * atomic base A with the unrolled form of the recursion Eq. 43,
 * <pre>
 *   𝒜_{k1..kN} = Σ_{π partition of {1..N}} μ(π) Π_{b ∈ π} A_{[b]},   μ(π) = Π_{b∈π} (−1)^{|b|−1} (|b|−1)!,
 *   A_{[b]} = Σ_j Π_{t∈b} φ_{k_t}(x_j) = δ(equal species) Σ_ν ρ_ν Σ_{LM} G_{LM} A_{z ν L M}
 * </pre>
 * (Möbius inversion on the lattice of set partitions: Eq. 43 adds k_{N+1} either as a new block,
 * the term 𝒜_k A_{k_{N+1}}, or into the block of one k_β, the terms −P^{k_β k_{N+1}}_κ 𝒜_{k[β,κ]}; the
 * test suite checks the two against each other). The block linearisations are exact products of
 * the radial ({@link RadialProducts}) and angular ({@link AngularProducts}) linearisations.
 * Summing with the coupling coefficients C_is gives a polynomial w_i in A, which is an O(3)
 * invariant; grouped by orbital type (the multiset of (z, n, l)), it is projected onto the
 * orthonormal invariants C′_j of that type (metric Σ_s u_s v_s / o_s, o_s the number of m-tuples a
 * canonical tuple stands for): T_ij = ⟨w_i, C′_j⟩. Types outside K give the extension K′ \ K
 * (their couplings from {@link ClebschGordan#symmetrisedInvariants}). The projection residual
 * ‖w_i − Σ_j T_ij C′_j‖ / ‖w_i‖ must vanish up to rounding; it is checked against
 * {@link #RESIDUAL} (a failure is a bug, not an input error). Entries |T_ij| ≤ {@link #DROP}·max_j
 * |T_ij| are rounding zeros and dropped.
 *
 * <p><b>Structure</b> (Props. 2.4, 2.7): T_ii = 1 and T_ij ≠ 0 (j ≠ i) only for ord(j) &lt; ord(i): P
 * is unit lower triangular when ordered by correlation order. Each merge of factors raises the
 * degree by at most the radial growth (e_c + e_in for the polynomial kind), so
 * deg(j) ≤ deg(i) + (ord(i) − ord(j))·growth; with no envelope the operator is degree-preserving.
 *
 * <p>Immutable once built.
 */
final class PurificationOperator {
    /** Relative size below which an entry of T is a rounding zero. */
    static final double DROP = 1e-11;
    /** Largest accepted relative projection residual. */
    static final double RESIDUAL = 1e-8;

    private final int basisSize;
    private final List<ProductInvariant> extensions;
    private final int[] rows;
    private final int[][] columns;
    private final double[][] values;
    private final double residual;

    private PurificationOperator(int basisSize, List<ProductInvariant> extensions, int[] rows, int[][] columns, double[][] values,
                                 double residual) {
        this.basisSize = basisSize;
        this.extensions = List.copyOf(extensions);
        this.rows = rows;
        this.columns = columns;
        this.values = values;
        this.residual = residual;
    }

    /** |K|: columns below it are functions of the ace basis. */
    int basisSize() {
        return basisSize;
    }

    /** The extension K′ \ K, column basisSize() + e for extension e. */
    List<ProductInvariant> extensions() {
        return extensions;
    }

    /** Number of rows. */
    int rowCount() {
        return rows.length;
    }

    /** The basis function of row r. */
    int row(int r) {
        return rows[r];
    }

    /** Column indices of row r, ascending (a shared array; do not modify). */
    int[] columns(int r) {
        return columns[r];
    }

    /** Values of row r (a shared array; do not modify). */
    double[] values(int r) {
        return values[r];
    }

    /** Number of stored entries. */
    long nonZeros() {
        long n = 0;
        for (int[] c : columns) {
            n += c.length;
        }
        return n;
    }

    /** The largest relative projection residual met (rounding level). */
    double residual() {
        return residual;
    }

    /** The rows as a map function → (column → value), for tests and tools. */
    Map<Integer, Map<Integer, Double>> asMap() {
        Map<Integer, Map<Integer, Double>> m = new LinkedHashMap<>();
        for (int r = 0; r < rows.length; r++) {
            Map<Integer, Double> row = new TreeMap<>();
            for (int p = 0; p < columns[r].length; p++) {
                row.put(columns[r][p], values[r][p]);
            }
            m.put(rows[r], row);
        }
        return m;
    }

    /**
     * Builds the rows of T for some functions of a basis.
     *
     * @param basis   the ace basis K (one centre species)
     * @param radial  radial linearisation per neighbour species of this centre
     * @param angular angular linearisation (shared cache)
     * @param rows    function indices of the rows wanted, distinct
     * @return the operator
     * @throws IllegalArgumentException when a radial linearisation fails its tolerance
     */
    static PurificationOperator build(AceBasisSet basis, RadialProducts[] radial, AngularProducts angular, int[] rows) {
        return new Builder(basis, radial, angular).build(rows);
    }

    /**
     * 𝒜 of one m-resolved tuple of atomic-base entries as a polynomial in the atomic base: the
     * partition sum of the class description (for tests and tools; the builder shares its caches).
     *
     * @param keys    the {@link AtomKey}s of the factors (any order)
     * @param radial  radial linearisation per neighbour species
     * @param angular angular linearisation
     * @return monomial (sorted keys) → coefficient
     */
    static Map<IntTuple, Double> expansion(int[] keys, RadialProducts[] radial, AngularProducts angular) {
        Builder b = new Builder(null, radial, angular);
        Map<IntTuple, double[]> w = new HashMap<>();
        b.accumulate(keys, new double[] {1}, w);
        Map<IntTuple, Double> out = new HashMap<>();
        w.forEach((k, v) -> {
            if (v[0] != 0) {
                out.put(k, v[0]);
            }
        });
        return out;
    }

    /** All set partitions of {0..n−1} as arrays of blocks (restricted growth strings). */
    static List<int[][]> partitions(int n) {
        List<int[][]> out = new ArrayList<>();
        int[] a = new int[n];
        growth(a, 1, 0, out);
        return out;
    }

    private static void growth(int[] a, int i, int max, List<int[][]> out) {
        int n = a.length;
        if (i >= n) {
            int blocks = max + 1;
            int[][] b = new int[blocks][];
            int[] size = new int[blocks];
            for (int v : a) {
                size[v]++;
            }
            for (int k = 0; k < blocks; k++) {
                b[k] = new int[size[k]];
                size[k] = 0;
            }
            for (int t = 0; t < n; t++) {
                b[a[t]][size[a[t]]++] = t;
            }
            out.add(b);
            return;
        }
        for (int v = 0; v <= max + 1; v++) {
            a[i] = v;
            growth(a, i + 1, Math.max(max, v), out);
        }
        a[i] = 0;
    }

    /** μ(π) = Π_b (−1)^{|b|−1} (|b|−1)!. */
    static double mobius(int[][] blocks) {
        double mu = 1;
        for (int[] b : blocks) {
            for (int k = 1; k < b.length; k++) {
                mu *= -k;
            }
        }
        return mu;
    }

    /** The invariants of one orbital type, in basis order, with their columns. */
    private static final class TypeInfo {
        final int[] orbitals; // basis order
        final int[] group;
        final int[] distinct; // distinct orbitals, ascending
        final int[] start; // first position in basis order of each distinct orbital
        final List<Integer> columns = new ArrayList<>(); // >= 0: basis function; < 0: -1 - provisional extension
        final List<Map<IntTuple, Double>> coefficients = new ArrayList<>();

        TypeInfo(int[] orbitals) {
            this.orbitals = orbitals.clone();
            int n = orbitals.length;
            group = new int[n];
            for (int t = 1; t < n; t++) {
                group[t] = orbitals[t] == orbitals[t - 1] ? group[t - 1] : t;
            }
            int[] d = Arrays.stream(orbitals).distinct().sorted().toArray();
            distinct = d;
            start = new int[d.length];
            for (int k = 0; k < d.length; k++) {
                for (int t = 0; t < n; t++) {
                    if (orbitals[t] == d[k]) {
                        start[k] = t;
                        break;
                    }
                }
            }
        }

        void add(int column, int[][] mTuples, double[] coeff) {
            Map<IntTuple, Double> c = new HashMap<>();
            for (int s = 0; s < mTuples.length; s++) {
                if (coeff[s] != 0) {
                    c.put(new IntTuple(mTuples[s].clone()), coeff[s]);
                }
            }
            columns.add(column);
            coefficients.add(c);
        }

        /** The canonical m-tuple (basis order, m ascending within identical orbitals) of a sorted monomial of this type. */
        int[] mTuple(int[] keys) {
            int[] mt = new int[keys.length];
            int[] next = start.clone();
            for (int key : keys) {
                int o = AtomKey.orbital(key);
                int k = 0;
                while (distinct[k] != o) {
                    k++;
                }
                mt[next[k]++] = AtomKey.m(key);
            }
            return mt;
        }

        /** o_s: the number of m-tuples the canonical tuple stands for (permutations within groups). */
        double orbit(int[] mt) {
            double o = 1;
            int n = mt.length;
            int t = 0;
            while (t < n) {
                int u = t;
                while (u < n && group[u] == group[t]) {
                    u++;
                }
                // (u−t)! / Π multiplicities!
                o *= factorial(u - t);
                int v = t;
                while (v < u) {
                    int w = v;
                    while (w < u && mt[w] == mt[v]) {
                        w++;
                    }
                    o /= factorial(w - v);
                    v = w;
                }
                t = u;
            }
            return o;
        }

        private static double factorial(int k) {
            double f = 1;
            for (int i = 2; i <= k; i++) {
                f *= i;
            }
            return f;
        }
    }

    /** Terms of a linearised block A_{[b]}: keys and coefficients. */
    private record BlockTerms(int[] keys, double[] coefficients) {
        static final BlockTerms NONE = new BlockTerms(new int[0], new double[0]);
    }

    private static final class Builder {
        final AceBasisSet basis;
        final RadialProducts[] radial;
        final AngularProducts angular;
        final double wL;
        final Map<IntTuple, TypeInfo> types = new HashMap<>();
        final List<ProductInvariant> provisional = new ArrayList<>();
        final Map<IntTuple, BlockTerms> blocks = new HashMap<>();
        final Map<Integer, List<int[][]>> partitionCache = new HashMap<>();

        Builder(AceBasisSet basis, RadialProducts[] radial, AngularProducts angular) {
            this.basis = basis;
            this.radial = radial;
            this.angular = angular;
            this.wL = basis == null ? 1 : basis.spec().wL();
            for (int k = 0; basis != null && k < basis.size(); k++) {
                ProductInvariant f = ProductInvariant.of(basis, k);
                int[] orb = f.orbitals();
                int[] sorted = orb.clone();
                Arrays.sort(sorted);
                TypeInfo ti = types.computeIfAbsent(new IntTuple(sorted), key -> new TypeInfo(orb));
                AceBasisSet.Function fn = basis.function(k);
                ti.add(k, fn.mTuples(), fn.coefficients());
            }
        }

        PurificationOperator build(int[] wanted) {
            int[] rows = wanted.clone();
            int nr = rows.length;
            // group the rows by factor tuple (functions of one tuple share the expansions of 𝒜)
            Map<IntTuple, List<Integer>> byTuple = new LinkedHashMap<>();
            for (int r = 0; r < nr; r++) {
                int[] orb = ProductInvariant.of(basis, rows[r]).orbitals();
                byTuple.computeIfAbsent(new IntTuple(orb), k -> new ArrayList<>()).add(r);
            }
            List<Map<Integer, Double>> rowEntries = new ArrayList<>();
            for (int r = 0; r < nr; r++) {
                rowEntries.add(null);
            }
            double worst = 0;
            for (Map.Entry<IntTuple, List<Integer>> e : byTuple.entrySet()) {
                int[] orb = e.getKey().toArray();
                List<Integer> rs = e.getValue();
                int q = rs.size();
                ProductInvariant[] fs = new ProductInvariant[q];
                for (int c = 0; c < q; c++) {
                    fs[c] = ProductInvariant.of(basis, rows[rs.get(c)]);
                }
                Map<IntTuple, double[]> w = expand(orb, fs);
                for (int c = 0; c < q; c++) {
                    Map<Integer, Double> entries = new HashMap<>();
                    double res = project(w, c, entries);
                    worst = Math.max(worst, res);
                    rowEntries.set(rs.get(c), entries);
                }
            }
            // keep the significant entries; number the extensions that are used, in basis order
            Map<Integer, Integer> extUsed = new HashMap<>();
            List<Map<Integer, Double>> kept = new ArrayList<>();
            for (int r = 0; r < nr; r++) {
                Map<Integer, Double> entries = rowEntries.get(r);
                double max = 0;
                for (double v : entries.values()) {
                    max = Math.max(max, Math.abs(v));
                }
                Map<Integer, Double> k = new HashMap<>();
                for (Map.Entry<Integer, Double> en : entries.entrySet()) {
                    if (Math.abs(en.getValue()) > DROP * max) {
                        k.put(en.getKey(), en.getValue());
                        if (en.getKey() < 0) {
                            extUsed.put(en.getKey(), -1);
                        }
                    }
                }
                kept.add(k);
            }
            List<Integer> ext = new ArrayList<>(extUsed.keySet());
            Comparator<ProductInvariant> order = Comparator.comparingInt(ProductInvariant::order)
                .thenComparingDouble(f -> Math.rint(f.degree() * 1e6))
                .thenComparing(ProductInvariant::orbitals, this::compareOrbitals)
                .thenComparingInt(ProductInvariant::coupling);
            ext.sort((a, b) -> order.compare(provisional.get(-1 - a), provisional.get(-1 - b)));
            List<ProductInvariant> extensions = new ArrayList<>();
            for (int i = 0; i < ext.size(); i++) {
                extUsed.put(ext.get(i), basis.size() + i);
                extensions.add(provisional.get(-1 - ext.get(i)));
            }
            int[][] cols = new int[nr][];
            double[][] vals = new double[nr][];
            for (int r = 0; r < nr; r++) {
                TreeMap<Integer, Double> sorted = new TreeMap<>();
                for (Map.Entry<Integer, Double> en : kept.get(r).entrySet()) {
                    int col = en.getKey() >= 0 ? en.getKey() : extUsed.get(en.getKey());
                    sorted.put(col, en.getValue());
                }
                cols[r] = sorted.keySet().stream().mapToInt(Integer::intValue).toArray();
                vals[r] = sorted.values().stream().mapToDouble(Double::doubleValue).toArray();
            }
            return new PurificationOperator(basis.size(), extensions, rows, cols, vals, worst);
        }

        /** Lexicographic comparison of orbital tuples in the basis order of one-particle functions. */
        int compareOrbitals(int[] a, int[] b) {
            for (int t = 0; t < Math.min(a.length, b.length); t++) {
                int c = compareOrbital(a[t], b[t]);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.length, b.length);
        }

        /** Basis order of one-particle functions: degree n + w_L·l, then species, n, l. */
        int compareOrbital(int a, int b) {
            int c = Double.compare(degree(a), degree(b));
            if (c != 0) {
                return c;
            }
            c = Integer.compare(AtomKey.orbitalSpecies(a), AtomKey.orbitalSpecies(b));
            if (c != 0) {
                return c;
            }
            c = Integer.compare(AtomKey.orbitalN(a), AtomKey.orbitalN(b));
            return c != 0 ? c : Integer.compare(AtomKey.orbitalL(a), AtomKey.orbitalL(b));
        }

        double degree(int orbital) {
            return AtomKey.orbitalN(orbital) + wL * AtomKey.orbitalL(orbital);
        }

        /**
         * w_c = Σ_s C_{c,s} 𝒜_{k_s} for the couplings c of one orbital tuple, as monomials of the
         * atomic base (sorted keys) → one coefficient per coupling.
         */
        Map<IntTuple, double[]> expand(int[] orb, ProductInvariant[] fs) {
            int n = orb.length;
            int q = fs.length;
            Map<IntTuple, double[]> cs = new LinkedHashMap<>();
            for (int c = 0; c < q; c++) {
                for (int s = 0; s < fs[c].terms(); s++) {
                    int[] mt = new int[n];
                    for (int t = 0; t < n; t++) {
                        mt[t] = fs[c].m(s, t);
                    }
                    cs.computeIfAbsent(new IntTuple(mt), k -> new double[q])[c] += fs[c].coefficient(s);
                }
            }
            Map<IntTuple, double[]> w = new HashMap<>();
            int[] keys = new int[n];
            for (Map.Entry<IntTuple, double[]> e : cs.entrySet()) {
                IntTuple mt = e.getKey();
                for (int t = 0; t < n; t++) {
                    keys[t] = AtomKey.withM(orb[t], mt.get(t));
                }
                accumulate(keys, e.getValue(), w);
            }
            return w;
        }

        /** w[monomial][c] += coupling[c] · (coefficient of the monomial in 𝒜_keys). */
        void accumulate(int[] keys, double[] coupling, Map<IntTuple, double[]> w) {
            int n = keys.length;
            int[] buffer = new int[n];
            for (int[][] part : partitionCache.computeIfAbsent(n, PurificationOperator::partitions)) {
                BlockTerms[] bt = new BlockTerms[part.length];
                boolean vanishes = false;
                for (int b = 0; b < part.length && !vanishes; b++) {
                    int[] bk = new int[part[b].length];
                    for (int i = 0; i < bk.length; i++) {
                        bk[i] = keys[part[b][i]];
                    }
                    Arrays.sort(bk);
                    bt[b] = blockTerms(bk);
                    vanishes = bt[b].keys().length == 0;
                }
                if (!vanishes) {
                    multiply(bt, 0, mobius(part), buffer, coupling, w);
                }
            }
        }

        private void multiply(BlockTerms[] bt, int b, double coef, int[] buffer, double[] coupling, Map<IntTuple, double[]> w) {
            if (b == bt.length) {
                int[] mono = Arrays.copyOf(buffer, bt.length);
                Arrays.sort(mono);
                double[] acc = w.computeIfAbsent(new IntTuple(mono), k -> new double[coupling.length]);
                for (int c = 0; c < coupling.length; c++) {
                    acc[c] += coupling[c] * coef;
                }
                return;
            }
            int[] k = bt[b].keys();
            double[] v = bt[b].coefficients();
            for (int i = 0; i < k.length; i++) {
                buffer[b] = k[i];
                multiply(bt, b + 1, coef * v[i], buffer, coupling, w);
            }
        }

        /** A_{[b]} for sorted atomic keys: Σ_ν ρ_ν Σ_{LM} G_LM A_{zνLM}, or nothing for mixed species. */
        BlockTerms blockTerms(int[] sortedKeys) {
            if (sortedKeys.length == 1) {
                return new BlockTerms(new int[] {sortedKeys[0]}, new double[] {1});
            }
            IntTuple key = new IntTuple(sortedKeys);
            BlockTerms cached = blocks.get(key);
            if (cached != null) {
                return cached;
            }
            int b = sortedKeys.length;
            int z = AtomKey.species(sortedKeys[0]);
            int[] ns = new int[b];
            int[] ls = new int[b];
            int[] ms = new int[b];
            BlockTerms out = null;
            for (int t = 0; t < b; t++) {
                if (AtomKey.species(sortedKeys[t]) != z) {
                    out = BlockTerms.NONE;
                    break;
                }
                ns[t] = AtomKey.n(sortedKeys[t]);
                ls[t] = AtomKey.l(sortedKeys[t]);
                ms[t] = AtomKey.m(sortedKeys[t]);
            }
            if (out == null) {
                Arrays.sort(ns);
                double[] rho = radial[z].coefficients(ns);
                AngularProducts.Expansion g = angular.product(ls, ms);
                int count = 0;
                for (double r : rho) {
                    count += r != 0 ? g.size() : 0;
                }
                int[] keys = new int[count];
                double[] coef = new double[count];
                int i = 0;
                for (int nu = 0; nu < rho.length; nu++) {
                    if (rho[nu] == 0) {
                        continue;
                    }
                    for (int j = 0; j < g.size(); j++) {
                        keys[i] = AtomKey.of(z, nu, g.l()[j], g.m()[j]);
                        coef[i++] = rho[nu] * g.value()[j];
                    }
                }
                out = new BlockTerms(keys, coef);
            }
            blocks.put(key, out);
            return out;
        }

        /**
         * Projects w (coupling c) onto the invariants of each orbital type; adds T entries (column →
         * value; negative columns are provisional extensions) and returns the relative residual.
         */
        double project(Map<IntTuple, double[]> w, int c, Map<Integer, Double> entries) {
            Map<IntTuple, List<IntTuple>> byType = new HashMap<>();
            double norm = 0;
            for (Map.Entry<IntTuple, double[]> e : w.entrySet()) {
                double v = e.getValue()[c];
                if (v == 0) {
                    continue;
                }
                IntTuple mono = e.getKey();
                int[] orb = new int[mono.length()];
                for (int t = 0; t < orb.length; t++) {
                    orb[t] = AtomKey.orbital(mono.get(t));
                }
                byType.computeIfAbsent(new IntTuple(orb), k -> new ArrayList<>()).add(mono);
            }
            double res = 0;
            for (Map.Entry<IntTuple, List<IntTuple>> e : byType.entrySet()) {
                TypeInfo ti = types.computeIfAbsent(e.getKey(), this::extensionType);
                int nc = ti.columns.size();
                Map<IntTuple, Double> wt = new HashMap<>();
                for (IntTuple mono : e.getValue()) {
                    int[] mt = ti.mTuple(mono.toArray());
                    wt.merge(new IntTuple(mt), w.get(mono)[c], Double::sum);
                }
                double[] t = new double[nc];
                for (Map.Entry<IntTuple, Double> en : wt.entrySet()) {
                    double o = ti.orbit(en.getKey().toArray());
                    norm += en.getValue() * en.getValue() / o;
                    for (int j = 0; j < nc; j++) {
                        Double cj = ti.coefficients.get(j).get(en.getKey());
                        if (cj != null) {
                            t[j] += en.getValue() * cj / o;
                        }
                    }
                }
                // residual w − Σ_j t_j C′_j over the union of the tuples
                Map<IntTuple, Double> r = new HashMap<>(wt);
                for (int j = 0; j < nc; j++) {
                    for (Map.Entry<IntTuple, Double> cj : ti.coefficients.get(j).entrySet()) {
                        r.merge(cj.getKey(), -t[j] * cj.getValue(), Double::sum);
                    }
                }
                for (Map.Entry<IntTuple, Double> en : r.entrySet()) {
                    res += en.getValue() * en.getValue() / ti.orbit(en.getKey().toArray());
                }
                for (int j = 0; j < nc; j++) {
                    if (t[j] != 0) {
                        entries.merge(ti.columns.get(j), t[j], Double::sum);
                    }
                }
            }
            double rel = norm > 0 ? Math.sqrt(res / norm) : 0;
            if (!(rel <= RESIDUAL)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                    "purification: the canonical invariant is not in the span of the invariants of K' (relative residual %.3g)", rel));
            }
            return rel;
        }

        /** The invariants of an orbital type outside the basis (provisional extension columns). */
        TypeInfo extensionType(IntTuple sortedOrbitals) {
            Integer[] boxed = Arrays.stream(sortedOrbitals.toArray()).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, this::compareOrbital);
            int[] orb = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
            TypeInfo ti = new TypeInfo(orb);
            int n = orb.length;
            int[] l = new int[n];
            double degree = 0;
            for (int t = 0; t < n; t++) {
                l[t] = AtomKey.orbitalL(orb[t]);
                degree += degree(orb[t]);
            }
            ClebschGordan.Coupling cp = ClebschGordan.symmetrisedInvariants(l, ti.group);
            int[][] tuples = cp.mTuples();
            double[][] coeff = cp.coefficients();
            for (int i = 0; i < cp.count(); i++) {
                int nz = 0;
                for (double v : coeff[i]) {
                    nz += v != 0 ? 1 : 0;
                }
                int[][] mt = new int[nz][];
                double[] cf = new double[nz];
                int j = 0;
                for (int s = 0; s < tuples.length; s++) {
                    if (coeff[i][s] != 0) {
                        mt[j] = tuples[s];
                        cf[j++] = coeff[i][s];
                    }
                }
                provisional.add(new ProductInvariant(orb, i, degree, mt, cf));
                ti.add(-provisional.size(), mt, cf);
            }
            return ti;
        }
    }
}
