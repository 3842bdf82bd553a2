package org.atomstack.assembly.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.atomstack.api.autodiff.GradCheck;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.train.AtomBatch;
import org.atomstack.api.train.BatchPrediction;
import org.atomstack.api.train.BatchTensors;
import org.atomstack.api.train.Loss;
import org.atomstack.api.train.LossWeights;
import org.atomstack.api.train.Observables;
import org.atomstack.api.train.ParameterSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Derivatives of the neural pair potential on real Mo structures: forces and stresses by the
 * edge-gradient scatter agree with finite differences of the energy under atom displacements
 * and cell strains, and with the host reference of {@link NeighborList}; the parameter gradients
 * of the force and stress losses (gradients of gradients) agree with finite differences.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairPotentialDerivativesTest {
    Backend cpu;
    Structure mo;
    PairPotential model;
    ParameterSet params;

    @BeforeAll
    void setUp() {
        cpu = TrainFixtures.cpu();
        Dataset training = TrainFixtures.mo("training.json");
        mo = training.structures().stream().filter(s -> s.atomCount() == 54 && s.labels().hasForces()).findFirst().orElseThrow();
        model = new PairPotential(TrainFixtures.MO, -10.8);
        params = model.initialParameters(7);
    }

    @AfterAll
    void tearDown() {
        cpu.close();
    }

    private double energy(Structure s) {
        return Observables.predict(model, cpu, params, DType.FLOAT64, AtomBatch.of(List.of(s), model.cutoff()), false, false).energy(0);
    }

    @Test
    void forcesAreMinusTheFiniteDifferenceGradientOfTheEnergyInPositions() {
        BatchPrediction p = Observables.predict(model, cpu, params, DType.FLOAT64, AtomBatch.of(List.of(mo), model.cutoff()), true, true);
        double[] f = p.forces(0).orElseThrow();
        double h = 1e-4;
        double maxForce = 0;
        for (int atom : new int[] {0, 17, 53}) {
            for (int k = 0; k < 3; k++) {
                double[] plus = mo.positions();
                double[] minus = mo.positions();
                plus[3 * atom + k] += h;
                minus[3 * atom + k] -= h;
                double numeric = -(energy(mo.withPositions(plus)) - energy(mo.withPositions(minus))) / (2 * h);
                assertEquals(numeric, f[3 * atom + k], 1e-6, "force on atom " + atom + " component " + k);
                maxForce = Math.max(maxForce, Math.abs(numeric));
            }
        }
        assertTrue(maxForce > 1e-3, "the check is not vacuous: forces of size " + maxForce);
        double total = 0;
        for (int i = 0; i < f.length; i += 3) {
            total += f[i];
        }
        assertEquals(0, total, 1e-9, "forces sum to zero (translation invariance)");
    }

    @Test
    void stressIsTheStrainDerivativeOfTheEnergyOverTheVolume() {
        BatchPrediction p = Observables.predict(model, cpu, params, DType.FLOAT64, AtomBatch.of(List.of(mo), model.cutoff()), false, true);
        double[] sigma = p.stress(0).orElseThrow();
        Cell cell = mo.cell().orElseThrow();
        double h = 1e-5;
        int[][] pairs = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
        for (int v = 0; v < 6; v++) {
            double[] eps = new double[9];
            int a = pairs[v][0];
            int b = pairs[v][1];
            eps[3 * a + b] += a == b ? 1 : 0.5;
            eps[3 * b + a] += a == b ? 0 : 0.5;
            double numeric = (energy(strained(mo, eps, h)) - energy(strained(mo, eps, -h))) / (2 * h * cell.volume());
            assertEquals(numeric, sigma[v], 1e-7 + 1e-5 * Math.abs(numeric), "Voigt component " + v);
        }
    }

    /** x → x (I + t ε) for positions and lattice vectors (rows). */
    private static Structure strained(Structure s, double[] eps, double t) {
        double[] pos = s.positions();
        double[] out = new double[pos.length];
        for (int i = 0; i < pos.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                out[i + k] = pos[i + k] + t * (pos[i] * eps[k] + pos[i + 1] * eps[3 + k] + pos[i + 2] * eps[6 + k]);
            }
        }
        double[] m = s.cell().orElseThrow().matrix();
        double[] mOut = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                mOut[3 * r + k] = m[3 * r + k] + t * (m[3 * r] * eps[k] + m[3 * r + 1] * eps[3 + k] + m[3 * r + 2] * eps[6 + k]);
            }
        }
        return Structure.of(s.name(), out, s.numbers(), Cell.of(mOut, s.cell().orElseThrow().pbc()), Labels.NONE);
    }

    @Test
    void deviceForcesAndStressMatchTheNeighbourListReference() {
        NeighborList nl = NeighborList.build(mo, model.cutoff());
        AtomBatch batch = AtomBatch.of(List.of(mo), List.of(nl));
        List<Tensor> p = params.upload(cpu, DType.FLOAT64);
        try (BatchTensors bt = batch.upload(cpu, DType.FLOAT64, model.species()); Graph g = new Graph(cpu)) {
            List<Var> vars = new ArrayList<>();
            p.forEach(t -> vars.add(g.constant(t)));
            Var ev = g.variable(bt.edgeVectors());
            Var grad = g.grad(g.sumAll(model.energies(g, vars, bt, ev)), List.of(ev), false).get(0);
            double[] eg = grad.toDoubles();
            assertArrayEquals(nl.forces(eg), Observables.forces(g, bt, grad).toDoubles(), 1e-12);
            assertArrayEquals(nl.stress(eg, mo.cell().orElseThrow().volume()), Observables.stresses(g, bt, grad).toDoubles(), 1e-14);
        } finally {
            p.forEach(Tensor::close);
        }
    }

    private GradCheck.Result lossGradientCheck(LossWeights weights, DType dtype) {
        Loss loss = new Loss(model, weights);
        AtomBatch batch = AtomBatch.of(List.of(mo), model.cutoff());
        List<double[]> values = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            values.add(params.values(i));
        }
        try (BatchTensors b64 = batch.upload(cpu, DType.FLOAT64, model.species());
             BatchTensors b32 = batch.upload(cpu, DType.FLOAT32, model.species())) {
            GradCheck check = new GradCheck(cpu, (g, xs) -> loss.evaluate(g, xs, xs.get(0).dtype() == DType.FLOAT32 ? b32 : b64).loss(),
                values, params.shapes(), 11);
            GradCheck.Result r = check.firstOrder(dtype);
            System.out.println("loss " + weights + " in " + dtype + ": " + r);
            return r;
        }
    }

    @Test
    void forceLossParameterGradientMatchesFiniteDifferences() {
        lossGradientCheck(new LossWeights(0, 1, 0), DType.FLOAT64).assertWithin(1e-7);
    }

    @Test
    void stressLossParameterGradientMatchesFiniteDifferences() {
        lossGradientCheck(new LossWeights(0, 0, 1e4), DType.FLOAT64).assertWithin(1e-7);
    }

    @Test
    void combinedLossGradientInFloat32MatchesFiniteDifferencesToSinglePrecision() {
        lossGradientCheck(new LossWeights(1, 1, 0), DType.FLOAT32).assertWithin(1e-4);
    }
}
