package org.atomstack.backend.cuda.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds native libraries (libcuda, libcublas, libnvrtc) as files, the way the dynamic loader
 * would: {@code LD_LIBRARY_PATH}, the directories of {@code /etc/ld.so.conf} (with its
 * {@code include} files), the multiarch and default directories, and the usual places of
 * container and WSL drivers; for toolkit libraries also {@code $CUDA_HOME}, {@code $CUDA_PATH}
 * and {@code /usr/local/cuda}. Directories named {@code stubs} are skipped: the toolkit's stub
 * libcuda only answers {@code CUDA_ERROR_STUB_LIBRARY}.
 *
 * <p>Searching files rather than asking {@code dlopen} means that probing for CUDA on a machine
 * without it calls no restricted (native) method at all. Immutable; the file system is read on
 * each call.
 */
final class LibraryLocator {
    private final Map<String, String> env;
    private final String arch;
    private final Path root;

    /**
     * A locator reading {@code env} for the search path variables, with {@code osArch} as
     * {@code os.arch} reports it, and absolute paths resolved under {@code root} ("/" except in
     * tests).
     */
    LibraryLocator(Map<String, String> env, String osArch, Path root) {
        this.env = Map.copyOf(env);
        this.arch = osArch;
        this.root = root;
    }

    /** The locator of this process. */
    static LibraryLocator system() {
        return new LibraryLocator(System.getenv(), System.getProperty("os.arch", ""), Path.of("/"));
    }

    /**
     * The result of a search.
     *
     * @param names    the file names tried, in order of preference
     * @param found    the first existing file
     * @param searched the directories searched, in order
     */
    record Search(List<String> names, Optional<Path> found, List<Path> searched) {
        /** "libcuda.so.1 not found (searched: a, b, …)". */
        String notFound() {
            return String.join(" / ", names) + " not found (searched " + searched.size() + " directories: "
                + searched.stream().map(Path::toString).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** Directories the dynamic loader searches for the driver library. */
    List<Path> driverDirectories() {
        Set<Path> dirs = new LinkedHashSet<>();
        String ld = env.get("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d.strip()));
                }
            }
        }
        dirs.addAll(ldSoConf(Path.of("/etc/ld.so.conf"), 0));
        String triple = multiarch();
        if (triple != null) {
            dirs.add(Path.of("/lib", triple));
            dirs.add(Path.of("/usr/lib", triple));
        }
        for (String d : List.of("/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib",
            "/usr/lib/wsl/lib")) {
            dirs.add(Path.of(d));
        }
        return withoutStubs(dirs);
    }

    /** The driver directories followed by those of CUDA toolkits (for cuBLAS and NVRTC). */
    List<Path> toolkitDirectories() {
        Set<Path> dirs = new LinkedHashSet<>(driverDirectories());
        for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
            String home = env.get(var);
            if (home != null && !home.isBlank()) {
                dirs.add(Path.of(home.strip(), "lib64"));
                dirs.add(Path.of(home.strip(), "lib"));
            }
        }
        dirs.add(Path.of("/usr/local/cuda/lib64"));
        String target = cudaTarget();
        if (target != null) {
            dirs.add(Path.of("/usr/local/cuda/targets", target, "lib"));
        }
        return withoutStubs(dirs);
    }

    /** The first of {@code names} (in order) found in {@code dirs} (in order). */
    Search find(List<String> names, List<Path> dirs) {
        for (String name : names) {
            for (Path dir : dirs) {
                Path p = under(dir).resolve(name);
                if (Files.isRegularFile(p)) {
                    return new Search(List.copyOf(names), Optional.of(p), List.copyOf(dirs));
                }
            }
        }
        return new Search(List.copyOf(names), Optional.empty(), List.copyOf(dirs));
    }

    /** The Debian multiarch triple of this architecture, or null. */
    String multiarch() {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            case "ppc64le" -> "powerpc64le-linux-gnu";
            default -> null;
        };
    }

    /** The CUDA toolkit's target directory name of this architecture, or null. */
    String cudaTarget() {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64-linux";
            case "aarch64", "arm64" -> "sbsa-linux";
            case "ppc64le" -> "ppc64le-linux";
            default -> null;
        };
    }

    /** The directories listed by an ld.so.conf file, following {@code include} lines. */
    private List<Path> ldSoConf(Path file, int depth) {
        List<Path> dirs = new ArrayList<>();
        Path real = under(file);
        if (depth > 8 || !Files.isRegularFile(real)) {
            return dirs;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(real);
        } catch (IOException | RuntimeException e) {
            return dirs; // unreadable configuration: the loader would not use it either
        }
        for (String raw : lines) {
            String line = raw.replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("include ") || line.startsWith("include\t")) {
                String pattern = line.substring("include".length()).strip();
                Path p = Path.of(pattern);
                if (!p.isAbsolute()) {
                    p = file.getParent().resolve(p);
                }
                for (Path included : glob(p)) {
                    dirs.addAll(ldSoConf(included, depth + 1));
                }
                continue;
            }
            for (String d : line.split("[\\s:,=]+")) {
                if (d.startsWith("/")) {
                    dirs.add(Path.of(d));
                }
            }
        }
        return dirs;
    }

    /** Files matching a pattern whose last element may hold glob characters, sorted. */
    private List<Path> glob(Path pattern) {
        Path parent = pattern.getParent();
        String name = pattern.getFileName().toString();
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return List.of(pattern);
        }
        List<Path> out = new ArrayList<>();
        Path dir = under(parent);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, name)) {
            for (Path p : s) {
                out.add(parent.resolve(p.getFileName().toString()));
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /** An absolute path as seen under {@link #root}. */
    private Path under(Path p) {
        if (root.getParent() == null && root.equals(p.getRoot())) {
            return p;
        }
        String s = p.toString();
        return root.resolve(s.startsWith("/") ? s.substring(1) : s);
    }

    private static List<Path> withoutStubs(Set<Path> dirs) {
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            boolean stubs = false;
            for (Path part : d) {
                stubs |= part.toString().equals("stubs");
            }
            if (!stubs) {
                out.add(d);
            }
        }
        return out;
    }
}
