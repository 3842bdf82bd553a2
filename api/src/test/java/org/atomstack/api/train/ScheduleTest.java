package org.atomstack.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The learning-rate schedules follow their definitions and restore their state exactly. */
class ScheduleTest {
    @Test
    void stepMultipliesByGammaEveryKEpochs() {
        Step s = new Step(0.1, 3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025};
        for (int epoch = 0; epoch < expected.length; epoch++) {
            assertEquals(expected[epoch], s.learningRate(), 1e-15, "after " + epoch + " epochs");
            s.epochEnd(Double.NaN);
        }
    }

    @Test
    void plateauReducesAfterMoreThanPatienceBadEpochsAndNotBelowTheMinimum() {
        Plateau p = new Plateau(1.0, 0.1, 2, 0.01, 0.005);
        double[] losses = {10, 9, 8.95, 8.93, 8.92, 5, 5, 5, 5, 5, 5, 5, 5, 5};
        // 8.95 and later are within 1 % of 9 (bad); the third bad epoch (8.92) exceeds patience 2
        double[] rateAfter = {1, 1, 1, 1, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.005, 0.005, 0.005};
        for (int i = 0; i < losses.length; i++) {
            p.epochEnd(losses[i]);
            assertEquals(rateAfter[i], p.learningRate(), 1e-15, "after epoch " + (i + 1) + " with loss " + losses[i]);
        }
        assertEquals(5, p.best());
    }

    @Test
    void plateauCountsNaNAsNoImprovement() {
        Plateau p = new Plateau(1.0, 0.5, 0, 0, 0);
        p.epochEnd(Double.NaN);
        assertEquals(0.5, p.learningRate());
        p.epochEnd(3);
        assertEquals(3, p.best());
        assertEquals(0, p.badEpochs());
    }

    @Test
    void restoredSchedulesContinueIdentically() {
        Plateau a = new Plateau(1.0, 0.5, 1, 1e-4, 1e-3);
        Step s = new Step(0.2, 2, 0.3);
        double[] losses = {5, 4, 4, 4, 3.9, 3.9, 3.9, 3.9};
        for (int i = 0; i < 3; i++) {
            a.epochEnd(losses[i]);
            s.epochEnd(losses[i]);
        }
        Plateau b = new Plateau(1.0, 0.5, 1, 1e-4, 1e-3);
        Step t = new Step(0.2, 2, 0.3);
        b.restore(a.state());
        t.restore(s.state());
        for (int i = 3; i < losses.length; i++) {
            a.epochEnd(losses[i]);
            b.epochEnd(losses[i]);
            s.epochEnd(losses[i]);
            t.epochEnd(losses[i]);
            assertEquals(a.learningRate(), b.learningRate(), 0.0);
            assertEquals(s.learningRate(), t.learningRate(), 0.0);
        }
        assertEquals(a.state(), b.state());
    }

    @Test
    void stateOfAnotherScheduleOrSettingIsRefused() {
        Plateau p = new Plateau(1.0, 0.5, 1, 1e-4, 1e-3);
        assertThrows(IllegalArgumentException.class, () -> p.restore(new Step(0.1, 1, 0.5).state()));
        assertThrows(IllegalArgumentException.class, () -> p.restore(new Plateau(1.0, 0.5, 2, 1e-4, 1e-3).state()));
        LearningRateSchedule c = LearningRateSchedule.constant(0.3);
        c.epochEnd(1);
        assertEquals(0.3, c.learningRate());
        assertThrows(IllegalArgumentException.class, () -> c.restore(LearningRateSchedule.constant(0.4).state()));
    }

    @Test
    void badSettingsQuoteTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Plateau(1.0, 1.5, 1, 0, 0));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Plateau(1.0, 0.5, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Plateau(1.0, 0.5, 1, 0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new Step(0.1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Step(0.1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0));
    }
}
