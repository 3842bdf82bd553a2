package org.atomstack.model.hipnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.structure.Structure;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.train.AtomBatch;
import org.atomstack.api.train.BatchTensors;
import org.atomstack.api.train.Observables;
import org.atomstack.api.train.ParameterSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The training penalty of {@code regularization} equals its definition: on a perfect bcc
 * crystal of one species every atom has the same energy terms, so the per-atom term of each
 * block is the change of the energy per atom when that block's readout is set to zero, and the
 * batch hierarchicality follows from them; the L2 term is the sum of squares of the weight
 * matrices, found here by name.
 */
class RegularizationTest extends CpuBackendTest {
    private static final double LAMBDA_H = 0.3;
    private static final double LAMBDA_2 = 0.002;

    @ParameterizedTest
    @ValueSource(strings = {"hipnn", "hipnn-ts", "hip-hop"})
    void thePenaltyIsTheBatchHierarchicalityPlusTheL2SumOfTheWeightMatrices(String variant) {
        HipnnSettings s = HipnnSettings.parse(Fixtures.parameters("variant", variant, "width", 4, "interactions", 2, "onsite", 1,
            "sensitivities", 3, "cutoff", 4.0, "lower_cutoff", 1.5, "tensor_order", 2, "invariants", List.of("-", "0,0", "01,01"),
            "regularization", Map.of("hierarchicality", LAMBDA_H, "l2", LAMBDA_2)));
        HipnnNetwork net = new HipnnNetwork(s, new int[] {42}, new double[] {-10.9}, 14);
        ParameterSet p = DerivativesAndSymmetryTest.perturbed(net, 3);
        AtomBatch batch = AtomBatch.of(List.of(perfectBcc()), s.cutoff());
        int n = batch.atomCount();
        double full = energy(net, p, batch);
        double withoutSecond = energy(net, p.with("block2.readout", new double[s.width()]), batch);
        double neither = energy(net, p.with("block2.readout", new double[s.width()]).with("block1.readout", new double[s.width()]), batch);
        double[] e = {neither / n, (withoutSecond - neither) / n, (full - withoutSecond) / n};
        assertEquals(-10.9 + p.values(0)[0], e[0], 1e-12, "the per-species term: offset plus correction");
        double hierarchicality = 0;
        for (int k = 1; k < e.length; k++) {
            hierarchicality += n * e[k] * e[k] / (n * e[k] * e[k] + n * e[k - 1] * e[k - 1]);
        }
        double squares = 0;
        int matrices = 0;
        for (int i = 0; i < p.size(); i++) {
            String name = p.names().get(i);
            if (name.endsWith(".V") || name.endsWith(".W") || name.endsWith(".mix") || name.endsWith(".R") || name.endsWith(".A")) {
                matrices++;
                for (double v : p.values(i)) {
                    squares += v * v;
                }
            }
        }
        // residual layers (the default): V, W, R and on-site W, R per block, A in block 1 (3 → 4 features), HIP-HOP's mixing
        assertEquals(variant.equals("hip-hop") ? 13 : 11, matrices, "weight matrices");
        assertEquals(matrices, net.regularizedWeights().size());
        double expected = LAMBDA_H * hierarchicality + LAMBDA_2 * squares;
        assertTrue(LAMBDA_H * hierarchicality > 1e-6 && LAMBDA_2 * squares > 1e-6, "both parts count: " + hierarchicality + ", " + squares);
        assertEquals(expected, penalty(net, p, batch), 1e-12 * expected);
        assertEquals("hierarchicality=0.3, l2=0.002", net.penaltyDescription());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hipnn", "hip-hop"})
    void withoutRegularizationThereIsNoPenalty(String variant) {
        HipnnSettings s = HipnnSettings.parse(Fixtures.parameters("variant", variant, "width", 3, "interactions", 1, "sensitivities", 3,
            "cutoff", 4.0, "lower_cutoff", 1.5));
        HipnnNetwork net = new HipnnNetwork(s, new int[] {42}, new double[] {-10.9}, 14);
        AtomBatch batch = AtomBatch.of(List.of(perfectBcc()), s.cutoff());
        assertNull(penalty(net, net.initialParameters(1), batch));
        assertEquals("", net.penaltyDescription(), "checkpoints of unregularised runs keep their fingerprint");
    }

    private static double energy(HipnnNetwork net, ParameterSet p, AtomBatch batch) {
        return Observables.predict(net, backend, p, DType.FLOAT64, batch, false, false).energy(0);
    }

    /** The penalty of the network's forward pass, or null for none. */
    private static Double penalty(HipnnNetwork net, ParameterSet p, AtomBatch batch) {
        List<Tensor> params = p.upload(backend, DType.FLOAT64);
        try (BatchTensors bt = batch.upload(backend, DType.FLOAT64, net.species()); Graph g = new Graph(backend)) {
            List<Var> vars = new ArrayList<>();
            params.forEach(t -> vars.add(g.constant(t)));
            Var penalty = net.forward(g, vars, bt, g.constant(bt.edgeVectors())).penalty();
            return penalty == null ? null : penalty.item();
        } finally {
            params.forEach(Tensor::close);
        }
    }

    /** Perfect bcc Mo: 2³ cubic cells, every atom equivalent. */
    private static Structure perfectBcc() {
        return Fixtures.bcc(new SplittableRandom(0), "bcc", 2, 3.16, 0, 0, 42);
    }
}
