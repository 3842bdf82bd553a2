package org.atomstack.assembly.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.Structure;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.train.AtomBatch;
import org.atomstack.api.train.BatchPrediction;
import org.atomstack.api.train.BatchTensors;
import org.atomstack.api.train.Loss;
import org.atomstack.api.train.LossTotals;
import org.atomstack.api.train.LossWeights;
import org.atomstack.api.train.Observables;
import org.atomstack.api.train.ParameterSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loss equals its defining formula, computed on the host from predictions, on a batch with
 * label weights, a structure without forces, one without energy and an isolated cluster whose
 * stress label must be ignored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LossTest {
    Backend cpu;
    PairPotential model;
    ParameterSet params;
    AtomBatch batch;

    @BeforeAll
    void setUp() {
        cpu = TrainFixtures.cpu();
        List<Structure> mo = TrainFixtures.mo("test.json").structures().stream().filter(s -> s.atomCount() >= 20).limit(3).toList();
        Structure full = mo.get(0).withLabels(mo.get(0).labels().toBuilder().weight(2).build());
        Structure noForces = mo.get(1).withLabels(mo.get(1).labels().toBuilder().forces(null).build());
        Structure noEnergy = mo.get(2).withLabels(Labels.builder().forces(mo.get(2).labels().forces().orElseThrow())
            .stress(mo.get(2).labels().stress().orElseThrow()).build());
        Structure s = mo.get(0);
        int n = 12;
        Structure cluster = Structure.of("cluster", Arrays.copyOf(s.positions(), 3 * n), Arrays.copyOf(s.numbers(), n), null,
            Labels.builder().energy(-100).forces(Arrays.copyOf(s.labels().forces().orElseThrow(), 3 * n)).stress(new double[] {1, 1, 1, 1, 1, 1}).build());
        batch = AtomBatch.of(List.of(full, noForces, noEnergy, cluster), 5.0);
        model = new PairPotential(TrainFixtures.MO, -10.9);
        params = model.initialParameters(4);
    }

    @AfterAll
    void tearDown() {
        cpu.close();
    }

    /** The loss by its definition, and the weighted sums of absolute energy, force and stress errors. */
    private double[] hostLoss(LossWeights w) {
        BatchPrediction p = Observables.predict(model, cpu, params, DType.FLOAT64, batch, true, true);
        double eSum = 0, eW = 0, fSum = 0, fW = 0, sSum = 0, sW = 0;
        double[] abs = new double[3];
        for (int s = 0; s < batch.structureCount(); s++) {
            Structure st = batch.structures().get(s);
            double wt = st.labels().weight();
            if (st.labels().energy().isPresent()) {
                double d = p.energy(s) - st.labels().energy().getAsDouble();
                d = w.energyPerAtom() ? d / st.atomCount() : d;
                eSum += wt * LossWeights.Huber.penalty(w.huber().energy(), d);
                eW += wt;
                abs[0] += wt * Math.abs(d);
            }
            if (st.labels().hasForces()) {
                double[] f = p.forces(s).orElseThrow();
                double[] ref = st.labels().forces().orElseThrow();
                for (int k = 0; k < f.length; k++) {
                    fSum += wt * LossWeights.Huber.penalty(w.huber().forces(), f[k] - ref[k]);
                    fW += wt;
                    abs[1] += wt * Math.abs(f[k] - ref[k]);
                }
            }
            if (st.labels().stress().isPresent() && st.cell().isPresent()) {
                double[] sigma = p.stress(s).orElseThrow();
                double[] ref = st.labels().stress().orElseThrow();
                for (int k = 0; k < 6; k++) {
                    sSum += wt * LossWeights.Huber.penalty(w.huber().stress(), sigma[k] - ref[k]);
                    sW += wt;
                    abs[2] += wt * Math.abs(sigma[k] - ref[k]);
                }
            }
        }
        return new double[] {w.energy() * eSum / eW + w.forces() * fSum / fW + w.stress() * sSum / sW, abs[0], abs[1], abs[2]};
    }

    @ParameterizedTest(name = "energy per atom: {0}")
    @ValueSource(booleans = {true, false})
    void lossEqualsTheWeightedMeanSquaredErrorsOfItsDefinition(boolean perAtom) {
        checkAgainstDefinition(new LossWeights(3, 2, 1e3, perAtom));
    }

    @ParameterizedTest(name = "energy per atom: {0}")
    @ValueSource(booleans = {true, false})
    void pseudoHuberLossEqualsItsDefinitionAndKeepsTheSquaredErrorsForTheMetrics(boolean perAtom) {
        LossWeights w = new LossWeights(3, 2, 1e3, perAtom, new LossWeights.Huber(perAtom ? 0.01 : 0.5, 0.2, 1e-3));
        LossTotals totals = checkAgainstDefinition(w);
        LossTotals squares = checkAgainstDefinition(new LossWeights(3, 2, 1e3, perAtom));
        assertEquals(squares.energy().squares(), totals.energy().squares(), 1e-12 * squares.energy().squares(), "RMSE metrics stay squared errors");
        assertEquals(squares.forces().squares(), totals.forces().squares(), 1e-12 * squares.forces().squares());
        assertEquals(squares.forces().absolutes(), totals.forces().absolutes(), 1e-12 * squares.forces().absolutes());
        assertTrue(totals.forces().penalties() < totals.forces().squares(), "ρ(x) < x² for every x ≠ 0");
        assertTrue(totals.loss(w) < squares.loss(w), "weights with scales give a smaller loss");
    }

    private LossTotals checkAgainstDefinition(LossWeights w) {
        assertTrue(batch.hasStress(0) && !batch.hasStress(3), "the cluster's stress label is dropped: it has no volume");
        List<Tensor> p = params.upload(cpu, DType.FLOAT64);
        try (BatchTensors bt = batch.upload(cpu, DType.FLOAT64, model.species()); Graph g = new Graph(cpu)) {
            List<Var> vars = new ArrayList<>();
            p.forEach(t -> vars.add(g.variable(t)));
            Loss.Terms terms = new Loss(model, w).evaluate(g, vars, bt);
            double[] host = hostLoss(w);
            double expected = host[0];
            assertEquals(expected, terms.loss().item(), 1e-12 * expected);
            LossTotals totals = terms.totals();
            assertEquals(terms.loss().item(), totals.loss(w), 1e-12 * expected, "host totals give the same loss");
            assertEquals(host[1], totals.energy().absolutes(), 1e-12 * host[1], "absolute errors for the MAE metrics");
            assertEquals(host[2], totals.forces().absolutes(), 1e-12 * host[2]);
            assertEquals(host[3], totals.stress().absolutes(), 1e-12 * host[3]);
            assertEquals(2 + 1 + 1, totals.energy().weight(), "weights of the labelled energies (the first structure weighs 2)");
            int atoms = batch.atomCount() - (batch.atomOffset(2) - batch.atomOffset(1));
            assertEquals(3.0 * (atoms + batch.atomOffset(1)), totals.forces().weight(), "force components, the first structure's counted twice");
            assertEquals(6.0 * (2 + 1 + 1), totals.stress().weight(), "stress components of the three periodic structures");
            return totals;
        } finally {
            p.forEach(Tensor::close);
        }
    }

    /** A model's penalty enters the objective and its gradient, never the totals from which metrics and validation losses come. */
    @Test
    void aModelsPenaltyIsAddedToTheObjectiveButNotToTheTotals() {
        LossWeights w = new LossWeights(3, 2, 1e3);
        L2Penalised penalised = new L2Penalised(model, 0.7);
        List<Tensor> p = params.upload(cpu, DType.FLOAT64);
        try (BatchTensors bt = batch.upload(cpu, DType.FLOAT64, model.species()); Graph g = new Graph(cpu)) {
            List<Var> vars = new ArrayList<>();
            p.forEach(t -> vars.add(g.variable(t)));
            Loss.Terms plain = new Loss(model, w).evaluate(g, vars, bt);
            Loss.Terms terms = new Loss(penalised, w).evaluate(g, vars, bt);
            double penalty = penalised.penalty(params);
            assertTrue(penalty > 0);
            assertEquals(penalty, terms.penalty().item(), 1e-12 * penalty);
            assertEquals(plain.loss().item() + penalty, terms.loss().item(), 1e-12 * terms.loss().item());
            assertEquals(plain.totals().loss(w), terms.totals().loss(w), 1e-12 * plain.loss().item(), "totals leave the penalty out");
            assertEquals(null, plain.penalty());
            List<Var> plainGrad = g.grad(plain.loss(), vars, false);
            List<Var> grad = g.grad(terms.loss(), vars, false);
            for (int i = 0; i < vars.size(); i++) {
                double[] a = plainGrad.get(i).value().toDoubles();
                double[] b = grad.get(i).value().toDoubles();
                double[] theta = params.values(i);
                for (int k = 0; k < a.length; k++) {
                    assertEquals(a[k] + 2 * 0.7 * theta[k], b[k], 1e-10 * (1 + Math.abs(b[k])), "∂(λΣθ²)/∂θ = 2λθ");
                }
            }
        } finally {
            p.forEach(Tensor::close);
        }
    }

    @Test
    void unknownElementsAreRefusedNamingTheStructure() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.upload(cpu, DType.FLOAT64, new int[] {26}));
        assertTrue(e.getMessage().contains("atomic number 42"), e.getMessage());
    }
}
