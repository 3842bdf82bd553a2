package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The C signatures behind {@link Driver}'s downcall handles match the CUDA headers: compiles
 * src/test/native/driver_abi_check.cpp (static assertions over cuda.h) with {@code -fsyntax-only}.
 * Skipped with the reason where no CUDA toolkit headers or no C++ compiler are installed.
 */
class DriverAbiTest {
    @Test
    void boundDriverSignaturesAreThoseOfCudaH() throws IOException, InterruptedException {
        Optional<Path> include = cudaInclude();
        Assumptions.assumeTrue(include.isPresent(), "no CUDA toolkit headers (cuda.h in $CUDA_HOME, $CUDA_PATH or /usr/local/cuda)");
        String cxx = EmulatedDevice.compiler();
        Assumptions.assumeTrue(cxx != null, "no C++ compiler");
        Path source = Path.of(System.getProperty("atomstack.cuda.emulator.sources", "src/test/native"), "driver_abi_check.cpp");
        List<String> cmd = new ArrayList<>(List.of(cxx, "-std=c++17", "-fsyntax-only", "-I" + include.get(), source.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + log);
    }

    private static Optional<Path> cudaInclude() {
        List<String> homes = new ArrayList<>();
        for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                homes.add(v.strip());
            }
        }
        homes.add("/usr/local/cuda");
        return homes.stream().map(h -> Path.of(h, "include")).filter(d -> Files.isRegularFile(d.resolve("cuda.h"))).findFirst();
    }
}
