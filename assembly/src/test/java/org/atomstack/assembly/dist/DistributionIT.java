package org.atomstack.assembly.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the built distribution ({@code assembly/target/atomstack}): every atomstack jar is a
 * named JPMS module and an OSGi bundle exporting only non-internal, versioned packages, and
 * the application starts on the real module path ({@code java -p lib:plugins -m ...}) as the
 * {@code ./atomstack} launcher runs it.
 */
class DistributionIT {
    static final Path DIST = Path.of(System.getProperty("atomstack.dist", "target/atomstack"));
    static final Path REPO = Path.of(System.getProperty("atomstack.repo", ".."));

    static List<Path> atomstackJars() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String dir : List.of("lib", "plugins")) {
            try (Stream<Path> s = Files.list(DIST.resolve(dir))) {
                s.filter(p -> p.getFileName().toString().startsWith("atomstack-")).forEach(jars::add);
            }
        }
        return jars;
    }

    @Test
    void everyAtomstackJarIsANamedModuleAndABundleExportingNoInternals() throws IOException {
        List<Path> jars = atomstackJars();
        assertTrue(jars.size() >= 12, "expected api, assembly and ten plugin jars, got " + jars);
        for (Path jar : jars) {
            ModuleReference ref = ModuleFinder.of(jar).findAll().iterator().next();
            ModuleDescriptor d = ref.descriptor();
            assertFalse(d.isAutomatic(), jar + " must carry a module-info");
            for (ModuleDescriptor.Exports e : d.exports()) {
                assertFalse(e.source().contains(".internal"), jar + " exports internal package " + e.source());
            }
            try (JarFile jf = new JarFile(jar.toFile())) {
                Attributes a = jf.getManifest().getMainAttributes();
                assertEquals(d.name(), a.getValue("Bundle-SymbolicName"), jar + ": Bundle-SymbolicName must equal the module name");
                assertNotNull(a.getValue("Bundle-Version"), jar + ": Bundle-Version");
                assertEquals("2", a.getValue("Bundle-ManifestVersion"), jar.toString());
                String exports = a.getValue("Export-Package");
                if (exports != null) {
                    assertFalse(exports.contains(".internal"), jar + " exports internal packages: " + exports);
                    for (ModuleDescriptor.Exports e : d.exports()) {
                        assertTrue(exports.contains(e.source() + ";version="), jar + ": exported package " + e.source()
                            + " needs an OSGi export with a version, got " + exports);
                    }
                } else {
                    assertTrue(d.exports().isEmpty(), jar + " exports packages in module-info but not in its manifest");
                }
            }
        }
    }

    @Test
    void pluginsCommandRunsOnTheModulePath() throws Exception {
        Result r = launch("plugins");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("KIND") || r.out.contains("No plugins found"), r.toString());
    }

    @Test
    void dataStatsOnTheEmbeddedMoExampleRunsOnTheModulePath() throws Exception {
        Result r = launch("data", "stats", REPO.resolve("examples/data/zuo2020-Mo/test.json").toString(), "--cutoff", "5");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("structures            23"), r.toString());
        assertTrue(r.out.contains("atoms                 1189"), r.toString());
        assertTrue(r.out.contains("species               Mo 1189"), r.toString());
        assertTrue(r.out.contains("neighbours per atom   mean"), r.toString());
    }

    @Test
    void pluginsCommandRunsInsideFelixWithTheDistributionsBundles() throws Exception {
        Result r = launch(false, "--runtime", "osgi", "plugins");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("KIND") || r.out.contains("No plugins found (runtime osgi)"), r.toString());
        assertFalse(r.out.contains("Problems:"), "every distribution bundle must resolve: " + r);
    }

    @Test
    void anAceLinearFitRunsOnTheModulePathAndInsideFelixWithTheSameResult() throws Exception {
        Path tmp = Files.createTempDirectory("atomstack-it");
        Path train = tmp.resolve("train.xyz");
        org.atomstack.assembly.io.DataFiles.writeExtendedXyz(
            org.atomstack.assembly.io.DataFiles.read(REPO.resolve("examples/data/zuo2020-Mo/training.json")).randomSubset(20, 1), train);
        String stack = REPO.resolve("assembly/src/test/resources/stacks/ace-tiny.yaml").toString();
        String test = REPO.resolve("examples/data/zuo2020-Mo/test.json").toString();
        Result jpms = launch(true, "fit", "--stack", stack, "--train", train.toString(), "--test", test, "--out", tmp.resolve("jpms").toString());
        assertEquals(0, jpms.status, jpms.toString());
        Result osgi = launch(false, "--runtime", "osgi", "fit", "--stack", stack, "--train", train.toString(), "--test", test,
            "--out", tmp.resolve("osgi").toString());
        assertEquals(0, osgi.status, osgi.toString());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var a = json.readTree(tmp.resolve("jpms/metrics.json").toFile()).get("test");
        var b = json.readTree(tmp.resolve("osgi/metrics.json").toFile()).get("test");
        assertEquals(a.get("forceMae").asDouble(), b.get("forceMae").asDouble(), 0.0, "same plugins, same numbers: " + a + " vs " + b);
        assertEquals(a.get("energyMaeMeVPerAtom").asDouble(), b.get("energyMaeMeVPerAtom").asDouble(), 0.0);
    }

    @Test
    void aStudyKilledMidWayResumesWithoutRedoingOrTouchingFinishedCells() throws Exception {
        Path tmp = Files.createTempDirectory("atomstack-study-it");
        Path study = tmp.resolve("kill.yaml");
        Path mo = REPO.resolve("examples/data/zuo2020-Mo").toAbsolutePath().normalize();
        Files.writeString(study, """
            name: kill
            stacks:
              - file: %s
              - name: ace-tiny-3
                descriptor: {plugin: ace, cutoff: 5.0, order: 3, degree: [8, 6, 4]}
                model: {plugin: linear}
            datasets:
              - {name: Mo, train: %s/training.json, test: %s/test.json}
            sizes: [10, 20, 30]
            repeats: 2
            parallel: 1
            """.formatted(REPO.resolve("assembly/src/test/resources/stacks/ace-tiny.yaml").toAbsolutePath(), mo, mo));
        Path out = tmp.resolve("out");
        Process p = start(true, "study", study.toString(), "--out", out.toString());
        List<Path> finished = List.of();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (finished.size() < 3 && p.isAlive() && System.nanoTime() < deadline) {
            p.waitFor(100, TimeUnit.MILLISECONDS);
            finished = metricsFiles(out);
        }
        assertTrue(p.isAlive(), "the study finished before it could be killed; make it longer");
        p.destroyForcibly().waitFor();
        List<Path> before = metricsFiles(out);
        assertTrue(before.size() >= 3 && before.size() < 12, "killed mid-way: " + before.size() + " of 12 cells finished");
        java.util.Map<Path, String> contents = new java.util.HashMap<>();
        java.util.Map<Path, java.nio.file.attribute.FileTime> times = new java.util.HashMap<>();
        for (Path f : before) {
            contents.put(f, Files.readString(f));
            times.put(f, Files.getLastModifiedTime(f));
        }
        Result resumed = launch(true, "study", study.toString(), "--out", out.toString());
        assertEquals(0, resumed.status, resumed.toString());
        assertTrue(resumed.err.contains(before.size() + " already finished"), resumed.err);
        assertEquals(12, metricsFiles(out).size());
        for (Path f : before) {
            assertEquals(contents.get(f), Files.readString(f), "finished cell rewritten: " + f);
            assertEquals(times.get(f), Files.getLastModifiedTime(f), "finished cell touched: " + f);
        }
        try (Stream<Path> s = Files.walk(out)) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no temporary files left");
        }
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| ace-tiny | Mo | 30 | 2 |") && md.contains("| ace-tiny-3 | Mo | 10 | 2 |"), md);
        assertTrue(Files.size(out.resolve("plots/learning-curve-force_mae-Mo.png")) > 1000);
    }

    static List<Path> metricsFiles(Path out) throws IOException {
        if (!Files.isDirectory(out.resolve("cells"))) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(out.resolve("cells"))) {
            return s.filter(f -> f.getFileName().toString().equals("metrics.json")).sorted().toList();
        }
    }

    @Test
    void badInputFileGivesAClearErrorAndStatusOne() throws Exception {
        Result r = launch("data", "stats", REPO.resolve("does-not-exist.json").toString());
        assertEquals(1, r.status, r.toString());
        assertTrue(r.err.contains("does-not-exist.json"), r.toString());
    }

    record Result(int status, String out, String err) {
    }

    static Result launch(String... args) throws Exception {
        return launch(true, args);
    }

    /** Starts the distribution as ./atomstack does; plugins go on the module path unless OSGi loads them. */
    static Process start(boolean pluginsOnModulePath, String... args) throws IOException {
        return new ProcessBuilder(command(pluginsOnModulePath, args)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    static List<String> command(boolean pluginsOnModulePath, String... args) {
        String modulePath = DIST.resolve("lib") + (pluginsOnModulePath ? java.io.File.pathSeparator + DIST.resolve("plugins") : "");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Datomstack.home=" + DIST,
            "-p", modulePath,
            "-m", "org.atomstack.assembly/org.atomstack.assembly.internal.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs the distribution to completion and captures its output. */
    static Result launch(boolean pluginsOnModulePath, String... args) throws Exception {
        List<String> cmd = command(pluginsOnModulePath, args);
        Path out = Files.createTempFile("atomstack-out", ".txt");
        Path err = Files.createTempFile("atomstack-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("atomstack " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
