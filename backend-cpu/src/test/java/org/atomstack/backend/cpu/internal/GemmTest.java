package org.atomstack.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The blocked GEMMs against a naive triple loop on odd sizes (below, at and across the block
 * sizes MR/NR, MC, KC and NC), every transpose combination, both precisions. The error bound is
 * the rigorous one for a sum of k products accumulated in the working precision:
 * (k + 1)·ε·Σ_p |a_ip·b_pj|.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GemmTest {
    private Parallel par;

    @BeforeAll
    void start() {
        par = new Parallel(3);
    }

    @AfterAll
    void stop() {
        par.close();
    }

    static Stream<Arguments> sizes() {
        int[][] mnk = {
            {1, 1, 1}, {3, 3, 3}, {1, 130, 17}, {130, 1, 65}, {17, 65, 3}, {65, 3, 17}, {3, 17, 65},
            {65, 65, 65}, {130, 130, 130}, {67, 129, 300}, {3, 2100, 5}, {257, 5, 9}};
        Stream.Builder<Arguments> b = Stream.builder();
        for (int[] s : mnk) {
            for (int flags = 0; flags < 4; flags++) {
                b.add(Arguments.of(s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("sizes")
    void doubleGemmMatchesTheNaiveTripleLoop(int m, int n, int k, boolean transA, boolean transB) {
        double[] a = random(m * k, 31L * m + k);
        double[] b = random(k * n, 17L * n + k);
        double[] c = new double[m * n];
        GemmF64.multiply(par, a, 0, transA ? 1 : k, transA ? m : 1, b, 0, transB ? 1 : n, transB ? k : 1, c, 0, m, n, k);
        double[] got = c;
        compare(m, n, k, transA, transB, a, b, i -> got[i], 0x1p-53);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("sizes")
    void floatGemmMatchesTheNaiveTripleLoop(int m, int n, int k, boolean transA, boolean transB) {
        double[] a = random(m * k, 31L * m + k);
        double[] b = random(k * n, 17L * n + k);
        float[] af = toFloat(a);
        float[] bf = toFloat(b);
        float[] c = new float[m * n];
        GemmF32.multiply(par, af, 0, transA ? 1 : k, transA ? m : 1, bf, 0, transB ? 1 : n, transB ? k : 1, c, 0, m, n, k);
        compare(m, n, k, transA, transB, toDouble(af), toDouble(bf), i -> c[i], 0x1p-24);
    }

    private interface Result {
        double at(int i);
    }

    private static void compare(int m, int n, int k, boolean transA, boolean transB, double[] a, double[] b, Result c, double eps) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    double prod = a[transA ? p * m + i : i * k + p] * b[transB ? j * k + p : p * n + j];
                    s += prod;
                    mag += Math.abs(prod);
                }
                double got = c.at(i * n + j);
                double bound = 2 * (k + 1) * eps * mag;
                if (!(Math.abs(got - s) <= bound)) {
                    fail(String.format(Locale.ROOT, "C[%d,%d] = %.17g, naive %.17g, bound %.3g (m=%d n=%d k=%d)", i, j, got, s, bound, m, n, k));
                }
            }
        }
    }

    private static double[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(-1, 1);
        }
        return x;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
