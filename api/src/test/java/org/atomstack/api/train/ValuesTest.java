package org.atomstack.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.NoSuchElementException;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Parameter sets, saved states, loss weights and totals, and training options. */
class ValuesTest {
    static ParameterSet params() {
        return ParameterSet.of(List.of("w", "b"), List.of(Shape.of(2, 2), Shape.of(2)),
            List.of(new double[] {1, 2, 3, 4}, new double[] {5, 6}));
    }

    @Test
    void parameterSetsFlattenAndCompareBitwise() {
        ParameterSet p = params();
        assertEquals(6, p.count());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, p.flatten());
        ParameterSet q = p.withFlat(new double[] {1, 2, 3, 4, 5, -0.0});
        assertArrayEquals(new double[] {5, -0.0}, q.values("b"));
        assertNotEquals(p, q);
        assertEquals(p, q.with("b", new double[] {5, 6}));
        assertNotEquals(q, q.with("b", new double[] {5, 0.0}), "-0.0 and 0.0 differ bitwise");
        assertEquals(1, p.index("b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.index("c"));
        assertTrue(e.getMessage().contains("[w, b]"), e.getMessage());
    }

    @Test
    void parameterSetsRejectInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> ParameterSet.of(List.of("w"), List.of(Shape.of(3)), List.of(new double[2])));
        assertThrows(IllegalArgumentException.class, () -> ParameterSet.of(List.of("w", "w"), List.of(Shape.of(1), Shape.of(1)),
            List.of(new double[1], new double[1])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ParameterSet.of(List.of("w"), List.of(Shape.of(1)), List.of(new double[] {Double.NaN})));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void savedStatesCopyTheirArrays() {
        double[] a = {1, 2};
        SavedState s = SavedState.builder().put("a", a).put("t", 3).build();
        a[0] = 9;
        assertArrayEquals(new double[] {1, 2}, s.get("a"));
        s.get("a")[1] = 9;
        assertArrayEquals(new double[] {1, 2}, s.get("a"));
        assertEquals(3, s.scalar("t"));
        assertEquals(List.of("a", "t"), List.copyOf(s.names()));
        assertThrows(IllegalStateException.class, () -> s.scalar("a"));
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> s.get("b"));
        assertTrue(e.getMessage().contains("[a, t]"), e.getMessage());
        assertEquals(s, SavedState.builder().put("a", new double[] {1, 2}).put("t", 3).build());
    }

    @Test
    void lossTotalsCombineBatchesExactly() {
        LossWeights w = new LossWeights(2, 1, 10);
        LossTotals a = new LossTotals(new LossTotals.Term(2, 1, 1, 1.2), new LossTotals.Term(6, 3, 3, 3), LossTotals.Term.NONE);
        LossTotals b = new LossTotals(new LossTotals.Term(2, 3, 3, 2), new LossTotals.Term(6, 1, 1, 2), new LossTotals.Term(6, 0.5, 0.5, 1.5));
        LossTotals sum = a.plus(b);
        assertEquals(2 * 4.0 / 4 + 4.0 / 12 + 10 * 0.5 / 6, sum.loss(w), 1e-15);
        assertEquals(Math.sqrt(1), sum.energyRmse(), 1e-15);
        assertEquals(3.2 / 4, sum.energy().mae(), 1e-15);
        assertEquals(0.25, sum.stress().mae(), 1e-15);
        assertTrue(Double.isNaN(a.stressRmse()));
        assertTrue(Double.isNaN(a.stress().mae()));
        assertEquals(0, LossTotals.ZERO.loss(w));
    }

    @Test
    void pseudoHuberPenaltyIsQuadraticForSmallAndLinearForLargeErrors() {
        double d = 0.1;
        for (double x : new double[] {-3e-4, 1e-6, 2e-3}) {
            assertEquals(x * x, LossWeights.Huber.penalty(d, x), 1e-3 * x * x, "x² for |x| ≪ δ");
        }
        for (double x : new double[] {-50, 80}) {
            assertEquals(2 * d * Math.abs(x) - 2 * d * d, LossWeights.Huber.penalty(d, x), 1e-3 * d, "2δ|x| − 2δ² for |x| ≫ δ");
        }
        assertEquals(2 * d * d * (Math.sqrt(2) - 1), LossWeights.Huber.penalty(d, d), 1e-15);
        assertEquals(0.09, LossWeights.Huber.penalty(0, 0.3), 1e-15, "δ = 0 is the squared error");
        LossTotals t = new LossTotals(new LossTotals.Term(2, 4, 1, 2), new LossTotals.Term(3, 9, 2, 4), LossTotals.Term.NONE);
        assertEquals(5 * 1.0 / 2 + 2.0 / 3, t.loss(new LossWeights(5, 1, 0)), 1e-15, "the loss sums penalties");
        assertEquals(Math.sqrt(3), t.forceRmse(), 1e-15, "the metrics the squared errors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LossWeights.Huber(0, -0.1, 0));
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LossWeights.Huber(Double.POSITIVE_INFINITY, 0, 0));
        assertEquals("LossWeights[energy=1.0, forces=2.0, stress=0.0, energyPerAtom=true]", new LossWeights(1, 2, 0).toString(),
            "checkpoints written before the penalties existed still match");
        assertTrue(new LossWeights(1, 2, 0, true, new LossWeights.Huber(0, 0.1, 0)).toString().contains("forces=0.1"));
    }

    @Test
    void weightsAndOptionsQuoteBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new LossWeights(0, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LossWeights(-1, 1, 0));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertTrue(new LossWeights(1, 0, 0).energyPerAtom());
        TrainingOptions o = TrainingOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> o.withEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> o.withBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> o.withDtype(DType.INT32));
        assertThrows(IllegalArgumentException.class, () -> o.withEarlyStopping(-1, 0));
        assertEquals(7, o.withSeed(7).withEpochs(3).seed());
    }
}
