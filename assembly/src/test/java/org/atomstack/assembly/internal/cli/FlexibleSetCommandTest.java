package org.atomstack.assembly.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.stack.StackContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atomstack flexible-set} with the real cartesian and langbein plugins. */
class FlexibleSetCommandTest {
    static final PluginRegistry REGISTRY = PluginRegistry.serviceLoader(FlexibleSetCommandTest.class.getClassLoader());
    /** Table I of Allen et al. in canonical index strings ("01,12,02" prints as "01,02,12"). */
    static final List<String> TABLE_I = List.of("-", "0,0", "01,01", "01,02,12", "012,012", "012,013,245,345", "0,1,01", "0,1,02,12",
        "0,1,2,012", "0,1,023,123", "01,023,123", "01,02,134,234", "01,23,014,234");

    @TempDir
    Path tmp;

    static List<String> invariants(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void atFourFactorsAndOrderThreeItIsTableIPlusOneAndAsCompleteAsFourFactorsAllow() throws Exception {
        Path out = tmp.resolve("l3-n4.txt");
        CliHarness.Result r = CliHarness.run(REGISTRY, "flexible-set", "--lmax", "3", "--factors", "4", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> set = invariants(out);
        assertEquals(14, set.size(), set.toString());
        assertTrue(set.containsAll(TABLE_I), set.toString());
        assertTrue(set.contains("0,012,134,234"), set.toString());
        // Ranks per vanishing order: complete except l = 1 and l = 2, where no diagram with <= 4 factors helps.
        String text = Files.readString(out);
        assertTrue(text.contains("none vanishes           13 of  13"), text);
        assertTrue(text.contains("l = 1 vanishes           8 of  10  (incomplete)"), text);
        assertTrue(text.contains("l = 2 vanishes           7 of   8  (incomplete)"), text);
        assertTrue(text.contains("l = 3 vanishes           6 of   6"), text);
        assertTrue(r.out().contains("NOT complete for every pattern"), r.out());

        // The file is a valid 'invariants:' list of the cartesian descriptor.
        Descriptor d = REGISTRY.find(DescriptorProvider.class, "cartesian").provider().create(Parameters.of("descriptor",
            Map.of("radial", Map.of("count", 1), "invariants", set)), StackContext.of(new int[] {42}, 1, REGISTRY, null));
        assertEquals(14, d.size());
    }

    @Test
    void atOrderFourFourFactorsGiveASetCompleteWhenAnySingleOrderVanishes() throws Exception {
        Path out = tmp.resolve("l4-n4.txt");
        CliHarness.Result r = CliHarness.run(REGISTRY, "flexible-set", "--lmax", "4", "--factors", "4", "--samples", "2", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("complete for every pattern") && !r.out().contains("NOT"), r.out());
        assertEquals(30, invariants(out).size());
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliHarness.Result r = CliHarness.run(REGISTRY, "flexible-set", "--lmax", "9", "--factors", "4", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--lmax must be in 0..8, got 9"), r.err());
        r = CliHarness.run(REGISTRY, "flexible-set", "--lmax", "3", "--factors", "4", "--vanishing", "pairs", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--vanishing: 'pairs' is not one of single, subsets"), r.err());
    }
}
