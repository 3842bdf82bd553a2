package org.atomstack.assembly.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.atomstack.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

/** {@code atomstack bench} with the real cpu backend found by the ServiceLoader registry. */
class BenchCommandTest {
    final PluginRegistry registry = PluginRegistry.serviceLoader(getClass().getClassLoader());

    @Test
    void reportsGemmAndKernelThroughputAndSaysWhichBackendRuns() throws Exception {
        CliHarness.Result r = CliHarness.run(registry, "bench", "--sizes", "8,16", "--edges", "64", "--repeats", "1", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("using backend cpu (auto)"), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("cpu", doc.get("backend").asText());
        assertEquals(4, doc.get("gemm").size());
        for (JsonNode g : doc.get("gemm")) {
            assertTrue(g.get("gflops").asDouble() > 0, g.toString());
        }
        assertTrue(doc.get("gemm").get(0).get("naiveGflops").asDouble() > 0, "the triple loop runs for small sizes");
        assertEquals(4, doc.get("kernels").size());
        for (JsonNode k : doc.get("kernels")) {
            assertTrue(k.get("edgesPerSecond").asDouble() > 0, k.toString());
        }
    }

    @Test
    void timesTheFeaturisationOfAStacksDescriptor() throws Exception {
        CliHarness.Result r = CliHarness.run(registry, "bench", "--sizes", "8", "--edges", "64", "--repeats", "1", "--json",
            "--stack", "src/test/resources/stacks/ace-tiny.yaml", "--data", "../examples/data/emt-cunau/cunau_sample.xyz");
        assertEquals(0, r.status(), r.err());
        JsonNode f = new ObjectMapper().readTree(r.out()).get("featurisation");
        assertTrue(f.size() >= 2, f.toString());
        for (JsonNode m : f) {
            assertTrue(m.get("microsecondsPerAtom").asDouble() > 0, m.toString());
        }
        assertEquals("values + gradients", f.get(f.size() - 1).get("what").asText());
    }

    @Test
    void stackWithoutDataIsAUsageError() {
        CliHarness.Result r = CliHarness.run(registry, "bench", "--stack", "src/test/resources/stacks/ace-tiny.yaml");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--stack and --data go together"), r.err());
    }

    @Test
    void float32RunsOnTheCpuBackend() {
        CliHarness.Result r = CliHarness.run(registry, "bench", "--backend", "cpu", "--dtype", "float32", "--sizes", "8", "--edges", "64", "--repeats", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("using backend cpu (requested)"), r.err());
        assertTrue(r.out().contains("float32"), r.out());
    }

    @Test
    void anUnknownBackendIsAnErrorNamingTheInstalledOnes() {
        CliHarness.Result r = CliHarness.run(registry, "bench", "--backend", "tpu", "--sizes", "8");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("unknown backend plugin 'tpu'"), r.err());
        assertTrue(r.err().contains("cpu@"), r.err());
    }

    @Test
    void anUnknownDtypeIsAUsageError() {
        CliHarness.Result r = CliHarness.run(registry, "bench", "--dtype", "float16", "--sizes", "8");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--dtype must be float64 or float32"), r.err());
    }
}
