package org.atomstack.basis.ace.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;
import org.atomstack.basis.ace.toolkit.RealSphericalHarmonics;

/**
 * The evaluation plan of a set of ACE basis functions ("rows") for atoms of one centre
 * species, flattened into arrays for speed. Immutable; the per-atom scratch lives in
 * {@link Workspace}.
 *
 * <p>Per atom: (1) the atomic base A_a = Σ_j R_n(r_ij) Y_lm(r̂_ij) over the used entries
 * a = (z, n, l, m), and with gradients ∂A_a/∂r_e = R_n' Y_lm r̂_e + R_n ∇Y_lm for every edge e of
 * species z, stored a × (3·edges) with the edges grouped by species, so each a only touches its
 * species' contiguous column range; (2) B_k = Σ_s C_ks Π_t A_{a_st} and the sparse Jacobian
 * M_k,a = ∂B_k/∂A_a (prefix/suffix products, the row pattern precomputed); (3) ∂B_k/∂r_e =
 * Σ_a M_k,a ∂A_a/∂r_e as a sparse-times-dense product: for each non-zero M_k,a one vectorisable
 * axpy over the edge range of a's species, rows blocked so that the result is written edge by
 * edge into the edges × size × 3 output.
 */
final class CompiledBasis {
    /** Rows per block of the gradient product. */
    static final int ROW_BLOCK = 32;

    final int speciesCount;
    final RadialBasisSpec[] radial; // per neighbour species
    final int radialCount;
    final int lmax;
    final RealSphericalHarmonics ylm;
    // used atomic-base entries
    final int aCount;
    final int[] aSpecies;
    final int[] aN;
    final int[] aLm;
    final int[] aSpeciesStart; // speciesCount + 1
    // rows
    final int rows;
    final int[] rowColumn;
    final int[] rowFunction; // index into the basis set
    final int[] rowOrder;
    final int[] termStart; // rows + 1
    final double[] termCoeff;
    final int[] factorStart; // rows: offset into termA / termPos of the row's first term
    final int[] termA; // local a per term and factor
    final int[] termPos; // nnz position per term and factor
    final int[] nnzStart; // rows + 1
    final int[] nnzA;
    final int maxOrder;

    /**
     * @param basis     the enumerated basis
     * @param functions basis functions (indices into the basis) to evaluate, one row each
     * @param columns   output column of each row
     * @param radial    radial basis per neighbour species (for this centre species)
     */
    CompiledBasis(AceBasisSet basis, int[] functions, int[] columns, RadialBasisSpec[] radial) {
        this.speciesCount = radial.length;
        this.rows = functions.length;
        this.rowFunction = functions.clone();
        this.rowColumn = columns.clone();
        List<AceBasisSet.OneParticle> ops = basis.oneParticles();
        // used entries (z, n, l, m) in sorted order
        int maxN = 0;
        int maxL = 0;
        int maxNu = 1;
        java.util.TreeSet<Long> used = new java.util.TreeSet<>();
        for (int f : functions) {
            AceBasisSet.Function fn = basis.function(f);
            maxNu = Math.max(maxNu, fn.order());
            for (int t = 0; t < fn.order(); t++) {
                AceBasisSet.OneParticle op = ops.get(fn.factor(t));
                maxN = Math.max(maxN, op.n());
                maxL = Math.max(maxL, op.l());
                for (int s = 0; s < fn.terms(); s++) {
                    used.add(key(op.species(), op.n(), op.l(), fn.m(s, t)));
                }
            }
        }
        this.maxOrder = maxNu;
        this.lmax = maxL;
        this.radialCount = maxN + 1;
        this.ylm = new RealSphericalHarmonics(maxL);
        this.radial = new RadialBasisSpec[radial.length];
        for (int z = 0; z < radial.length; z++) {
            this.radial[z] = radial[z].count() == radialCount ? radial[z] : radial[z].withCount(radialCount);
        }
        aCount = used.size();
        aSpecies = new int[aCount];
        aN = new int[aCount];
        aLm = new int[aCount];
        aSpeciesStart = new int[speciesCount + 1];
        Map<Long, Integer> local = new HashMap<>();
        int a = 0;
        for (long k : used) {
            int z = (int) (k >> 48);
            int n = (int) ((k >> 32) & 0xFFFF);
            int l = (int) ((k >> 16) & 0xFFFF);
            int m = (int) (k & 0xFFFF) - 0x8000;
            aSpecies[a] = z;
            aN[a] = n;
            aLm[a] = RealSphericalHarmonics.index(l, m);
            local.put(k, a);
            a++;
        }
        for (int z = 0, at = 0; z <= speciesCount; z++) {
            while (at < aCount && aSpecies[at] < z) {
                at++;
            }
            aSpeciesStart[z] = at;
        }
        // rows: terms, factors and the sparse Jacobian pattern
        rowOrder = new int[rows];
        termStart = new int[rows + 1];
        factorStart = new int[rows];
        nnzStart = new int[rows + 1];
        int terms = 0;
        int factors = 0;
        for (int r = 0; r < rows; r++) {
            AceBasisSet.Function fn = basis.function(functions[r]);
            terms += fn.terms();
            factors += fn.terms() * fn.order();
        }
        termCoeff = new double[terms];
        termA = new int[factors];
        termPos = new int[factors];
        List<Integer> nnz = new ArrayList<>();
        int term = 0;
        int factor = 0;
        for (int r = 0; r < rows; r++) {
            AceBasisSet.Function fn = basis.function(functions[r]);
            int nu = fn.order();
            rowOrder[r] = nu;
            termStart[r] = term;
            factorStart[r] = factor;
            nnzStart[r] = nnz.size();
            Map<Integer, Integer> pos = new java.util.TreeMap<>();
            for (int s = 0; s < fn.terms(); s++) {
                for (int t = 0; t < nu; t++) {
                    AceBasisSet.OneParticle op = ops.get(fn.factor(t));
                    pos.put(local.get(key(op.species(), op.n(), op.l(), fn.m(s, t))), 0);
                }
            }
            int p = nnz.size();
            for (Map.Entry<Integer, Integer> e : pos.entrySet()) {
                e.setValue(p++);
                nnz.add(e.getKey());
            }
            for (int s = 0; s < fn.terms(); s++) {
                termCoeff[term++] = fn.coefficient(s);
                for (int t = 0; t < nu; t++) {
                    AceBasisSet.OneParticle op = ops.get(fn.factor(t));
                    int la = local.get(key(op.species(), op.n(), op.l(), fn.m(s, t)));
                    termA[factor] = la;
                    termPos[factor] = pos.get(la);
                    factor++;
                }
            }
        }
        termStart[rows] = term;
        nnzStart[rows] = nnz.size();
        nnzA = nnz.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long key(int z, int n, int l, int m) {
        return ((long) z << 48) | ((long) n << 32) | ((long) l << 16) | (m + 0x8000);
    }

    /** Number of non-zeros of the Jacobian ∂B/∂A. */
    int nnz() {
        return nnzA.length;
    }

    /** Per-thread scratch for one centre species. */
    final class Workspace {
        final double[] a = new double[aCount];
        final double[] mval = new double[nnzA.length];
        final double[] values = new double[rows];
        final double[] rad = new double[radialCount];
        final double[] drad = new double[radialCount];
        final double[] y = new double[ylm.size()];
        final double[] dy = new double[3 * ylm.size()];
        final double[] prefix = new double[maxOrder + 1];
        final double[] suffix = new double[maxOrder + 1];
        double[] da = new double[0];
        double[] block = new double[0];
        int edgeCapacity = -1;

        void ensureEdges(int edges) {
            if (edges > edgeCapacity) {
                edgeCapacity = Math.max(edges, 2 * edgeCapacity);
                da = new double[aCount * 3 * edgeCapacity];
                block = new double[ROW_BLOCK * 3 * edgeCapacity];
            }
        }
    }

    Workspace workspace() {
        return new Workspace();
    }

    /**
     * Computes the atomic base of one environment (and its edge derivatives).
     *
     * @param w        scratch
     * @param edges    number of neighbours, grouped by species (ascending)
     * @param vec      3 components per neighbour of r_ij, Å
     * @param dist     |r_ij| per neighbour
     * @param species  species index per neighbour
     * @param gradient whether to fill w.da (a × 3·edges, row stride 3·edgeCapacity)
     */
    void atomicBase(Workspace w, int edges, double[] vec, double[] dist, int[] species, boolean gradient) {
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
     * B = C·ΠA into w.values and, if requested, the Jacobian values ∂B/∂A into w.mval.
     */
    void products(Workspace w, boolean jacobian) {
        double[] a = w.a;
        double[] m = w.mval;
        if (jacobian) {
            Arrays.fill(m, 0);
        }
        for (int r = 0; r < rows; r++) {
            int nu = rowOrder[r];
            int f = factorStart[r];
            double val = 0;
            int t1 = termStart[r + 1];
            switch (nu) {
                case 1 -> {
                    for (int t = termStart[r]; t < t1; t++, f++) {
                        double c = termCoeff[t];
                        val += c * a[termA[f]];
                        if (jacobian) {
                            m[termPos[f]] += c;
                        }
                    }
                }
                case 2 -> {
                    for (int t = termStart[r]; t < t1; t++, f += 2) {
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
                    for (int t = termStart[r]; t < t1; t++, f += 3) {
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
                    for (int t = termStart[r]; t < t1; t++, f += 4) {
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
                    for (int t = termStart[r]; t < t1; t++, f += nu) {
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
            w.values[r] = val;
        }
    }

    /**
     * ∂B/∂r_e for the edges of one atom, written into the descriptor's gradient array.
     *
     * @param w            scratch after {@link #atomicBase} (with gradients) and {@link #products} (with Jacobian)
     * @param edges        number of local edges
     * @param edgeStart    first local edge of each species (speciesCount + 1 values)
     * @param globalEdge   global edge index per local edge
     * @param out          the gradient array, edges × size × 3
     * @param size         features per atom of the output
     */
    void edgeGradients(Workspace w, int edges, int[] edgeStart, int[] globalEdge, double[] out, int size) {
        int stride = 3 * w.edgeCapacity;
        double[] da = w.da;
        double[] block = w.block;
        double[] m = w.mval;
        int width = 3 * edges;
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int r1 = Math.min(rows, r0 + ROW_BLOCK);
            for (int r = r0; r < r1; r++) {
                int base = (r - r0) * stride;
                Arrays.fill(block, base, base + width, 0);
                for (int j = nnzStart[r]; j < nnzStart[r + 1]; j++) {
                    double v = m[j];
                    if (v == 0) {
                        continue;
                    }
                    int a = nnzA[j];
                    int z = aSpecies[a];
                    int from = 3 * edgeStart[z];
                    int to = 3 * edgeStart[z + 1];
                    int src = a * stride;
                    for (int c = from; c < to; c++) {
                        block[base + c] += v * da[src + c];
                    }
                }
            }
            for (int e = 0; e < edges; e++) {
                int ge = globalEdge[e];
                long rowBase = (long) ge * size;
                for (int r = r0; r < r1; r++) {
                    int at = (int) ((rowBase + rowColumn[r]) * 3);
                    int src = (r - r0) * stride + 3 * e;
                    out[at] = block[src];
                    out[at + 1] = block[src + 1];
                    out[at + 2] = block[src + 2];
                }
            }
        }
    }
}
