package org.atomstack.assembly.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.train.Adam;
import org.atomstack.api.train.Objective;
import org.atomstack.api.train.Optimizer;
import org.atomstack.api.train.SavedState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Adam on the CPU backend against a host reference of the update rule, with and without AMSGrad
 * and weight decay; AMSGrad's running maximum of the second moments; bitwise continuation after
 * a state save and restore.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdamTest {
    /** Gradients of 3 parameters over 5 steps: large early, shrinking later, with sign changes. */
    static final double[][] GRADIENTS = {
        {1.0, -2.0, 0.5}, {0.8, 0.1, -3.0}, {0.05, -0.02, 0.01}, {0.01, 0.3, 0.001}, {-0.002, 0.001, 0.2}};
    static final double[] START = {0.3, -0.1, 2.0};
    static final double LR = 0.05;

    Backend cpu;

    @BeforeAll
    void open() {
        cpu = TrainFixtures.cpu();
    }

    @AfterAll
    void close() {
        cpu.close();
    }

    /** An objective that ignores the parameters and returns the gradient of step {@code step[0]}. */
    private Objective preset(DType dtype, int[] step) {
        return ps -> {
            Tensor g = cpu.fromDoubles(GRADIENTS[step[0]++], dtype, Shape.of(3));
            return new Objective.Evaluation(0, List.of(g), g::close);
        };
    }

    /** Host Adam with the same operation order as the device implementation. */
    static double[][] reference(double wd, boolean ams, int steps) {
        double b1 = Adam.DEFAULT_BETA1;
        double b2 = Adam.DEFAULT_BETA2;
        double[] p = START.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        double[] vmax = new double[3];
        for (int t = 1; t <= steps; t++) {
            double bc1 = 1 - Math.pow(b1, t);
            double bc2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < 3; i++) {
                double g = GRADIENTS[t - 1][i];
                m[i] = m[i] * b1 + g * (1 - b1);
                v[i] = v[i] * b2 + g * g * (1 - b2);
                vmax[i] = Math.max(vmax[i], v[i]);
                double vhat = ams ? vmax[i] : v[i];
                double denom = Math.sqrt(vhat) * (1 / Math.sqrt(bc2)) + Adam.DEFAULT_EPSILON;
                double base = wd > 0 ? p[i] * (1 - LR * wd) : p[i];
                p[i] = base - m[i] / denom * (LR / bc1);
            }
        }
        return new double[][] {p, m, v, vmax};
    }

    private double[] run(Adam adam, DType dtype, int from, int to, double[] start) {
        int[] step = {from};
        List<Tensor> p = new ArrayList<>(List.of(cpu.fromDoubles(start, dtype, Shape.of(3))));
        try {
            for (int s = from; s < to; s++) {
                Optimizer.Update u = adam.step(p, preset(dtype, step), LR);
                p.forEach(Tensor::close);
                p = new ArrayList<>(u.parameters());
            }
            return p.get(0).toDoubles();
        } finally {
            p.forEach(Tensor::close);
        }
    }

    @Test
    void adamFollowsTheReferenceUpdate() {
        try (Adam adam = new Adam()) {
            assertArrayEquals(reference(0, false, 5)[0], run(adam, DType.FLOAT64, 0, 5, START), 1e-15);
            assertEquals(5, adam.steps());
        }
    }

    @Test
    void decoupledWeightDecayShrinksTheParametersBeforeTheAdamStep() {
        try (Adam adam = new Adam(Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON, 0.1, false)) {
            assertArrayEquals(reference(0.1, false, 5)[0], run(adam, DType.FLOAT64, 0, 5, START), 1e-15);
        }
    }

    @Test
    void amsgradKeepsTheRunningMaximumOfTheSecondMoments() {
        try (Adam adam = Adam.amsgrad()) {
            assertTrue(adam.maxSecondMoment(0).isEmpty());
            int[] step = {0};
            List<Tensor> p = new ArrayList<>(List.of(cpu.fromDoubles(START, DType.FLOAT64, Shape.of(3))));
            try {
                for (int t = 1; t <= GRADIENTS.length; t++) {
                    Optimizer.Update u = adam.step(p, preset(DType.FLOAT64, step), LR);
                    p.forEach(Tensor::close);
                    p = new ArrayList<>(u.parameters());
                    double[][] ref = reference(0, true, t);
                    double[] vmax = adam.maxSecondMoment(0).orElseThrow();
                    double[] v = adam.state().get("v0");
                    assertArrayEquals(ref[3], vmax, 1e-18, "running maximum after step " + t);
                    assertArrayEquals(ref[2], v, 1e-18, "second moment after step " + t);
                    for (int i = 0; i < 3; i++) {
                        assertTrue(vmax[i] >= v[i], "max >= current second moment");
                    }
                    assertArrayEquals(ref[0], p.get(0).toDoubles(), 1e-15, "parameters after step " + t);
                }
                double[] v = adam.state().get("v0");
                double[] vmax = adam.maxSecondMoment(0).orElseThrow();
                assertTrue(v[0] < vmax[0], "the first gradient shrank, so its second moment fell below the kept maximum");
            } finally {
                p.forEach(Tensor::close);
            }
        }
        double[] plain = reference(0, false, 5)[0];
        double[] ams = reference(0, true, 5)[0];
        assertTrue(plain[0] != ams[0], "AMSGrad changes the steps once gradients shrink");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void restoringTheStateContinuesBitwise(DType dtype) {
        double[] straight;
        try (Adam adam = Adam.amsgrad()) {
            straight = run(adam, dtype, 0, 5, START);
        }
        double[] middle;
        SavedState saved;
        try (Adam first = Adam.amsgrad()) {
            middle = run(first, dtype, 0, 2, START);
            saved = first.state();
        }
        try (Adam second = Adam.amsgrad()) {
            second.restore(saved);
            assertEquals(saved, second.state(), "a restored state reads back unchanged before the next step");
            assertArrayEquals(straight, run(second, dtype, 2, 5, middle), 0.0);
        }
    }

    @Test
    void restoringTheStateOfOtherSettingsIsRefused() {
        SavedState saved;
        try (Adam adam = new Adam()) {
            run(adam, DType.FLOAT64, 0, 1, START);
            saved = adam.state();
        }
        try (Adam ams = Adam.amsgrad()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ams.restore(saved));
            assertTrue(e.getMessage().contains("amsgrad"), e.getMessage());
        }
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(1.0, 0.999, 1e-8, 0, false));
        assertTrue(e.getMessage().contains("1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, 1e-8, -1, false));
    }

    @Test
    void stepsReleaseEveryTemporaryTensor() {
        long before = cpu.openTensors();
        try (Adam adam = Adam.amsgrad()) {
            run(adam, DType.FLOAT64, 0, 3, START);
            assertEquals(before + 3, cpu.openTensors(), "only the three moments (m, v, max v) stay open");
        }
        assertEquals(before, cpu.openTensors(), "closing the optimiser releases its moments");
    }
}
