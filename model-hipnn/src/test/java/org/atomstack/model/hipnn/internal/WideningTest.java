package org.atomstack.model.hipnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.api.train.ParameterSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A widened model predicts the narrow model's energies and forces, and its new channels are
 * distinct and reach the energy once their zero outgoing weights move.
 */
class WideningTest extends CpuBackendTest {
    private static HipnnNetwork network(String variant, int width, boolean resnet) {
        HipnnSettings s = HipnnSettings.parse(Fixtures.parameters("variant", variant, "width", width, "interactions", 2, "onsite", 2,
            "resnet", resnet, "sensitivities", 4, "cutoff", 4.0, "lower_cutoff", 1.5, "tensor_order", 3, "activation", "softplus"));
        return new HipnnNetwork(s, new int[] {41, 42}, new double[] {-3.0, -4.0}, 10);
    }

    private static Structure[] structures() {
        return new Structure[] {Fixtures.bcc(new SplittableRandom(3), "cell", 2, 3.1, 0.04, 0.2, 41, 42),
            Fixtures.cluster(new SplittableRandom(4), "cluster", 7, 41, 42)};
    }

    /** Two species: the 1 → 2 case has as many new channels as species, which must not be mistaken for each other. */
    @ParameterizedTest
    @CsvSource({"hipnn, 3, 5", "hipnn-ts, 3, 5", "hipnn-ts, 1, 2"})
    void widenedModelPredictsTheNarrowModelsEnergiesAndForces(String variant, int from, int to) {
        HipnnNetwork narrow = network(variant, from, false);
        HipnnNetwork wide = network(variant, to, false);
        ParameterSet small = DerivativesAndSymmetryTest.perturbed(narrow, 11);
        ParameterSet grown = Widening.widen(wide, small, 12);
        assertEquals(from, Widening.width(small));
        assertEquals(to, Widening.width(grown));
        HipnnModel a = new HipnnModel(narrow, small, backend);
        HipnnModel b = new HipnnModel(wide, grown, backend);
        for (Structure s : structures()) {
            NeighborList nl = NeighborList.build(s, a.cutoff());
            Prediction p = a.predict(s, nl, true, true);
            Prediction q = b.predict(s, nl, true, true);
            assertEquals(p.energy(), q.energy(), 1e-11 * (1 + Math.abs(p.energy())), variant + " " + s.name());
            double[] fp = p.forces().orElseThrow();
            double[] fq = q.forces().orElseThrow();
            for (int k = 0; k < fp.length; k++) {
                assertEquals(fp[k], fq[k], 1e-11, variant + " force " + k);
            }
            assertEquals(s.cell().isPresent(), p.stress().isPresent());
            if (s.cell().isPresent()) {
                double[] sp = p.stress().orElseThrow();
                double[] sq = q.stress().orElseThrow();
                for (int k = 0; k < sp.length; k++) {
                    assertEquals(sp[k], sq[k], 1e-11, variant + " stress " + k);
                }
            }
        }
    }

    /**
     * Moving a new channel's zero readout weight changes the energy, by a different amount for
     * each new channel: the new channels are live and not copies of one another.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hipnn", "hipnn-ts"})
    void newChannelsAreDistinctAndReachTheEnergy(String variant) {
        HipnnNetwork wide = network(variant, 5, false);
        ParameterSet grown = Widening.widen(wide, DerivativesAndSymmetryTest.perturbed(network(variant, 3, false), 11), 12);
        Structure s = structures()[0];
        NeighborList nl = NeighborList.build(s, wide.cutoff());
        double base = new HipnnModel(wide, grown, backend).predict(s, nl, false, false).energy();
        for (String readout : new String[] {"block1.readout", "block2.readout"}) {
            double[] r = grown.values(readout);
            assertEquals(0, r[3], 0.0);
            assertEquals(0, r[4], 0.0);
            double[] shifts = new double[2];
            for (int c = 3; c < 5; c++) {
                double[] moved = r.clone();
                moved[c] = 1e-3;
                shifts[c - 3] = new HipnnModel(wide, grown.with(readout, moved), backend).predict(s, nl, false, false).energy() - base;
                assertTrue(Math.abs(shifts[c - 3]) > 1e-6, readout + " channel " + c + " is dead");
            }
            assertNotEquals(shifts[0], shifts[1], 1e-9, readout + ": the new channels are copies");
        }
    }

    @Test
    void hipHopResidualAndNotNarrowerModelsAreRefused() {
        ParameterSet small = network("hipnn-ts", 3, false).initialParameters(1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Widening.widen(network("hipnn-ts", 5, true), small, 1))
            .getMessage().contains("resnet"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Widening.widen(network("hip-hop", 5, false),
            network("hip-hop", 3, false).initialParameters(1), 1)).getMessage().contains("hip-hop"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Widening.widen(network("hipnn-ts", 3, false), small, 1))
            .getMessage().contains("not fewer channels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Widening.widen(network("hipnn", 5, false), small, 1))
            .getMessage().contains("parameters"));
    }
}
