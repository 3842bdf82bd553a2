package org.atomstack.basis.ace.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.selection.SelectableBasis;
import org.junit.jupiter.api.Test;

class AceSelectableBasisTest {
    @Test
    void jacobianMatchesFiniteDifferencesInTheAtomicBase() {
        Descriptor d = AceFixtures.create(AceFixtures.with(AceFixtures.with(AceFixtures.small(4.5), "degree", List.of(6, 6, 5, 4)),
            "species", List.of("Cu", "Ni")), 1);
        SelectableBasis sb = d.selectable().orElseThrow();
        assertEquals(d.size(), sb.size());
        assertEquals(d.featureLabels(), sb.labels());
        int p = sb.primitiveCount();
        int k = sb.size();
        double[] alpha = new double[p];
        sb.samplePrimitives(new SplittableRandom(3), alpha);
        double norm = 0;
        for (double a : alpha) {
            norm += a * a;
        }
        assertTrue(norm > 1e-3, "random environments give non-zero atomic bases");
        double[] v = new double[k];
        double[] jac = new double[k * p];
        sb.evaluate(alpha, v, jac);
        double[] vp = new double[k];
        double[] vm = new double[k];
        double[] scratch = new double[k * p];
        double h = 1e-6;
        for (int q = 0; q < p; q++) {
            double[] ap = alpha.clone();
            double[] am = alpha.clone();
            ap[q] += h;
            am[q] -= h;
            sb.evaluate(ap, vp, scratch);
            sb.evaluate(am, vm, scratch);
            for (int f = 0; f < k; f++) {
                double fd = (vp[f] - vm[f]) / (2 * h);
                assertEquals(fd, jac[f * p + q], 1e-6 * (1 + Math.abs(fd)));
            }
        }
        // the Jacobian is block diagonal over centre species
        int half = k / 2;
        for (int f = 0; f < k; f++) {
            for (int q = 0; q < p; q++) {
                if ((f < half) != (q < p / 2)) {
                    assertEquals(0, jac[f * p + q]);
                }
            }
        }
    }

    @Test
    void degreesAreRoundedTotalDegreesAndSamplingIsSeeded() {
        AceDescriptor d = (AceDescriptor) AceFixtures.create(AceFixtures.small(4.5), 42);
        SelectableBasis sb = d.selectable().orElseThrow();
        double[] exact = d.totalDegrees();
        int[] deg = sb.degrees();
        for (int i = 0; i < deg.length; i++) {
            assertTrue(deg[i] >= exact[i] - 1e-9 && deg[i] < exact[i] + 1);
        }
        double[] a = new double[sb.primitiveCount()];
        double[] b = new double[sb.primitiveCount()];
        sb.samplePrimitives(new SplittableRandom(9), a);
        sb.samplePrimitives(new SplittableRandom(9), b);
        assertArrayEquals(a, b);
    }
}
