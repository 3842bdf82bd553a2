package org.atomstack.purification.internal;

import java.util.Arrays;
import java.util.List;
import org.atomstack.api.structure.Elements;
import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.ProductBasisEvaluator;

/**
 * One self-interacting invariant B_j = Σ_s C_js Π_t A_{o_t, m_st}: a product of atomic-base
 * entries of the orbitals o_t = (z_t, n_t, l_t) (packed as {@link AtomKey#orbital}), in the order of
 * {@link org.atomstack.basis.ace.toolkit.AceBasisSpec} (degree n + w_L·l, then z, n, l), coupled to
 * an O(3) invariant by the coefficients C over canonical m-tuples s (m ascending within identical
 * orbitals; {@link org.atomstack.basis.ace.toolkit.ClebschGordan#symmetrisedInvariants}). Either a
 * function of the ace basis K or one of the extension K′ \ K that purification needs. Immutable.
 */
final class ProductInvariant implements ProductBasisEvaluator.Invariant {
    private final int[] orbitals;
    private final int coupling;
    private final double degree;
    private final int[][] mTuples;
    private final double[] coefficients;

    /**
     * @param orbitals     packed orbitals per factor, in basis order
     * @param coupling     coupling index among the invariants of this orbital tuple
     * @param degree       Σ_t (n_t + w_L l_t)
     * @param mTuples      canonical m-tuples with non-zero coefficient
     * @param coefficients one per m-tuple
     */
    ProductInvariant(int[] orbitals, int coupling, double degree, int[][] mTuples, double[] coefficients) {
        this.orbitals = orbitals.clone();
        this.coupling = coupling;
        this.degree = degree;
        this.mTuples = new int[mTuples.length][];
        for (int s = 0; s < mTuples.length; s++) {
            this.mTuples[s] = mTuples[s].clone();
        }
        this.coefficients = coefficients.clone();
    }

    /** Function k of an ace basis. */
    static ProductInvariant of(AceBasisSet basis, int k) {
        AceBasisSet.Function f = basis.function(k);
        List<AceBasisSet.OneParticle> ops = basis.oneParticles();
        int[] orb = new int[f.order()];
        for (int t = 0; t < orb.length; t++) {
            AceBasisSet.OneParticle o = ops.get(f.factor(t));
            orb[t] = AtomKey.orbital(AtomKey.of(o.species(), o.n(), o.l(), 0));
        }
        return new ProductInvariant(orb, f.coupling(), f.degree(), f.mTuples(), f.coefficients());
    }

    /** Correlation order ν. */
    @Override
    public int order() {
        return orbitals.length;
    }

    /** Packed orbital of factor t. */
    int orbital(int t) {
        return orbitals[t];
    }

    /** The packed orbitals (a copy). */
    int[] orbitals() {
        return orbitals.clone();
    }

    /** Coupling index. */
    int coupling() {
        return coupling;
    }

    /** Total degree. */
    double degree() {
        return degree;
    }

    /** Number of terms s. */
    @Override
    public int terms() {
        return coefficients.length;
    }

    /** C_js. */
    @Override
    public double coefficient(int s) {
        return coefficients[s];
    }

    /** m of factor t in term s. */
    @Override
    public int m(int s, int t) {
        return mTuples[s][t];
    }

    /** Neighbour species of factor t. */
    @Override
    public int species(int t) {
        return AtomKey.orbitalSpecies(orbitals[t]);
    }

    /** Radial index of factor t. */
    @Override
    public int n(int t) {
        return AtomKey.orbitalN(orbitals[t]);
    }

    /** Degree l of factor t. */
    @Override
    public int l(int t) {
        return AtomKey.orbitalL(orbitals[t]);
    }

    /**
     * A label in the style of the ace plugin, e.g. "Mo(0,1) Mo(2,1) #0".
     *
     * @param species atomic numbers of the neighbour channels
     */
    String label(int[] species) {
        StringBuilder sb = new StringBuilder();
        for (int o : orbitals) {
            sb.append(Elements.symbol(species[AtomKey.orbitalSpecies(o)])).append('(').append(AtomKey.orbitalN(o)).append(',')
                .append(AtomKey.orbitalL(o)).append(") ");
        }
        return sb.append('#').append(coupling).toString();
    }

    @Override
    public String toString() {
        return "ProductInvariant[orbitals " + Arrays.toString(orbitals) + ", coupling " + coupling + ", degree " + degree + ", "
            + coefficients.length + " terms]";
    }
}
