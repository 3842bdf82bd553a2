package org.atomstack.purification.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;
import org.atomstack.basis.ace.toolkit.RealSphericalHarmonics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Linearisation of products of one-particle functions (Eq. 12): radial exact / least squares, angular Gaunt. */
class LinearisationTest {
    private static double product(RadialBasisSpec spec, int[] ns, double r) {
        int max = 0;
        for (int n : ns) {
            max = Math.max(max, n);
        }
        double[] v = new double[max + 1];
        spec.withCount(max + 1).evaluate(r, v, null);
        double p = 1;
        for (int n : ns) {
            p *= v[n];
        }
        return p;
    }

    private static double expanded(RadialBasisSpec spec, double[] rho, double r) {
        double[] v = new double[rho.length];
        spec.withCount(rho.length).evaluate(r, v, null);
        double s = 0;
        for (int i = 0; i < rho.length; i++) {
            s += rho[i] * v[i];
        }
        return s;
    }

    @ParameterizedTest(name = "{0} {1}, envelope ({2}, {3}), inner {4}")
    @CsvSource({"jacobi, agnesi, 2, 2, 0", "legendre, agnesi, 2, 2, 0", "jacobi, power, 3, 0, 0", "jacobi, linear, 2, 1, 0",
        "legendre, power, 2, 3, 1.1", "jacobi, linear, 0, 0, 0"})
    void polynomialProductsAreLinearisedExactly(String family, String transform, int ec, int ein, double inner) {
        RadialBasisSpec spec = RadialBasisSpec.polynomial(4, 5.0, inner, RadialBasisSpec.Transform.valueOf(transform.toUpperCase()),
            2.7, 2, 4, ec, ein, RadialBasisSpec.Polynomials.valueOf(family.toUpperCase()));
        RadialProducts lin = new RadialProducts(spec, 1e-10, 4);
        assertTrue(lin.exact());
        SplittableRandom rnd = new SplittableRandom(3);
        for (int[] ns : new int[][] {{0, 0}, {1, 3}, {4, 7}, {2, 2, 5}, {0, 3, 6, 9}, {12, 15}}) {
            double[] rho = lin.coefficients(ns);
            int sum = java.util.Arrays.stream(ns).sum();
            assertEquals(sum + (ns.length - 1) * (ec + ein) + 1, rho.length, "ν range of " + java.util.Arrays.toString(ns));
            for (int k = 0; k < 20; k++) {
                double r = inner + (5.0 - inner) * rnd.nextDouble();
                double f = product(spec, ns, r);
                double g = expanded(spec, rho, r);
                double scale = Math.abs(product(spec, new int[] {0, 0}, r)) + Math.abs(f);
                assertEquals(f, g, 1e-11 * Math.max(scale, 1e-3), "n = " + java.util.Arrays.toString(ns) + " at r = " + r);
            }
        }
    }

    @Test
    void besselProductsFallBackToLeastSquaresWithAResidualCheck() {
        RadialBasisSpec spec = RadialBasisSpec.bessel(6, 5.0, 6);
        RadialProducts strict = new RadialProducts(spec, 1e-10, 4);
        RadialProducts.ResidualException e = assertThrows(RadialProducts.ResidualException.class, () -> strict.coefficients(new int[] {1, 2}));
        assertTrue(e.getMessage().contains("bessel") && e.getMessage().contains("[1, 2]") && e.getMessage().contains("residual"),
            e.getMessage());
        RadialProducts loose = new RadialProducts(spec, 0.05, 8);
        double[] rho = loose.coefficients(new int[] {1, 2});
        double res = loose.worstResidual();
        assertTrue(res > 0 && res <= 0.05, "residual " + res);
        // the fitted combination approximates the product in L²(r² dr) to the reported residual
        GaussLegendre q = new GaussLegendre(400);
        double num = 0;
        double den = 0;
        for (int i = 0; i < q.size(); i++) {
            double r = 2.5 * (q.node(i) + 1);
            double w = 2.5 * q.weight(i) * r * r;
            double f = product(spec, new int[] {1, 2}, r);
            double g = expanded(spec, rho, r);
            num += w * (f - g) * (f - g);
            den += w * f * f;
        }
        assertEquals(res, Math.sqrt(num / den), 0.05 * res);
    }

    @Test
    void leastSquaresRecoversAnExactCombination() {
        int m = 40;
        int k = 5;
        double[] a = new double[m * k];
        double[] b = new double[m];
        double[] truth = {0.5, -1.25, 2, 0.125, -0.75};
        for (int i = 0; i < m; i++) {
            double x = Math.cos(Math.PI * (i + 0.5) / m);
            for (int j = 0; j < k; j++) {
                a[j * m + i] = Math.pow(x, j);
                b[i] += truth[j] * Math.pow(x, j);
            }
        }
        double[] c = new LeastSquares(a, m, k).solve(b);
        for (int j = 0; j < k; j++) {
            assertEquals(truth[j], c[j], 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> new LeastSquares(new double[m * 2], m, 2));
    }

    @Test
    void productsOfSphericalHarmonicsAreLinearisedByGauntCoefficients() {
        AngularProducts lin = new AngularProducts();
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(18);
        double[] y = new double[ylm.size()];
        SplittableRandom rnd = new SplittableRandom(11);
        int[][][] cases = {{{1, 1}, {-1, 1}}, {{2, 3}, {1, -2}}, {{4, 4}, {-3, 3}}, {{1, 2, 3}, {0, -1, 2}}, {{2, 2, 2, 2}, {1, -1, 2, 0}},
            {{6, 5}, {-6, 4}}};
        for (int[][] c : cases) {
            AngularProducts.Expansion e = lin.product(c[0], c[1]);
            for (int k = 0; k < 10; k++) {
                double x = rnd.nextDouble() - 0.5;
                double yy = rnd.nextDouble() - 0.5;
                double z = rnd.nextDouble() - 0.5;
                ylm.evaluate(x, yy, z, y);
                double p = 1;
                for (int t = 0; t < c[0].length; t++) {
                    p *= y[RealSphericalHarmonics.index(c[0][t], c[1][t])];
                }
                double s = 0;
                for (int i = 0; i < e.size(); i++) {
                    s += e.value()[i] * y[RealSphericalHarmonics.index(e.l()[i], e.m()[i])];
                }
                assertEquals(p, s, 1e-13, "Y product " + java.util.Arrays.deepToString(c));
            }
            int lsum = java.util.Arrays.stream(c[0]).sum();
            for (int i = 0; i < e.size(); i++) {
                assertTrue(e.l()[i] <= lsum && (lsum - e.l()[i]) % 2 == 0, "degree and parity preserved");
            }
        }
    }
}
