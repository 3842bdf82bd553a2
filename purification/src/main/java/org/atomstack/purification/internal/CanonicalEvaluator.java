package org.atomstack.purification.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;
import org.atomstack.basis.ace.toolkit.RealSphericalHarmonics;

/**
 * The evaluation plan of output rows 𝔅_i = Σ_j T_ij B_j for atoms of one centre species, where the
 * B_j ("inner" functions, the self-interacting invariants of K′ that the rows need) are products
 * of the atomic base and T is sparse: ACE's evaluation plus one sparse matrix product. Immutable;
 * the per-atom scratch lives in {@link Workspace}.
 *
 * <p>Per atom: (1) the atomic base A_a = Σ_j R_n(r_ij) Y_lm(r̂_ij) over the used entries
 * a = (z, n, l, m) and, with gradients, ∂A_a/∂r_e = R_n' Y_lm r̂_e + R_n ∇Y_lm per edge e of
 * species z (edges grouped by species); (2) B_j = Σ_s C_js Π_t A_{a_st} with the sparse Jacobian
 * M_ja = ∂B_j/∂A_a (prefix/suffix products); (3) 𝔅 = T·B; with gradients ∂B_j/∂r_e = Σ_a M_ja
 * ∂A_a/∂r_e as one axpy per non-zero of M over the edge range of a's species, then ∂𝔅_i/∂r_e =
 * Σ_j T_ij ∂B_j/∂r_e for blocks of rows, written edge by edge into the edges × size × 3 output.
 * The canonical features are linear maps of the products, so their gradients are exact.
 */
final class CanonicalEvaluator {
    /** Rows per block of the gradient product. */
    static final int ROW_BLOCK = 32;

    final int speciesCount;
    final RadialBasisSpec[] radial;
    final int radialCount;
    final RealSphericalHarmonics ylm;
    final int aCount;
    final int[] aSpecies;
    final int[] aN;
    final int[] aLm;
    final int[] aSpeciesStart;
    // inner functions
    final int inner;
    final int[] innerOrder;
    final int[] termStart;
    final double[] termCoeff;
    final int[] factorStart;
    final int[] termA;
    final int[] termPos;
    final int[] nnzStart;
    final int[] nnzA;
    final int maxOrder;
    // output rows
    final int rows;
    final int[] rowColumn;
    final int[] tStart;
    final int[] tInner;
    final double[] tValue;

    /**
     * @param innerFunctions the products B_j the rows need
     * @param rowInner       per output row, indices into innerFunctions
     * @param rowValues      per output row, the values T_ij
     * @param rowColumn      per output row, its feature column
     * @param radial         radial basis per neighbour species (for this centre)
     */
    CanonicalEvaluator(List<ProductInvariant> innerFunctions, int[][] rowInner, double[][] rowValues, int[] rowColumn,
                       RadialBasisSpec[] radial) {
        this.speciesCount = radial.length;
        this.inner = innerFunctions.size();
        int maxN = 0;
        int maxL = 0;
        int maxNu = 1;
        TreeSet<Integer> used = new TreeSet<>();
        for (ProductInvariant f : innerFunctions) {
            maxNu = Math.max(maxNu, f.order());
            maxN = Math.max(maxN, f.maxN());
            maxL = Math.max(maxL, f.maxL());
            for (int s = 0; s < f.terms(); s++) {
                for (int t = 0; t < f.order(); t++) {
                    used.add(f.atomKey(s, t));
                }
            }
        }
        this.maxOrder = maxNu;
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
        Map<Integer, Integer> local = new HashMap<>();
        int a = 0;
        for (int key : used) {
            aSpecies[a] = AtomKey.species(key);
            aN[a] = AtomKey.n(key);
            aLm[a] = RealSphericalHarmonics.index(AtomKey.l(key), AtomKey.m(key));
            local.put(key, a++);
        }
        for (int z = 0, at = 0; z <= speciesCount; z++) {
            while (at < aCount && aSpecies[at] < z) {
                at++;
            }
            aSpeciesStart[z] = at;
        }
        innerOrder = new int[inner];
        termStart = new int[inner + 1];
        factorStart = new int[inner];
        nnzStart = new int[inner + 1];
        int terms = 0;
        int factors = 0;
        for (ProductInvariant f : innerFunctions) {
            terms += f.terms();
            factors += f.terms() * f.order();
        }
        termCoeff = new double[terms];
        termA = new int[factors];
        termPos = new int[factors];
        List<Integer> nnz = new ArrayList<>();
        int term = 0;
        int factor = 0;
        for (int j = 0; j < inner; j++) {
            ProductInvariant f = innerFunctions.get(j);
            int nu = f.order();
            innerOrder[j] = nu;
            termStart[j] = term;
            factorStart[j] = factor;
            nnzStart[j] = nnz.size();
            TreeSet<Integer> pattern = new TreeSet<>();
            for (int s = 0; s < f.terms(); s++) {
                for (int t = 0; t < nu; t++) {
                    pattern.add(local.get(f.atomKey(s, t)));
                }
            }
            Map<Integer, Integer> pos = new HashMap<>();
            for (int la : pattern) {
                pos.put(la, nnz.size());
                nnz.add(la);
            }
            for (int s = 0; s < f.terms(); s++) {
                termCoeff[term++] = f.coefficient(s);
                for (int t = 0; t < nu; t++) {
                    int la = local.get(f.atomKey(s, t));
                    termA[factor] = la;
                    termPos[factor] = pos.get(la);
                    factor++;
                }
            }
        }
        termStart[inner] = term;
        nnzStart[inner] = nnz.size();
        nnzA = nnz.stream().mapToInt(Integer::intValue).toArray();
        rows = rowColumn.length;
        this.rowColumn = rowColumn.clone();
        tStart = new int[rows + 1];
        int total = 0;
        for (int r = 0; r < rows; r++) {
            tStart[r] = total;
            total += rowInner[r].length;
        }
        tStart[rows] = total;
        tInner = new int[total];
        tValue = new double[total];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(rowInner[r], 0, tInner, tStart[r], rowInner[r].length);
            System.arraycopy(rowValues[r], 0, tValue, tStart[r], rowValues[r].length);
        }
    }

    /** Number of non-zeros of T. */
    int tNonZeros() {
        return tInner.length;
    }

    /** Per-thread scratch. */
    final class Workspace {
        final double[] a = new double[aCount];
        final double[] mval = new double[nnzA.length];
        final double[] innerValues = new double[inner];
        final double[] values = new double[rows];
        final double[] rad = new double[radialCount];
        final double[] drad = new double[radialCount];
        final double[] y = new double[ylm.size()];
        final double[] dy = new double[3 * ylm.size()];
        final double[] prefix = new double[maxOrder + 1];
        final double[] suffix = new double[maxOrder + 1];
        double[] da = new double[0];
        double[] innerGrad = new double[0];
        double[] block = new double[0];
        int edgeCapacity = -1;

        void ensureEdges(int edges) {
            if (edges > edgeCapacity) {
                edgeCapacity = Math.max(edges, 2 * edgeCapacity);
                da = new double[aCount * 3 * edgeCapacity];
                innerGrad = new double[inner * 3 * edgeCapacity];
                block = new double[ROW_BLOCK * 3 * edgeCapacity];
            }
        }
    }

    Workspace workspace() {
        return new Workspace();
    }

    /**
     * The atomic base of one environment (and its edge derivatives).
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

    /** B = C·ΠA into w.innerValues, 𝔅 = T·B into w.values and, if requested, ∂B/∂A into w.mval. */
    void products(Workspace w, boolean jacobian) {
        double[] a = w.a;
        double[] m = w.mval;
        if (jacobian) {
            Arrays.fill(m, 0);
        }
        double[] pre = w.prefix;
        double[] suf = w.suffix;
        for (int j = 0; j < inner; j++) {
            int nu = innerOrder[j];
            int f = factorStart[j];
            double val = 0;
            int t1 = termStart[j + 1];
            if (nu == 1) {
                for (int t = termStart[j]; t < t1; t++, f++) {
                    double c = termCoeff[t];
                    val += c * a[termA[f]];
                    if (jacobian) {
                        m[termPos[f]] += c;
                    }
                }
            } else if (nu == 2) {
                for (int t = termStart[j]; t < t1; t++, f += 2) {
                    double c = termCoeff[t];
                    double a0 = a[termA[f]];
                    double a1 = a[termA[f + 1]];
                    val += c * a0 * a1;
                    if (jacobian) {
                        m[termPos[f]] += c * a1;
                        m[termPos[f + 1]] += c * a0;
                    }
                }
            } else {
                for (int t = termStart[j]; t < t1; t++, f += nu) {
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
            w.innerValues[j] = val;
        }
        for (int r = 0; r < rows; r++) {
            double v = 0;
            for (int p = tStart[r]; p < tStart[r + 1]; p++) {
                v += tValue[p] * w.innerValues[tInner[p]];
            }
            w.values[r] = v;
        }
    }

    /**
     * ∂𝔅/∂r_e for the edges of one atom, written into the descriptor's gradient array.
     *
     * @param w          scratch after {@link #atomicBase} (with gradients) and {@link #products} (with Jacobian)
     * @param edges      number of local edges
     * @param edgeStart  first local edge of each species (speciesCount + 1 values)
     * @param globalEdge global edge index per local edge
     * @param out        the gradient array, edges × size × 3
     * @param size       features per atom of the output
     */
    void edgeGradients(Workspace w, int edges, int[] edgeStart, int[] globalEdge, double[] out, int size) {
        int stride = 3 * w.edgeCapacity;
        double[] da = w.da;
        double[] g = w.innerGrad;
        double[] m = w.mval;
        int width = 3 * edges;
        for (int j = 0; j < inner; j++) {
            int base = j * stride;
            Arrays.fill(g, base, base + width, 0);
            for (int p = nnzStart[j]; p < nnzStart[j + 1]; p++) {
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
                    g[base + c] += v * da[src + c];
                }
            }
        }
        double[] block = w.block;
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int r1 = Math.min(rows, r0 + ROW_BLOCK);
            for (int r = r0; r < r1; r++) {
                int base = (r - r0) * stride;
                Arrays.fill(block, base, base + width, 0);
                for (int p = tStart[r]; p < tStart[r + 1]; p++) {
                    double v = tValue[p];
                    int src = tInner[p] * stride;
                    for (int c = 0; c < width; c++) {
                        block[base + c] += v * g[src + c];
                    }
                }
            }
            for (int e = 0; e < edges; e++) {
                long rowBase = (long) globalEdge[e] * size;
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
