package org.atomstack.basis.ace.toolkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Evaluates ACE invariants B_k = Σ_s C_ks Π_t A_{a_st}, linear combinations of the product basis
 * over the atomic base A_a = A_{z n l m} = Σ_{j: z_j = z} R_n(r_ij) Y_lm(r̂_ij), for atoms of one
 * centre species, with derivatives. The plan is flattened into arrays: the used entries a in
 * (z, n, l, m) order, the terms and factors of each B_k, and the sparse pattern of the Jacobian
 * M_ka = ∂B_k/∂A_a. Immutable and thread-safe; the per-atom scratch is a {@link Workspace}.
 *
 * <p>Per atom: {@link #atomicBase} gives A and, with gradients, ∂A_a/∂r_e = R_n' Y_lm r̂_e +
 * R_n ∇Y_lm for every edge e of species z (edges grouped by species, so each a touches only its
 * species' contiguous edge range); {@link #products} gives B and M (prefix/suffix products,
 * unrolled for ν ≤ 4); {@link #productGradient} gives ∂B_k/∂r_e = Σ_a M_ka ∂A_a/∂r_e, one axpy per
 * non-zero of M.
 */
public final class ProductBasisEvaluator {
    /**
     * One function B = Σ_s C_s Π_t A_{z_t n_t l_t m_st} to evaluate: ν factors, each an orbital
     * (z_t, n_t, l_t), and terms s with coefficients C_s and m-tuples (m_s1 .. m_sν).
     */
    public interface Invariant {
        /** Correlation order ν, the number of factors t. */
        int order();

        /** Number of terms s. */
        int terms();

        /** The coefficient C_s of term s. */
        double coefficient(int s);

        /** Neighbour species channel z_t of factor t (an index into the radial bases). */
        int species(int t);

        /** Radial index n_t of factor t. */
        int n(int t);

        /** Degree l_t of factor t. */
        int l(int t);

        /** Order m_st of factor t in term s, |m_st| ≤ l_t. */
        int m(int s, int t);
    }

    private final RadialBasisSpec[] radial; // per neighbour species
    private final int radialCount;
    private final RealSphericalHarmonics ylm;
    private final int aCount;
    private final int[] aSpecies;
    private final int[] aN;
    private final int[] aLm;
    private final int[] aSpeciesStart; // species + 1
    private final int size;
    private final int[] order;
    private final int[] termStart; // size + 1
    private final double[] termCoeff;
    private final int[] factorStart; // offset into termA / termPos of a function's first term
    private final int[] termA; // entry a per term and factor
    private final int[] termPos; // Jacobian non-zero per term and factor
    private final int[] nnzStart; // size + 1
    private final int[] nnzA;
    private final int maxOrder;

    /**
     * Compiles functions given as basis functions of an enumerated ACE basis.
     *
     * @param basis     the enumerated basis
     * @param functions indices into the basis, one B_k each
     * @param radial    radial basis per neighbour species (for this centre species)
     * @return the evaluator of those functions, in that order
     */
    public static ProductBasisEvaluator of(AceBasisSet basis, int[] functions, RadialBasisSpec[] radial) {
        List<Invariant> list = new ArrayList<>(functions.length);
        for (int k : functions) {
            list.add(new BasisFunction(basis.oneParticles(), basis.function(k)));
        }
        return new ProductBasisEvaluator(list, radial);
    }

    /**
     * Compiles the given functions; radial bases with fewer or more than the n_max + 1 functions
     * needed are resized.
     *
     * @param functions the B_k, in output order
     * @param radial    radial basis per neighbour species (for this centre species)
     * @throws IllegalArgumentException when a factor's species has no radial basis
     */
    public ProductBasisEvaluator(List<? extends Invariant> functions, RadialBasisSpec[] radial) {
        int species = radial.length;
        int maxN = 0;
        int maxL = 0;
        int maxNu = 1;
        TreeSet<Long> used = new TreeSet<>();
        for (Invariant f : functions) {
            maxNu = Math.max(maxNu, f.order());
            for (int t = 0; t < f.order(); t++) {
                if (f.species(t) < 0 || f.species(t) >= species) {
                    throw new IllegalArgumentException("factor species " + f.species(t) + " has no radial basis (" + species + " given)");
                }
                maxN = Math.max(maxN, f.n(t));
                maxL = Math.max(maxL, f.l(t));
                for (int s = 0; s < f.terms(); s++) {
                    used.add(key(f, s, t));
                }
            }
        }
        this.maxOrder = maxNu;
        this.radialCount = maxN + 1;
        this.ylm = new RealSphericalHarmonics(maxL);
        this.radial = new RadialBasisSpec[species];
        for (int z = 0; z < species; z++) {
            this.radial[z] = radial[z].count() == radialCount ? radial[z] : radial[z].withCount(radialCount);
        }
        aCount = used.size();
        aSpecies = new int[aCount];
        aN = new int[aCount];
        aLm = new int[aCount];
        aSpeciesStart = new int[species + 1];
        Map<Long, Integer> local = new HashMap<>();
        int a = 0;
        for (long k : used) {
            aSpecies[a] = (int) (k >> 48);
            aN[a] = (int) ((k >> 32) & 0xFFFF);
            aLm[a] = RealSphericalHarmonics.index((int) ((k >> 16) & 0xFFFF), (int) (k & 0xFFFF) - 0x8000);
            local.put(k, a++);
        }
        for (int z = 0, at = 0; z <= species; z++) {
            while (at < aCount && aSpecies[at] < z) {
                at++;
            }
            aSpeciesStart[z] = at;
        }
        // terms, factors and the sparse Jacobian pattern
        size = functions.size();
        order = new int[size];
        termStart = new int[size + 1];
        factorStart = new int[size];
        nnzStart = new int[size + 1];
        int terms = 0;
        int factors = 0;
        for (Invariant f : functions) {
            terms += f.terms();
            factors += f.terms() * f.order();
        }
        termCoeff = new double[terms];
        termA = new int[factors];
        termPos = new int[factors];
        List<Integer> nnz = new ArrayList<>();
        int term = 0;
        int factor = 0;
        for (int k = 0; k < size; k++) {
            Invariant f = functions.get(k);
            int nu = f.order();
            order[k] = nu;
            termStart[k] = term;
            factorStart[k] = factor;
            nnzStart[k] = nnz.size();
            Map<Integer, Integer> pos = new TreeMap<>();
            for (int s = 0; s < f.terms(); s++) {
                for (int t = 0; t < nu; t++) {
                    pos.put(local.get(key(f, s, t)), 0);
                }
            }
            for (Map.Entry<Integer, Integer> e : pos.entrySet()) {
                e.setValue(nnz.size());
                nnz.add(e.getKey());
            }
            for (int s = 0; s < f.terms(); s++) {
                termCoeff[term++] = f.coefficient(s);
                for (int t = 0; t < nu; t++) {
                    int la = local.get(key(f, s, t));
                    termA[factor] = la;
                    termPos[factor] = pos.get(la);
                    factor++;
                }
            }
        }
        termStart[size] = term;
        nnzStart[size] = nnz.size();
        nnzA = nnz.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long key(Invariant f, int s, int t) {
        return ((long) f.species(t) << 48) | ((long) f.n(t) << 32) | ((long) f.l(t) << 16) | (f.m(s, t) + 0x8000);
    }

    /** An {@link AceBasisSet.Function} with its one-particle functions resolved. */
    private record BasisFunction(List<AceBasisSet.OneParticle> ops, AceBasisSet.Function f) implements Invariant {
        @Override
        public int order() {
            return f.order();
        }

        @Override
        public int terms() {
            return f.terms();
        }

        @Override
        public double coefficient(int s) {
            return f.coefficient(s);
        }

        @Override
        public int species(int t) {
            return ops.get(f.factor(t)).species();
        }

        @Override
        public int n(int t) {
            return ops.get(f.factor(t)).n();
        }

        @Override
        public int l(int t) {
            return ops.get(f.factor(t)).l();
        }

        @Override
        public int m(int s, int t) {
            return f.m(s, t);
        }
    }

    /** Number of functions B_k. */
    public int size() {
        return size;
    }

    /** Number of atomic-base entries a the functions use (the length of {@link Workspace#atomicBase()}). */
    public int atomicBaseSize() {
        return aCount;
    }

    /** Number of terms (C_ks, m-tuple) over all functions. */
    public int termCount() {
        return termCoeff.length;
    }

    /** Number of structural non-zeros of the Jacobian M = ∂B/∂A (the length of {@link Workspace#jacobian()}). */
    public int jacobianNonZeros() {
        return nnzA.length;
    }

    /**
     * First non-zero of row k of M; the row's non-zeros are jacobianStart(k) .. jacobianStart(k + 1) − 1.
     *
     * @param k function index, 0..size()
     * @return index into {@link Workspace#jacobian()}
     */
    public int jacobianStart(int k) {
        return nnzStart[k];
    }

    /**
     * Column of a non-zero of M.
     *
     * @param p non-zero index
     * @return its atomic-base entry a
     */
    public int jacobianEntry(int p) {
        return nnzA[p];
    }

    /** New scratch for one thread. */
    public Workspace workspace() {
        return new Workspace();
    }

    /** Scratch for one thread: A, B, M and the edge derivatives of A of the last environment. */
    public final class Workspace {
        private final double[] a = new double[aCount];
        private final double[] mval = new double[nnzA.length];
        private final double[] values = new double[size];
        private final double[] rad = new double[radialCount];
        private final double[] drad = new double[radialCount];
        private final double[] y = new double[ylm.size()];
        private final double[] dy = new double[3 * ylm.size()];
        private final double[] prefix = new double[maxOrder + 1];
        private final double[] suffix = new double[maxOrder + 1];
        private double[] da = new double[0]; // a × 3·edgeCapacity
        private int edgeCapacity = -1;

        private Workspace() {
        }

        private void ensureEdges(int edges) {
            if (edges > edgeCapacity) {
                edgeCapacity = Math.max(edges, 2 * edgeCapacity);
                da = new double[aCount * 3 * edgeCapacity];
            }
        }

        /** The atomic base A, one value per entry a, read by {@link #products} (live; may be overwritten with given A). */
        public double[] atomicBase() {
            return a;
        }

        /** The functions B after {@link #products} (live). */
        public double[] values() {
            return values;
        }

        /** The non-zeros of M = ∂B/∂A after {@link #products} with the Jacobian, row by row (live). */
        public double[] jacobian() {
            return mval;
        }
    }

    /**
     * A and B (and, with gradients, ∂A/∂r and M) of the current environment of {@code env}.
     *
     * @param w         scratch
     * @param env       environments positioned at an atom of this centre species
     * @param gradients whether to prepare {@link #productGradient}
     */
    public void evaluate(Workspace w, AtomicEnvironments env, boolean gradients) {
        atomicBase(w, env.edges(), env.vectors(), env.distances(), env.species(), gradients);
        products(w, gradients);
    }

    /**
     * The atomic base of one environment (and its edge derivatives) into the workspace.
     *
     * @param w        scratch
     * @param edges    number of neighbours, grouped by species (ascending)
     * @param vec      3 components per neighbour of r_ij, Å
     * @param dist     |r_ij| per neighbour
     * @param species  species channel per neighbour
     * @param gradient whether to compute ∂A/∂r for {@link #productGradient}
     */
    public void atomicBase(Workspace w, int edges, double[] vec, double[] dist, int[] species, boolean gradient) {
        double[] a = w.a;
        Arrays.fill(a, 0);
        if (gradient) {
            w.ensureEdges(edges);
        }
        int stride = 3 * w.edgeCapacity;
        double[] da = w.da;
        for (int e = 0; e < edges; e++) {
            int z = species[e];
            int from = aSpeciesStart[z];
            int to = aSpeciesStart[z + 1];
            if (from == to) {
                continue;
            }
            double x = vec[3 * e];
            double yv = vec[3 * e + 1];
            double zv = vec[3 * e + 2];
            double r = dist[e];
            if (gradient) {
                radial[z].evaluate(r, w.rad, w.drad);
                ylm.evaluateWithGradient(x, yv, zv, w.y, w.dy);
                double ux = x / r;
                double uy = yv / r;
                double uz = zv / r;
                for (int i = from; i < to; i++) {
                    int lm = aLm[i];
                    double rn = w.rad[aN[i]];
                    double drn = w.drad[aN[i]];
                    double yl = w.y[lm];
                    a[i] += rn * yl;
                    int at = i * stride + 3 * e;
                    double s = drn * yl;
                    da[at] = s * ux + rn * w.dy[3 * lm];
                    da[at + 1] = s * uy + rn * w.dy[3 * lm + 1];
                    da[at + 2] = s * uz + rn * w.dy[3 * lm + 2];
                }
            } else {
                radial[z].evaluate(r, w.rad, null);
                ylm.evaluate(x, yv, zv, w.y);
                for (int i = from; i < to; i++) {
                    a[i] += w.rad[aN[i]] * w.y[aLm[i]];
                }
            }
        }
    }

    /**
     * B = C·ΠA of the workspace's atomic base into {@link Workspace#values()} and, if requested, M
     * into {@link Workspace#jacobian()}.
     *
     * @param w        scratch holding A
     * @param jacobian whether to compute M
     */
    public void products(Workspace w, boolean jacobian) {
        double[] a = w.a;
        double[] m = w.mval;
        if (jacobian) {
            Arrays.fill(m, 0);
        }
        for (int k = 0; k < size; k++) {
            int nu = order[k];
            int f = factorStart[k];
            double val = 0;
            int t1 = termStart[k + 1];
            switch (nu) {
                case 1 -> {
                    for (int t = termStart[k]; t < t1; t++, f++) {
                        double c = termCoeff[t];
                        val += c * a[termA[f]];
                        if (jacobian) {
                            m[termPos[f]] += c;
                        }
                    }
                }
                case 2 -> {
                    for (int t = termStart[k]; t < t1; t++, f += 2) {
                        double c = termCoeff[t];
                        double a0 = a[termA[f]];
                        double a1 = a[termA[f + 1]];
                        val += c * a0 * a1;
                        if (jacobian) {
                            m[termPos[f]] += c * a1;
                            m[termPos[f + 1]] += c * a0;
                        }
                    }
                }
                case 3 -> {
                    for (int t = termStart[k]; t < t1; t++, f += 3) {
                        double c = termCoeff[t];
                        double a0 = a[termA[f]];
                        double a1 = a[termA[f + 1]];
                        double a2 = a[termA[f + 2]];
                        double p01 = c * a0 * a1;
                        val += p01 * a2;
                        if (jacobian) {
                            double ca2 = c * a2;
                            m[termPos[f]] += ca2 * a1;
                            m[termPos[f + 1]] += ca2 * a0;
                            m[termPos[f + 2]] += p01;
                        }
                    }
                }
                case 4 -> {
                    for (int t = termStart[k]; t < t1; t++, f += 4) {
                        double c = termCoeff[t];
                        double a0 = a[termA[f]];
                        double a1 = a[termA[f + 1]];
                        double a2 = a[termA[f + 2]];
                        double a3 = a[termA[f + 3]];
                        double l2 = c * a0 * a1;
                        double r2 = a2 * a3;
                        val += l2 * r2;
                        if (jacobian) {
                            double cr2 = c * r2;
                            m[termPos[f]] += cr2 * a1;
                            m[termPos[f + 1]] += cr2 * a0;
                            m[termPos[f + 2]] += l2 * a3;
                            m[termPos[f + 3]] += l2 * a2;
                        }
                    }
                }
                default -> {
                    double[] pre = w.prefix;
                    double[] suf = w.suffix;
                    for (int t = termStart[k]; t < t1; t++, f += nu) {
                        pre[0] = termCoeff[t];
                        for (int q = 0; q < nu; q++) {
                            pre[q + 1] = pre[q] * a[termA[f + q]];
                        }
                        val += pre[nu];
                        if (jacobian) {
                            suf[nu] = 1;
                            for (int q = nu - 1; q >= 0; q--) {
                                suf[q] = suf[q + 1] * a[termA[f + q]];
                            }
                            for (int q = 0; q < nu; q++) {
                                m[termPos[f + q]] += pre[q] * suf[q + 1];
                            }
                        }
                    }
                }
            }
            w.values[k] = val;
        }
    }

    /**
     * ∂B_k/∂r_e = Σ_a M_ka ∂A_a/∂r_e for the edges of the environment, after {@link #atomicBase}
     * with gradients and {@link #products} with the Jacobian.
     *
     * @param w         scratch
     * @param k         function index
     * @param edges     number of edges
     * @param edgeStart first edge of each species (species + 1 values)
     * @param out       receives 3 components per edge at out[offset .. offset + 3·edges)
     * @param offset    where the gradient of edge 0 goes
     */
    public void productGradient(Workspace w, int k, int edges, int[] edgeStart, double[] out, int offset) {
        int stride = 3 * w.edgeCapacity;
        double[] da = w.da;
        double[] m = w.mval;
        Arrays.fill(out, offset, offset + 3 * edges, 0);
        for (int p = nnzStart[k]; p < nnzStart[k + 1]; p++) {
            double v = m[p];
            if (v == 0) {
                continue;
            }
            int a = nnzA[p];
            int z = aSpecies[a];
            int from = 3 * edgeStart[z];
            int to = 3 * edgeStart[z + 1];
            int src = a * stride;
            for (int c = from; c < to; c++) {
                out[offset + c] += v * da[src + c];
            }
        }
    }
}
