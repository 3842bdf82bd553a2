package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.atomstack.api.tensor.SparsePolynomial;
import org.junit.jupiter.api.Test;

/** The device layout of sparse polynomials. */
class PolynomialPlanTest {
    @Test
    void groupsTermsByOutputKeepingTheirOrderAndListsNonZeroExponents() {
        // p0 = 2 x y^2 + 5, p1 = -z^3, p0 += 7 x (terms out of output order)
        SparsePolynomial p = new SparsePolynomial(2, 3, new int[] {0, 1, 0, 0}, new double[] {2, -1, 5, 7},
            new int[] {1, 2, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0});
        PolynomialPlan plan = new PolynomialPlan(p);
        assertArrayEquals(new int[] {0, 3, 4}, plan.termStart());
        assertArrayEquals(new double[] {2, 5, 7, -1}, plan.coefficients());
        assertArrayEquals(new int[] {0, 2, 2, 3, 4}, plan.factorStart());
        assertArrayEquals(new int[] {0, 1, 0, 2}, plan.factorVariables());
        assertArrayEquals(new int[] {1, 2, 1, 3}, plan.factorExponents());
    }

    @Test
    void evaluatesLikeTheHostReferenceIncludingTheJacobian() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int outputs = rng.nextInt(1, 6);
            int vars = rng.nextInt(1, 5);
            int terms = rng.nextInt(0, 20);
            int[] out = new int[terms];
            double[] c = new double[terms];
            int[] ex = new int[terms * vars];
            for (int t = 0; t < terms; t++) {
                out[t] = rng.nextInt(outputs);
                c[t] = rng.nextDouble(-1, 1);
                for (int q = 0; q < vars; q++) {
                    ex[t * vars + q] = rng.nextInt(4);
                }
            }
            SparsePolynomial p = new SparsePolynomial(outputs, vars, out, c, ex);
            for (SparsePolynomial q : new SparsePolynomial[] {p, p.jacobian()}) {
                double[] x = rng.doubles(vars, -2, 2).toArray();
                double[] expected = q.evaluate(x);
                double[] got = new PolynomialPlan(q).evaluate(x);
                for (int k = 0; k < expected.length; k++) {
                    assertEquals(expected[k], got[k], 1e-12 * (1 + Math.abs(expected[k])));
                }
            }
        }
    }

    @Test
    void packedBufferHoldsCoefficientsThenTheFourIntArraysAtTheirOffsets() {
        SparsePolynomial p = new SparsePolynomial(2, 2, new int[] {1, 0}, new double[] {1.5, -2}, new int[] {2, 0, 1, 1});
        PolynomialPlan plan = new PolynomialPlan(p);
        ByteBuffer b = ByteBuffer.wrap(plan.packed()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(-2, b.getDouble(0));
        assertEquals(1.5, b.getDouble(8));
        assertEquals(16, plan.termStartOffset());
        assertEquals(1, b.getInt((int) plan.termStartOffset() + 4));
        assertEquals(16 + 12, plan.factorStartOffset());
        assertEquals(3, b.getInt((int) plan.factorStartOffset() + 8));
        assertEquals(16 + 12 + 12, plan.factorVarOffset());
        assertEquals(plan.factorVarOffset() + 12, plan.factorExpOffset());
        assertEquals(plan.factorExpOffset() + 12, plan.packed().length);
        assertEquals(2, b.getInt((int) plan.factorExpOffset() + 8));
    }
}
