package org.atomstack.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.model.ModelTrainer;
import org.atomstack.api.stack.StackContext;
import org.junit.jupiter.api.Test;

/** {@link PluginRegistry#of} and the default find logic, with test-only providers. */
class PluginRegistryTest {

    /** A descriptor provider with a given id and version (test only). */
    static class TestDescriptor implements DescriptorProvider {
        private final String id;
        private final Version version;

        TestDescriptor(String id, String version) {
            this.id = id;
            this.version = Version.parse(version);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Version version() {
            return version;
        }

        @Override
        public String description() {
            return "test descriptor " + id;
        }

        @Override
        public Descriptor create(Parameters parameters, StackContext context) {
            throw new UnsupportedOperationException();
        }
    }

    /** A model provider named "ace", clashing with the descriptor id (test only). */
    static class AceModel implements ModelProvider {
        @Override
        public String id() {
            return "ace";
        }

        @Override
        public Version version() {
            return Version.parse("7.0");
        }

        @Override
        public ModelTrainer trainer(Parameters parameters, Descriptor descriptor, StackContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Model load(Path directory, Parameters parameters, Descriptor descriptor, StackContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private static final PluginRegistry REGISTRY = PluginRegistry.of(
        new TestDescriptor("ace", "2.0.0"), new AceModel(), new TestDescriptor("ace", "1.0.0"),
        new TestDescriptor("soap", "0.4.0"), new TestDescriptor("ace", "1.4.2"));

    @Test
    void findReturnsTheHighestVersionInTheRange() {
        Plugin<DescriptorProvider> p = REGISTRY.find(DescriptorProvider.class, "ace", VersionRange.parse("[1.0,2.0)"));
        assertEquals(Version.parse("1.4.2"), p.info().version());
        assertInstanceOf(TestDescriptor.class, p.provider());
        assertEquals(Version.parse("2.0.0"), REGISTRY.find(DescriptorProvider.class, "ace", VersionRange.parse("(1.0,2.0]")).info().version());
        assertEquals(Version.parse("1.0.0"), REGISTRY.find(DescriptorProvider.class, "ace", VersionRange.parse("[1.0,1.0]")).info().version());
    }

    @Test
    void findWithoutARangeReturnsTheHighestVersion() {
        assertEquals(Version.parse("2.0.0"), REGISTRY.find(DescriptorProvider.class, "ace").info().version());
    }

    @Test
    void findLooksOnlyAtTheRequestedKind() {
        Plugin<ModelProvider> model = REGISTRY.find(ModelProvider.class, "ace");
        assertEquals(PluginKind.MODEL, model.info().kind());
        assertEquals(Version.parse("7.0"), model.info().version());
        assertThrows(PluginException.class, () -> REGISTRY.find(ModelProvider.class, "soap"));
    }

    @Test
    void unknownIdErrorListsTheInstalledIdsOfThatKind() {
        PluginException e = assertThrows(PluginException.class, () -> REGISTRY.find(DescriptorProvider.class, "acee"));
        assertEquals("unknown descriptor plugin 'acee'; installed descriptor plugins: ace@1.0.0, ace@1.4.2, ace@2.0.0, soap@0.4.0",
            e.getMessage());
    }

    @Test
    void unknownIdErrorSaysNoneWhenNoPluginOfThatKindIsInstalled() {
        PluginException e = assertThrows(PluginException.class, () -> REGISTRY.find(BackendProvider.class, "cpu"));
        assertEquals("unknown backend plugin 'cpu'; installed backend plugins: none", e.getMessage());
    }

    @Test
    void noVersionInRangeErrorNamesTheRangeAndTheInstalledVersions() {
        PluginException e = assertThrows(PluginException.class,
            () -> REGISTRY.find(DescriptorProvider.class, "ace", VersionRange.parse("[3.0,4.0)")));
        String m = e.getMessage();
        assertTrue(m.startsWith("descriptor plugin 'ace' has no version in [3.0.0,4.0.0); installed: 1.0.0 ("), m);
        assertTrue(m.contains("1.4.2 (") && m.contains("2.0.0 ("), m);
    }

    @Test
    void pluginsAreSortedByKindIdAndVersionWithExplicitRuntime() {
        List<String> coordinates = REGISTRY.plugins().stream().map(p -> p.info().coordinates()).toList();
        assertEquals(List.of("descriptor ace@1.0.0", "descriptor ace@1.4.2", "descriptor ace@2.0.0", "descriptor soap@0.4.0",
            "model ace@7.0.0"), coordinates);
        for (Plugin<?> p : REGISTRY.plugins()) {
            assertEquals("explicit", p.info().runtime());
            assertFalse(p.info().origin().isBlank());
        }
        assertEquals("test descriptor soap", REGISTRY.find(DescriptorProvider.class, "soap").info().description());
    }

    @Test
    void pluginsOfATypeAreAnUnmodifiableFilteredSnapshot() {
        List<Plugin<DescriptorProvider>> descriptors = REGISTRY.plugins(DescriptorProvider.class);
        assertEquals(4, descriptors.size());
        assertThrows(UnsupportedOperationException.class, descriptors::clear);
        assertThrows(UnsupportedOperationException.class, () -> REGISTRY.plugins().clear());
        assertTrue(REGISTRY.problems().isEmpty());
    }

    @Test
    void rejectsAProviderWithABlankIdNamingItsClass() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PluginRegistry.of(new TestDescriptor(" ", "1.0")));
        assertTrue(e.getMessage().contains(TestDescriptor.class.getName()), e.getMessage());
        assertThrows(IllegalStateException.class, () -> PluginRegistry.of(new TestDescriptor("ace ", "1.0")));
    }

    @Test
    void kindLabelsAreLowerCase() {
        assertEquals("descriptor", PluginKind.DESCRIPTOR.label());
        assertEquals("backend", PluginKind.BACKEND.label());
    }
}
