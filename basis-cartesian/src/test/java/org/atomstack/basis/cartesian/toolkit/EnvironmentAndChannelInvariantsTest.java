package org.atomstack.basis.cartesian.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.atomstack.api.autodiff.GradCheck;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.backend.cpu.internal.CpuBackendProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Environment tensors (host and autodiff) and the channel-wise invariant layer on the CPU
 * backend: values against the host reference, first and second derivatives in weights and
 * edge vectors by {@link GradCheck}, rotation invariance, and the host vector–Jacobian product.
 */
class EnvironmentAndChannelInvariantsTest {
    private static Backend backend;

    /** A small random neighbourhood: 3 atoms, 7 edges, 2 channels. */
    private static final int ATOMS = 3;
    private static final int CHANNELS = 2;
    private static final int[] CENTRES = {0, 0, 0, 1, 1, 2, 2};
    private static final int EDGES = CENTRES.length;

    @BeforeAll
    static void open() {
        backend = new CpuBackendProvider().open();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static double[] vectors(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[3 * EDGES];
        for (int e = 0; e < EDGES; e++) {
            double[] u = TestMath.randomDirection(rng);
            double r = rng.nextDouble(0.8, 2.5);
            for (int c = 0; c < 3; c++) {
                v[3 * e + c] = r * u[c];
            }
        }
        return v;
    }

    private static double[] weights(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[EDGES * CHANNELS];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextDouble(-1, 1);
        }
        return w;
    }

    @Test
    void hostEnvironmentIsTheWeightedSumOfIrreducibleTensors() {
        EnvironmentTensors env = new EnvironmentTensors(3);
        double[] v = vectors(1);
        double[] w = weights(2);
        double[] out = env.compute(v, w, CHANNELS, CENTRES, ATOMS);
        int p = env.size();
        for (int a = 0; a < CHANNELS; a++) {
            for (int l = 0; l <= 3; l++) {
                double[] expected = new double[IrreducibleTensors.pow3(l)];
                for (int e = 0; e < 3; e++) {
                    double[] t = IrreducibleTensors.array(l, v[3 * e], v[3 * e + 1], v[3 * e + 2]);
                    for (int i = 0; i < t.length; i++) {
                        expected[i] += w[e * CHANNELS + a] * t[i];
                    }
                }
                double[] actual = env.tensors().toArray(l, out, a * p + IrreducibleTensors.offset(l));
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-13, "atom 0, channel " + a + ", l = " + l);
                }
            }
        }
    }

    @Test
    void hostVectorJacobianProductMatchesFiniteDifferences() {
        EnvironmentTensors env = new EnvironmentTensors(3);
        double[] v = vectors(3);
        double[] w = weights(4);
        int n = ATOMS * CHANNELS * env.size();
        double[] up = new double[n];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            up[i] = rng.nextDouble(-1, 1);
        }
        double[] gv = new double[v.length];
        double[] gw = new double[w.length];
        env.backward(v, w, CHANNELS, CENTRES, ATOMS, up, gv, gw);
        double h = 1e-6;
        for (int i = 0; i < v.length; i++) {
            double[] vp = v.clone();
            double[] vm = v.clone();
            vp[i] += h;
            vm[i] -= h;
            double numeric = (dot(up, env.compute(vp, w, CHANNELS, CENTRES, ATOMS)) - dot(up, env.compute(vm, w, CHANNELS, CENTRES, ATOMS))) / (2 * h);
            assertEquals(numeric, gv[i], 1e-7 * (1 + Math.abs(numeric)), "∂L/∂r[" + i + "]");
        }
        for (int i = 0; i < w.length; i++) {
            double[] wp = w.clone();
            double[] wm = w.clone();
            wp[i] += h;
            wm[i] -= h;
            double numeric = (dot(up, env.compute(v, wp, CHANNELS, CENTRES, ATOMS)) - dot(up, env.compute(v, wm, CHANNELS, CENTRES, ATOMS))) / (2 * h);
            assertEquals(numeric, gw[i], 1e-7 * (1 + Math.abs(numeric)), "∂L/∂w[" + i + "]");
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static Var layer(ChannelInvariants inv, Graph g, List<Var> xs) {
        return inv.apply(g, xs.get(0), xs.get(1), g.indices(CENTRES, EDGES), ATOMS);
    }

    @Test
    void autodiffEnvironmentAndInvariantsMatchTheHost() {
        EnvironmentTensors env = new EnvironmentTensors(3);
        CartesianChannelInvariants inv = CartesianChannelInvariants.flexible();
        double[] v = vectors(6);
        double[] w = weights(7);
        try (Graph g = new Graph(backend)) {
            Var wv = g.constant(w, DType.FLOAT64, EDGES, CHANNELS);
            Var vv = g.constant(v, DType.FLOAT64, EDGES, 3);
            Var centres = g.indices(CENTRES, EDGES);
            Var e = env.apply(g, wv, vv, centres, ATOMS);
            assertEquals(Shape.of(ATOMS, CHANNELS, 16), e.shape());
            double[] host = env.compute(v, w, CHANNELS, CENTRES, ATOMS);
            double[] dev = e.toDoubles();
            for (int i = 0; i < host.length; i++) {
                assertEquals(host[i], dev[i], 1e-13);
            }
            Var out = inv.apply(g, wv, vv, centres, ATOMS);
            assertEquals(Shape.of(ATOMS, CHANNELS, 13), out.shape());
            double[] ref = inv.evaluate(w, v, CHANNELS, CENTRES, ATOMS);
            double[] got = out.toDoubles();
            for (int i = 0; i < ref.length; i++) {
                assertEquals(ref[i], got[i], 1e-12 * (1 + Math.abs(ref[i])), "invariant " + i % 13 + " (" + inv.labels().get(i % 13) + ")");
            }
        }
    }

    @Test
    void flexibleInvariantsPassFirstAndSecondOrderGradientChecks() {
        CartesianChannelInvariants inv = CartesianChannelInvariants.flexible();
        GradCheck check = new GradCheck(backend, (g, xs) -> layer(inv, g, xs), List.of(weights(8), vectors(9)),
            List.of(Shape.of(EDGES, CHANNELS), Shape.of(EDGES, 3)), 10);
        check.firstOrder(DType.FLOAT64).assertWithin(1e-6);
        check.secondOrder(DType.FLOAT64).assertWithin(1e-5);
    }

    @Test
    void tensorNormsPassFirstAndSecondOrderGradientChecks() {
        CartesianChannelInvariants inv = CartesianChannelInvariants.norms(4);
        assertEquals(List.of("-", "0,0", "01,01", "012,012", "0123,0123"), inv.labels());
        GradCheck check = new GradCheck(backend, (g, xs) -> layer(inv, g, xs), List.of(weights(11), vectors(12)),
            List.of(Shape.of(EDGES, CHANNELS), Shape.of(EDGES, 3)), 13);
        check.firstOrder(DType.FLOAT64).assertWithin(1e-6);
        check.secondOrder(DType.FLOAT64).assertWithin(1e-5);
    }

    @Test
    void invariantsDoNotChangeUnderRotationsAndReflections() {
        CartesianChannelInvariants inv = CartesianChannelInvariants.flexible();
        double[] v = vectors(14);
        double[] w = weights(15);
        double[] ref = inv.evaluate(w, v, CHANNELS, CENTRES, ATOMS);
        SplittableRandom rng = new SplittableRandom(16);
        for (int t = 0; t < 2; t++) {
            double[] rot = TestMath.rotation(rng, t == 1);
            double[] turned = new double[v.length];
            for (int e = 0; e < EDGES; e++) {
                double[] r = TestMath.apply(rot, new double[] {v[3 * e], v[3 * e + 1], v[3 * e + 2]});
                System.arraycopy(r, 0, turned, 3 * e, 3);
            }
            double[] got = inv.evaluate(w, turned, CHANNELS, CENTRES, ATOMS);
            for (int i = 0; i < ref.length; i++) {
                assertEquals(ref[i], got[i], 1e-12 * (1 + Math.abs(ref[i])));
            }
        }
    }

    @Test
    void shapeErrorsQuoteTheShapes() {
        CartesianChannelInvariants inv = CartesianChannelInvariants.flexible();
        try (Graph g = new Graph(backend)) {
            Var w = g.constant(weights(1), DType.FLOAT64, EDGES, CHANNELS);
            Var bad = g.constant(new double[3 * (EDGES - 1)], DType.FLOAT64, EDGES - 1, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> inv.apply(g, w, bad, g.indices(CENTRES, EDGES), ATOMS));
            assertTrue(e.getMessage().contains("[6, 3]") && e.getMessage().contains("[7, 3]"), e.getMessage());
        }
        EnvironmentTensors env = new EnvironmentTensors(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> env.compute(vectors(1), weights(1), CHANNELS, new int[] {0, 0, 0, 1, 1, 2, 5}, ATOMS));
        assertTrue(e.getMessage().contains("centres[6] = 5"), e.getMessage());
    }
}
