package org.atomstack.model.linear.internal;

import static org.atomstack.model.linear.internal.Fixtures.map;
import static org.atomstack.model.linear.internal.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures;
import org.junit.jupiter.api.Test;

/** Observation, configuration-type and structure weights change the fit as documented. */
class WeightsTest {
    private static final RadialTestDescriptor DESCRIPTOR = Fixtures.descriptor();

    /** The truth model with every coefficient scaled by {@code factor} (E0 unchanged). */
    private static LinearModel scaled(double factor) {
        LinearModel t = Fixtures.truth(DESCRIPTOR, false);
        double[] c = t.coefficients();
        for (int k = 0; k < c.length; k++) {
            c[k] *= factor;
        }
        return new LinearModel(t.settings(), DESCRIPTOR, t.layout(), c, t.e0(), new double[0], Map.of());
    }

    private static Dataset withConfigType(Dataset d, String type) {
        List<Structure> out = new ArrayList<>();
        for (Structure s : d.structures()) {
            out.add(s.withLabels(s.labels().toBuilder().configType(type).build()));
        }
        return Dataset.of(d.name(), out);
    }

    @Test
    void aStructureWeightOfTwoCountsTheStructureTwice() {
        Dataset data = Fixtures.label("noisy", Fixtures.structures(41, 20, RandomStructures.Periodicity.ANY), scaled(1), 0.05, 1);
        List<Structure> weighted = new ArrayList<>(data.structures());
        List<Structure> duplicated = new ArrayList<>(data.structures());
        Structure first = data.structures().get(0);
        weighted.set(0, first.withLabels(first.labels().toBuilder().weight(2).build()));
        duplicated.add(first);
        Parameters p = params("solver", map("method", "ridge", "lambda", 0.01));
        LinearModel a = Fixtures.train(p, DESCRIPTOR, Dataset.of("weighted", weighted));
        LinearModel b = Fixtures.train(p, DESCRIPTOR, Dataset.of("duplicated", duplicated));
        LinearModel plain = Fixtures.train(p, DESCRIPTOR, data);
        assertTrue(Fixtures.relativeError(a.coefficients(), b.coefficients()) < 1e-10);
        assertTrue(Fixtures.relativeError(a.e0(), b.e0()) < 1e-10);
        assertTrue(Fixtures.relativeError(a.coefficients(), plain.coefficients()) > 1e-6, "the weight matters");
    }

    @Test
    void aConfigurationWeightPullsTheFitTowardsThatType() {
        List<Structure> structures = Fixtures.structures(42, 30, RandomStructures.Periodicity.ANY);
        LinearModel truthA = scaled(1);
        LinearModel truthB = scaled(1.5);
        Dataset a = withConfigType(Fixtures.label("a", structures.subList(0, 15), truthA, 0, 2), "A");
        Dataset b = withConfigType(Fixtures.label("b", structures.subList(15, 30), truthB, 0, 3), "B");
        Dataset both = a.concat("a+b", b);
        Object solver = map("method", "ridge", "lambda", 0.0);
        LinearModel towardsA = Fixtures.train(params("solver", solver, "config_weights", map("A", 30.0)), DESCRIPTOR, both);
        LinearModel towardsB = Fixtures.train(params("solver", solver, "config_weights", map("B", 30.0)), DESCRIPTOR, both);
        LinearModel onlyB = Fixtures.train(params("solver", solver, "system", "qr", "config_weights", map("A", 0.0)), DESCRIPTOR, both);
        double aToA = Fixtures.relativeError(towardsA.coefficients(), truthA.coefficients());
        double aToB = Fixtures.relativeError(towardsA.coefficients(), truthB.coefficients());
        double bToA = Fixtures.relativeError(towardsB.coefficients(), truthA.coefficients());
        double bToB = Fixtures.relativeError(towardsB.coefficients(), truthB.coefficients());
        assertTrue(aToA < aToB && bToB < bToA, aToA + " " + aToB + " " + bToA + " " + bToB);
        assertTrue(Fixtures.relativeError(onlyB.coefficients(), truthB.coefficients()) < 1e-8, "weight 0 drops type A");
    }

    @Test
    void theEnergyWeightTradesEnergyErrorsAgainstForceErrors() {
        List<Structure> structures = Fixtures.structures(43, 25, RandomStructures.Periodicity.ANY);
        Dataset energies = Fixtures.label("e", structures, scaled(1), 0, 4);
        Dataset forces = Fixtures.label("f", structures, scaled(0.7), 0, 5);
        List<Structure> mixed = new ArrayList<>();
        for (int i = 0; i < structures.size(); i++) {
            Labels le = energies.structures().get(i).labels();
            Labels lf = forces.structures().get(i).labels();
            mixed.add(structures.get(i).withLabels(Labels.builder().energy(le.energy().getAsDouble())
                .forces(lf.forces().orElseThrow()).build()));
        }
        Dataset data = Dataset.of("inconsistent", mixed);
        Object solver = map("method", "ridge", "lambda", 1e-6);
        LinearModel energyHeavy = Fixtures.train(params("solver", solver, "weights", map("energy", 100.0, "forces", 1.0)), DESCRIPTOR, data);
        LinearModel forceHeavy = Fixtures.train(params("solver", solver, "weights", map("energy", 0.1, "forces", 1.0)), DESCRIPTOR, data);
        double[] eh = errors(energyHeavy, data);
        double[] fh = errors(forceHeavy, data);
        assertTrue(eh[0] < fh[0], "energy RMSE " + eh[0] + " vs " + fh[0]);
        assertTrue(eh[1] > fh[1], "force RMSE " + eh[1] + " vs " + fh[1]);
    }

    @Test
    void zeroWeightsIgnoreTheirObservations() {
        List<Structure> structures = Fixtures.structures(44, 20, RandomStructures.Periodicity.FULL);
        LinearModel truth = scaled(1);
        Dataset good = Fixtures.label("good", structures, truth, 0, 6);
        List<Structure> spoiled = new ArrayList<>();
        for (Structure s : good.structures()) {
            spoiled.add(s.withLabels(s.labels().toBuilder().stress(new double[] {1, 2, 3, 4, 5, 6}).build()));
        }
        Structure junk = Fixtures.structures(45, 1, RandomStructures.Periodicity.FULL).get(0);
        spoiled.add(junk.withLabels(Labels.builder().energy(1e3).forces(new double[3 * junk.atomCount()]).weight(0).build()));
        LinearModel fit = Fixtures.train(params("solver", map("method", "ridge", "lambda", 0.0), "system", "qr",
            "weights", map("stress", 0.0)), DESCRIPTOR, Dataset.of("spoiled", spoiled));
        assertTrue(Fixtures.relativeError(fit.coefficients(), truth.coefficients()) < 1e-8);
        assertTrue(Fixtures.relativeError(fit.e0(), truth.e0()) < 1e-8);
        assertTrue(fit.diagnostics().get("stress_rows") == 0);
    }

    /** Training RMSE of energy per atom and force components. */
    private static double[] errors(LinearModel model, Dataset data) {
        double se = 0;
        double sf = 0;
        int nf = 0;
        for (Structure s : data.structures()) {
            Prediction p = model.predict(s, NeighborList.build(s, model.cutoff()), true, false);
            double d = (p.energy() - s.labels().energy().getAsDouble()) / s.atomCount();
            se += d * d;
            double[] f = s.labels().forces().orElseThrow();
            double[] pf = p.forces().orElseThrow();
            for (int i = 0; i < f.length; i++) {
                sf += (f[i] - pf[i]) * (f[i] - pf[i]);
            }
            nf += f.length;
        }
        return new double[] {Math.sqrt(se / data.size()), Math.sqrt(sf / nf)};
    }
}
