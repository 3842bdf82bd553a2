package org.atomstack.model.hipnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.train.LossWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter parsing (defaults, round trip, errors naming the path and quoting the value) and provider checks. */
class SettingsAndProviderTest {

    private static String error(Object... kv) {
        return assertThrows(PluginException.class, () -> HipnnSettings.parse(Fixtures.parameters(kv))).getMessage();
    }

    @Test
    void defaultsAndRoundTrip() {
        HipnnSettings s = HipnnSettings.parse(Parameters.empty("model"));
        assertEquals(HipnnSettings.Variant.HIPNN, s.variant());
        assertEquals(DType.FLOAT64, s.dtype());
        assertEquals(13, s.invariants().size());
        assertTrue(s.resnet(), "residual layers by default, as hippynn");
        assertEquals(HipnnSettings.Optimizer.ADAM, s.optimizer());
        HipnnSettings t = HipnnSettings.parse(Fixtures.parameters("variant", "hip-hop", "dtype", "float32", "invariants",
            List.of("-", "0,0", "01,12,02"), "plateau", java.util.Map.of("factor", 0.3), "weights", java.util.Map.of("stress", 0.5),
            "checkpoint", "x.ckpt", "resnet", false, "optimizer", "lbfgs", "lbfgs", java.util.Map.of("iterations", 7), "init_from", "runs/a",
            "huber", java.util.Map.of("forces", 0.1), "regularization", java.util.Map.of("hierarchicality", 0.01)));
        Parameters recorded = t.toParameters();
        assertEquals(recorded.asMap(), HipnnSettings.parse(recorded).toParameters().asMap());
        assertEquals(List.of("-", "0,0", "01,02,12"), recorded.raw("invariants"));
        assertEquals(DType.FLOAT32, HipnnSettings.parse(recorded).dtype());
        HipnnSettings back = HipnnSettings.parse(recorded);
        assertEquals(List.of(false, HipnnSettings.Optimizer.LBFGS, 20, 7, java.nio.file.Path.of("runs/a")),
            List.of(back.resnet(), back.optimizer(), back.lbfgsHistory(), back.lbfgsIterations(), back.initFrom()));
        assertEquals(new LossWeights.Huber(0, 0.1, 0), back.loss().huber());
        assertEquals(new HipnnSettings.Regularization(0.01, 0), back.regularization());
        assertEquals(HipnnSettings.Regularization.NONE, s.regularization(), "no penalty by default");
        assertFalse(s.toParameters().asMap().containsKey("regularization"), "models saved without penalties record nothing new");
        assertEquals(LossWeights.Huber.NONE, s.loss().huber(), "squared errors by default");
        assertFalse(s.toParameters().asMap().containsKey("huber"), "models saved without scales record nothing new");
    }

    @Test
    void errorsNameTheParameterPathAndQuoteTheValue() {
        assertTrue(error("widht", 3).contains("model.widht: unknown parameter"));
        assertTrue(error("width", 0).contains("model.width: must be >= 1, got 0"));
        assertTrue(error("variant", "hop").contains("model.variant: 'hop' is not one of [hipnn, hipnn-ts, hip-hop]"));
        assertTrue(error("lower_cutoff", 6.0, "cutoff", 5.0).contains("model.lower_cutoff: must be in (0, cutoff = 5.0) Å, got 6.0"));
        assertTrue(error("dtype", "float16").contains("model.dtype: 'float16' is not one of [float64, float32]"));
        assertTrue(error("invariants", List.of("-", "01,1")).contains("model.invariants[1]: '01,1'"));
        assertTrue(error("invariants", "flexible").contains("model.invariants: unknown built-in invariant set 'flexible'"));
        assertTrue(error("plateau", java.util.Map.of("factor", 2)).contains("model.plateau.factor: must be in (0, 1), got 2"));
        assertTrue(error("weights", java.util.Map.of("energy", 0, "forces", 0)).contains("model.weights"));
        assertTrue(error("activation", "relu").contains("model.activation: 'relu' is not one of"));
        assertTrue(error("optimizer", "sgd").contains("model.optimizer: 'sgd' is not one of"));
        assertTrue(error("lbfgs", java.util.Map.of("iterations", 0)).contains("model.lbfgs.iterations: must be >= 1, got 0"));
        assertTrue(error("init_from", " ").contains("model.init_from: expected a model directory"));
        assertTrue(error("huber", java.util.Map.of("forces", -0.1)).contains("model.huber.forces: must be >= 0, got -0.1"));
        assertTrue(error("huber", java.util.Map.of("force", 0.1)).contains("model.huber.force: unknown parameter"));
        assertTrue(error("regularization", java.util.Map.of("l2", -1)).contains("model.regularization.l2: must be >= 0, got -1"));
        assertTrue(error("regularization", java.util.Map.of("hierarchy", 1)).contains("model.regularization.hierarchy: unknown parameter"));
    }

    @Test
    void theProviderRefusesADescriptorStageAndAMissingBackend() {
        HipnnModelProvider p = new HipnnModelProvider();
        StackContext noBackend = StackContext.of(new int[] {42}, 1, PluginRegistry.serviceLoader(getClass().getClassLoader()), null);
        String m = assertThrows(PluginException.class, () -> p.trainer(Parameters.empty("model"), null, noBackend)).getMessage();
        assertTrue(m.contains("model: the hipnn model computes on a backend"), m);
    }

    @Test
    void loadingRejectsAMalformedWeightsFileWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(WeightsFile.NAME), "atomstack-hipnn-weights 1\nspecies 42\noffsets x\n");
        try (var backend = Fixtures.cpu()) {
            String m = assertThrows(java.io.IOException.class, () -> new HipnnModelProvider().load(dir, Parameters.empty("model"), null,
                Fixtures.context(new int[] {42}, 1, backend))).getMessage();
            assertTrue(m.contains(WeightsFile.NAME + ":3: expected a number, got 'x'"), m);
        }
    }
}
