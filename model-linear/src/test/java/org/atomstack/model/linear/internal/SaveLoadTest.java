package org.atomstack.model.linear.internal;

import static org.atomstack.model.linear.internal.Fixtures.map;
import static org.atomstack.model.linear.internal.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Saved models load back exactly, and loading checks the descriptor and parameters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaveLoadTest {
    private final LinearModelProvider provider = new LinearModelProvider();
    private RadialTestDescriptor descriptor;
    private LinearModel model;

    @BeforeAll
    void fit() {
        descriptor = Fixtures.descriptor();
        Dataset data = Fixtures.label("noisy", Fixtures.structures(61, 20, RandomStructures.Periodicity.ANY),
            Fixtures.truth(descriptor, true), 0.03, 1);
        model = Fixtures.train(params("pair", map("cutoff", 3.5, "basis", 3), "config_weights", map("Elastic", 2.0)), descriptor, data);
    }

    private Path saved(Path dir) throws IOException {
        model.save(dir);
        return dir;
    }

    @Test
    void saveThenLoadPredictsBitwiseIdentically(@TempDir Path dir) throws IOException {
        Model loaded = provider.load(saved(dir), model.parameters(), descriptor, Fixtures.context());
        assertEquals(model.parameterCount(), loaded.parameterCount());
        assertEquals(model.cutoff(), loaded.cutoff());
        assertEquals("linear", loaded.providerId());
        LinearModel l = (LinearModel) loaded;
        assertArrayEquals(model.coefficients(), l.coefficients());
        assertArrayEquals(model.e0(), l.e0());
        assertArrayEquals(model.pairCoefficients(), l.pairCoefficients());
        assertEquals(model.diagnostics(), l.diagnostics());
        for (Structure s : Fixtures.structures(62, 6, RandomStructures.Periodicity.ANY)) {
            NeighborList nl = NeighborList.build(s, model.cutoff());
            Prediction a = model.predict(s, nl, true, true);
            Prediction b = loaded.predict(s, nl, true, true);
            assertEquals(Double.doubleToRawLongBits(a.energy()), Double.doubleToRawLongBits(b.energy()));
            assertArrayEquals(a.forces().orElseThrow(), b.forces().orElseThrow());
            assertEquals(a.stress().isPresent(), b.stress().isPresent());
            if (a.stress().isPresent()) {
                assertArrayEquals(a.stress().orElseThrow(), b.stress().orElseThrow());
            }
        }
    }

    @Test
    void parametersRecreateTheConfigurationWithEveryDefaultExplicit() {
        Parameters p = model.parameters();
        assertEquals("model", p.path());
        assertEquals("fit", p.string("e0"));
        assertEquals("blr", p.section("solver").string("method"));
        assertEquals(30.0, p.section("weights").number("energy"));
        assertEquals(2.0, p.section("config_weights").number("Elastic"));
        assertEquals("auto", p.string("prior"));
        assertEquals(3, p.section("pair").integer("basis"));
        LinearSettings again = LinearSettings.parse(p);
        assertEquals(p.asMap(), again.toParameters().asMap());
    }

    @Test
    void loadRejectsADescriptorOfAnotherSize(@TempDir Path dir) throws IOException {
        RadialTestDescriptor other = new RadialTestDescriptor(Fixtures.CUTOFF, 4, Fixtures.SPECIES, true, false);
        PluginException e = assertThrows(PluginException.class,
            () -> provider.load(saved(dir), model.parameters(), other, Fixtures.context()));
        assertTrue(e.getMessage().contains("7 descriptor coefficients but the descriptor has 9 features"), e.getMessage());
    }

    @Test
    void loadRejectsADescriptorForOtherSpecies(@TempDir Path dir) throws IOException {
        RadialTestDescriptor other = new RadialTestDescriptor(Fixtures.CUTOFF, 2, new int[] {6, 14, 42}, true, false);
        PluginException e = assertThrows(PluginException.class,
            () -> provider.load(saved(dir), model.parameters(), other, Fixtures.context()));
        assertTrue(e.getMessage().contains("fitted for species [Si, Mo] but the descriptor handles [C, Si, Mo]"), e.getMessage());
    }

    @Test
    void loadRejectsParametersThatDisagreeWithTheSavedPairTerm(@TempDir Path dir) throws IOException {
        Parameters p = params("pair", map("cutoff", 3.5, "basis", 4));
        PluginException e = assertThrows(PluginException.class, () -> provider.load(saved(dir), p, descriptor, Fixtures.context()));
        assertTrue(e.getMessage().contains("does not match the parameters"), e.getMessage());
    }

    @Test
    void loadNamesTheLineOfACorruptFile(@TempDir Path dir) throws IOException {
        Path file = saved(dir).resolve(ModelFile.FILE_NAME);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int at = lines.indexOf("coefficients 7") + 3;
        lines.set(at, "0.5x");
        Files.write(file, lines, StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> provider.load(dir, model.parameters(), descriptor, Fixtures.context()));
        assertTrue(e.getMessage().contains("line " + (at + 1) + ": expected a number, found '0.5x'"), e.getMessage());
    }

    @Test
    void loadReportsAMissingModelFile(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> provider.load(dir, model.parameters(), descriptor, Fixtures.context()));
        assertTrue(e.getMessage().contains("no saved linear model"), e.getMessage());
    }
}
