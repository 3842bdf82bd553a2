package org.atomstack.model.hipnn.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.atomstack.api.autodiff.GradCheck;
import org.atomstack.api.structure.Structure;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.train.AtomBatch;
import org.atomstack.api.train.BatchTensors;
import org.atomstack.api.train.Loss;
import org.atomstack.api.train.LossWeights;
import org.atomstack.api.train.ParameterSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parameter gradient of the training loss with energy, force and stress terms — the force
 * and stress terms come from ∂E/∂r, so this is a gradient of a gradient — against central
 * finite differences in every parameter, for each variant at small sizes, with the neighbour
 * sums formed per edge and per atom.
 */
class ForceLossGradientTest extends CpuBackendTest {
    @ParameterizedTest
    @CsvSource({"hipnn, EDGE, true", "hipnn, ATOM, true", "hipnn-ts, EDGE, true", "hipnn-ts, ATOM, true", "hip-hop, EDGE, true",
        "hip-hop, ATOM, true", "hipnn, ATOM, false", "hipnn-ts, EDGE, false", "hip-hop, EDGE, false"})
    void forceLossParameterGradientMatchesFiniteDifferences(String variant, HipnnNetwork.Order order, boolean resnet) {
        checkLossGradient(variant, order, resnet, new LossWeights(2, 1, 30));
    }

    /** Pseudo-Huber penalties (scales within the spread of the errors, so both regimes occur) differentiate as exactly. */
    @ParameterizedTest
    @CsvSource({"hipnn-ts, EDGE", "hip-hop, ATOM"})
    void pseudoHuberLossParameterGradientMatchesFiniteDifferences(String variant, HipnnNetwork.Order order) {
        checkLossGradient(variant, order, false, new LossWeights(2, 1, 30, true, new LossWeights.Huber(0.05, 0.3, 0.005)));
    }

    /** With the hierarchicality and L2 penalties of {@code regularization} in the objective. */
    @ParameterizedTest
    @CsvSource({"hipnn, ATOM, true", "hipnn-ts, EDGE, false", "hip-hop, EDGE, true"})
    void regularizedLossParameterGradientMatchesFiniteDifferences(String variant, HipnnNetwork.Order order, boolean resnet) {
        checkLossGradient(variant, order, resnet, new LossWeights(2, 1, 30), "regularization",
            java.util.Map.of("hierarchicality", 0.5, "l2", 0.01));
    }

    private static void checkLossGradient(String variant, HipnnNetwork.Order order, boolean resnet, LossWeights weights, Object... extra) {
        List<Object> kv = new ArrayList<>(List.of("variant", variant, "width", 3, "interactions", 2, "onsite", 1, "resnet", resnet,
            "sensitivities", 3, "cutoff", 3.6, "lower_cutoff", 1.5, "tensor_order", 2, "activation", "softplus",
            "invariants", List.of("-", "0,0", "01,01", "01,12,02", "0,1,01", "01,023,123")));
        kv.addAll(List.of(extra));
        HipnnSettings s = HipnnSettings.parse(Fixtures.parameters(kv.toArray()));
        HipnnNetwork net = new HipnnNetwork(s, new int[] {41, 42}, new double[] {-3.0, -4.0}, 6, order);
        ParameterSet p0 = DerivativesAndSymmetryTest.perturbed(net, 5);
        SplittableRandom rng = new SplittableRandom(8);
        List<Structure> structures = List.of(Fixtures.cluster(rng, "c1", 4, 41, 42),
            Fixtures.bcc(rng, "b1", 1, 2.9, 0.05, 0.15, 41, 42));
        Loss loss = new Loss(net, weights);
        List<double[]> values = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < p0.size(); i++) {
            values.add(p0.values(i));
            shapes.add(p0.shapes().get(i));
        }
        AtomBatch batch = AtomBatch.of(structures, s.cutoff());
        try (BatchTensors bt = batch.upload(backend, DType.FLOAT64, net.species())) {
            GradCheck check = new GradCheck(backend, (g, vars) -> loss.evaluate(g, vars, bt).loss(), values, shapes, 3).step(1e-6);
            check.firstOrder(DType.FLOAT64).assertWithin(1e-6);
        }
    }
}
