package org.atomstack.assembly.internal.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Elements;
import org.atomstack.assembly.internal.study.StudyException;
import org.atomstack.assembly.internal.study.StudyFiles;
import org.atomstack.assembly.internal.study.StudySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every stack and study file under {@code examples/} is valid: stacks read and assemble with the
 * installed plugins for the element their name ends in (every parameter checked by its plugin,
 * nothing trained), studies read with all their stack files (a study whose data lies outside the
 * repository, in the shared data folder, is skipped where that folder is absent).
 */
class ExampleFilesTest {
    static final PluginRegistry REGISTRY = PluginRegistry.serviceLoader(ExampleFilesTest.class.getClassLoader());
    static final Path EXAMPLES = Path.of("../examples");
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    static List<Path> files(String folder) throws Exception {
        try (Stream<Path> s = Files.list(EXAMPLES.resolve(folder))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleStackAssembles() throws Exception {
        List<Path> stacks = files("stacks");
        assertFalse(stacks.isEmpty());
        return stacks.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            StackSpec spec = StackFiles.read(f);
            String name = f.getFileName().toString().replace(".yaml", "");
            int z = Elements.atomicNumber(name.substring(name.lastIndexOf('-') + 1));
            try (Backend backend = REGISTRY.find(BackendProvider.class, "cpu").provider().open()) {
                AssembledStack stack = new StackAssembler(REGISTRY).assemble(spec, new int[] {z}, backend);
                assertTrue(stack.trainer() != null, name);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleStudyReads() throws Exception {
        return files("studies").stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            StudySpec study;
            try {
                study = StudyFiles.read(f);
            } catch (StudyException e) {
                // studies may read data beside the repository (../shared/data), which a clone lacks
                String missing = e.getMessage().contains("no such file ") ? e.getMessage().substring(e.getMessage().indexOf("no such file ") + 13) : "";
                Assumptions.assumeFalse(!missing.isEmpty() && !Path.of(missing).toAbsolutePath().normalize().startsWith(REPOSITORY),
                    f + " reads data outside the repository that is not here: " + missing);
                throw e;
            }
            assertFalse(study.stacks().isEmpty(), f.toString());
            assertFalse(study.datasets().isEmpty(), f.toString());
        }));
    }
}
