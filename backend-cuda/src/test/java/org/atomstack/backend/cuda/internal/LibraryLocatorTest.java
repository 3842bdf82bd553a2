package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader-like library search, on a fake file system root. */
class LibraryLocatorTest {
    @TempDir
    Path root;

    @Test
    void searchesLdLibraryPathThenLdSoConfThenTheDefaultDirectories() throws IOException {
        write("etc/ld.so.conf", "# comment\ninclude /etc/ld.so.conf.d/*.conf\n/opt/first\n");
        write("etc/ld.so.conf.d/b.conf", "/opt/b\n");
        write("etc/ld.so.conf.d/a.conf", "/opt/a  # trailing comment\n");
        write("etc/ld.so.conf.d/ignored.txt", "/opt/ignored\n");
        LibraryLocator l = new LibraryLocator(Map.of("LD_LIBRARY_PATH", "/custom:/other/stubs:"), "amd64", root);
        List<Path> dirs = l.driverDirectories();
        assertEquals(List.of("/custom", "/opt/a", "/opt/b", "/opt/first", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"),
            dirs.subList(0, 6).stream().map(Path::toString).toList());
        assertFalse(dirs.contains(Path.of("/other/stubs")), "stub libraries answer CUDA_ERROR_STUB_LIBRARY");
        assertFalse(dirs.contains(Path.of("/opt/ignored")));
        assertTrue(dirs.containsAll(List.of(Path.of("/usr/lib64"), Path.of("/usr/local/nvidia/lib64"), Path.of("/usr/lib/wsl/lib"))));
    }

    @Test
    void findsTheFirstNameInTheFirstDirectoryThatHasIt() throws IOException {
        write("usr/lib/x86_64-linux-gnu/libcuda.so", "");
        write("usr/lib64/libcuda.so.1", "");
        LibraryLocator l = new LibraryLocator(Map.of(), "amd64", root);
        LibraryLocator.Search s = l.find(List.of("libcuda.so.1", "libcuda.so"), l.driverDirectories());
        assertEquals(root.resolve("usr/lib64/libcuda.so.1"), s.found().orElseThrow());
    }

    @Test
    void toolkitDirectoriesAddCudaHomeAndTheDefaultToolkit() throws IOException {
        write("opt/cuda-13/lib64/libcublas.so.13", "");
        LibraryLocator l = new LibraryLocator(Map.of("CUDA_HOME", "/opt/cuda-13"), "aarch64", root);
        List<Path> dirs = l.toolkitDirectories();
        assertTrue(dirs.containsAll(List.of(Path.of("/opt/cuda-13/lib64"), Path.of("/usr/local/cuda/lib64"),
            Path.of("/usr/local/cuda/targets/sbsa-linux/lib"), Path.of("/usr/lib/aarch64-linux-gnu"))), dirs.toString());
        assertEquals(root.resolve("opt/cuda-13/lib64/libcublas.so.13"),
            l.find(List.of("libcublas.so.13"), dirs).found().orElseThrow());
    }

    @Test
    void aFailedSearchNamesTheLibraryAndEveryDirectory() {
        LibraryLocator l = new LibraryLocator(Map.of(), "amd64", root);
        LibraryLocator.Search s = l.find(List.of("libcuda.so.1", "libcuda.so"), l.driverDirectories());
        assertTrue(s.found().isEmpty());
        String m = s.notFound();
        assertTrue(m.startsWith("libcuda.so.1 / libcuda.so not found (searched "), m);
        assertTrue(m.contains("/usr/lib/x86_64-linux-gnu"), m);
    }

    private void write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
