package org.atomstack.purification.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.AceBasisSpec;
import org.atomstack.basis.ace.toolkit.AceParameters;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;
import org.junit.jupiter.api.Test;

/** Structure of the purification operator (Props. 2.4, 2.7, App. C.2) and its construction against Eq. 43. */
class PurificationOperatorTest {
    private record Built(AceBasisSet basis, PurificationOperator op) {
        double degree(int col) {
            return col < basis.size() ? basis.function(col).degree() : op.extensions().get(col - basis.size()).degree();
        }

        int order(int col) {
            return col < basis.size() ? basis.function(col).order() : op.extensions().get(col - basis.size()).order();
        }
    }

    /** The full operator of a one-species ace basis with the default radial basis (envelope (1 − y²)², growth 4). */
    private static Built ace(int order, double... degree) {
        AceParameters p = AceParameters.parse(Parameters.of("descriptor", Fixtures.ace(order, degree)), Fixtures.context(Fixtures.MO));
        AceBasisSet basis = p.basisSpec().build();
        RadialProducts[] radial = {new RadialProducts(p.radial(0, 0, 1), 1e-10, 4)};
        return new Built(basis, PurificationOperator.build(basis, radial, new AngularProducts(), all(basis.size())));
    }

    private static int[] all(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    @Test
    void theOperatorIsUnitTriangularInTheCorrelationOrder() {
        for (Built b : List.of(ace(3, 12, 10, 8), ace(4, 9, 8, 7, 6))) {
            for (int r = 0; r < b.op().rowCount(); r++) {
                int i = b.op().row(r);
                int[] cols = b.op().columns(r);
                double[] vals = b.op().values(r);
                boolean diagonal = false;
                for (int p = 0; p < cols.length; p++) {
                    if (cols[p] == i) {
                        assertEquals(1, vals[p], 1e-12, "T_ii of " + b.basis().label(i));
                        diagonal = true;
                    } else {
                        assertTrue(b.order(cols[p]) < b.order(i), "Prop. 2.7: row " + b.basis().label(i) + " has an entry of order "
                            + b.order(cols[p]));
                    }
                }
                assertTrue(diagonal, "no diagonal entry in row " + b.basis().label(i));
            }
            assertTrue(b.op().residual() < 1e-12, "projection residual " + b.op().residual());
        }
    }

    @Test
    void withTheEnvelopeEachMergeRaisesTheDegreeByAtMostItsPolynomialDegree() {
        Built b = ace(3, 12, 10, 8);
        boolean grows = false;
        for (int r = 0; r < b.op().rowCount(); r++) {
            int i = b.op().row(r);
            for (int col : b.op().columns(r)) {
                double bound = b.degree(i) + 4.0 * (b.order(i) - b.order(col));
                assertTrue(b.degree(col) <= bound + 1e-9, "App. C.2: degree " + b.degree(col) + " > " + bound);
                grows |= b.degree(col) > b.degree(i) + 1e-9;
            }
        }
        assertTrue(grows, "the envelope should make the operator reach beyond the degree of the row");
    }

    @Test
    void withoutAnEnvelopeTheOperatorIsDegreePreservingAndClosed() {
        // pure Legendre polynomials in a linear transform (envelope powers 0): Props. 2.4 and 2.8
        AceBasisSet basis = new AceBasisSpec(new int[] {Fixtures.MO}, 3, new double[] {10, 9, 8}, 1.5, -1, -1).build();
        RadialBasisSpec plain = RadialBasisSpec.polynomial(1, 5.0, 0, RadialBasisSpec.Transform.LINEAR, Double.NaN, Double.NaN, Double.NaN,
            0, 0, RadialBasisSpec.Polynomials.LEGENDRE);
        PurificationOperator op = PurificationOperator.build(basis, new RadialProducts[] {new RadialProducts(plain, 1e-10, 0)},
            new AngularProducts(), all(basis.size()));
        assertEquals(0, op.extensions().size(), "K' = K for a degree-preserving linearisation");
        for (int r = 0; r < op.rowCount(); r++) {
            int i = op.row(r);
            for (int col : op.columns(r)) {
                assertTrue(basis.function(col).degree() <= basis.function(i).degree() + 1e-9, "Prop. 2.4: triangular in degree");
            }
        }
    }

    @Test
    void closureUnderPurificationAsInTable2OfThePaper() {
        // D = D^ACEpot − ν: 22,18,14,10 and 18,15,12,9 are "equivalent" (no extra basis), 18,16,14,12 is not
        assertEquals(0, ace(4, 21, 16, 11, 6).op().extensions().size());
        assertEquals(0, ace(4, 17, 13, 9, 5).op().extensions().size());
        assertTrue(ace(4, 17, 14, 11, 8).op().extensions().size() > 0);
        // the tuned Mo basis misses two pair functions of the canonical one: Mo(19,0) and Mo(20,0)
        Built mo = ace(3, 18, 16, 12);
        List<String> ext = new ArrayList<>();
        for (ProductInvariant f : mo.op().extensions()) {
            ext.add(f.label(new int[] {Fixtures.MO}));
        }
        assertEquals(List.of("Mo(19,0) #0", "Mo(20,0) #0"), ext);
    }

    /** The recursion Eq. 43 taken literally: 𝒜_(k,q) = 𝒜_k A_q − Σ_β Σ_κ P^{k_β q}_κ 𝒜_{k[β,κ]}, memoised. */
    private static final class Recursion {
        final RadialProducts[] radial;
        final AngularProducts angular;
        final Map<IntTuple, Map<IntTuple, Double>> memo = new HashMap<>();

        Recursion(RadialProducts[] radial, AngularProducts angular) {
            this.radial = radial;
            this.angular = angular;
        }

        /** 𝒜 of keys (taken in the given order; the result is symmetric). */
        Map<IntTuple, Double> canonical(int[] keys) {
            int[] sorted = keys.clone();
            java.util.Arrays.sort(sorted);
            IntTuple key = new IntTuple(sorted);
            Map<IntTuple, Double> m = memo.get(key);
            if (m != null) {
                return m;
            }
            m = new HashMap<>();
            int n = sorted.length;
            if (n == 1) {
                m.put(key, 1.0);
            } else {
                int[] k = java.util.Arrays.copyOf(sorted, n - 1);
                int q = sorted[n - 1];
                for (Map.Entry<IntTuple, Double> e : canonical(k).entrySet()) {
                    int[] mono = java.util.Arrays.copyOf(e.getKey().toArray(), e.getKey().length() + 1);
                    mono[mono.length - 1] = q;
                    java.util.Arrays.sort(mono);
                    m.merge(new IntTuple(mono), e.getValue(), Double::sum);
                }
                for (int beta = 0; beta < n - 1; beta++) {
                    Map<Integer, Double> lin = linearise(k[beta], q);
                    for (Map.Entry<Integer, Double> kappa : lin.entrySet()) {
                        int[] kb = k.clone();
                        kb[beta] = kappa.getKey();
                        for (Map.Entry<IntTuple, Double> e : canonical(kb).entrySet()) {
                            m.merge(e.getKey(), -kappa.getValue() * e.getValue(), Double::sum);
                        }
                    }
                }
            }
            memo.put(key, m);
            return m;
        }

        /** φ_a φ_b = Σ_κ P^{ab}_κ φ_κ. */
        Map<Integer, Double> linearise(int a, int b) {
            Map<Integer, Double> out = new HashMap<>();
            int z = AtomKey.species(a);
            if (AtomKey.species(b) != z) {
                return out;
            }
            int[] ns = {Math.min(AtomKey.n(a), AtomKey.n(b)), Math.max(AtomKey.n(a), AtomKey.n(b))};
            double[] rho = radial[z].coefficients(ns);
            AngularProducts.Expansion g = angular.product(new int[] {AtomKey.l(a), AtomKey.l(b)}, new int[] {AtomKey.m(a), AtomKey.m(b)});
            for (int nu = 0; nu < rho.length; nu++) {
                for (int i = 0; i < g.size() && rho[nu] != 0; i++) {
                    out.merge(AtomKey.of(z, nu, g.l()[i], g.m()[i]), rho[nu] * g.value()[i], Double::sum);
                }
            }
            return out;
        }
    }

    @Test
    void thePartitionSumIsTheRecursionEq43() {
        RadialBasisSpec spec = RadialBasisSpec.polynomial(1, 5.0, 0, RadialBasisSpec.Transform.AGNESI, 2.7, 2, 4, 2, 2,
            RadialBasisSpec.Polynomials.JACOBI);
        RadialProducts[] radial = {new RadialProducts(spec, 1e-10, 4), new RadialProducts(spec, 1e-10, 4)};
        AngularProducts angular = new AngularProducts();
        Recursion rec = new Recursion(radial, angular);
        int[][] tuples = {
            {AtomKey.of(0, 1, 1, -1), AtomKey.of(0, 2, 1, 1)},
            {AtomKey.of(0, 0, 2, 1), AtomKey.of(0, 0, 2, 1), AtomKey.of(0, 3, 0, 0)},
            {AtomKey.of(0, 1, 1, 0), AtomKey.of(1, 2, 1, 0), AtomKey.of(0, 0, 2, -2)},
            {AtomKey.of(0, 1, 1, 1), AtomKey.of(0, 0, 1, -1), AtomKey.of(0, 2, 2, 0), AtomKey.of(0, 1, 0, 0)},
        };
        for (int[] t : tuples) {
            Map<IntTuple, Double> expected = rec.canonical(t);
            Map<IntTuple, Double> actual = PurificationOperator.expansion(t, radial, angular);
            double scale = expected.values().stream().mapToDouble(Math::abs).max().orElse(1);
            java.util.Set<IntTuple> keys = new java.util.HashSet<>(expected.keySet());
            keys.addAll(actual.keySet());
            for (IntTuple k : keys) {
                assertEquals(expected.getOrDefault(k, 0.0), actual.getOrDefault(k, 0.0), 1e-12 * scale, "monomial " + k);
            }
        }
    }
}
