package org.atomstack.assembly.internal.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Atomic writes: the content goes to a temporary sibling (".NAME.UUID.tmp", see
 * {@link #temporarySibling}), which is then renamed over the target. A process killed mid-write
 * leaves only such a sibling, which {@link #removeLeftovers} clears.
 */
public final class AtomicFiles {
    private static final String TMP = ".tmp";

    private AtomicFiles() {
    }

    /** Produces the content of a file. */
    @FunctionalInterface
    public interface Content {
        /** Writes the content to {@code out}. */
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes {@code file} (UTF-8) so that readers see either the old file or the complete new one:
     * the content goes to a temporary file in the same directory, which is then moved over
     * {@code file} with {@link StandardCopyOption#ATOMIC_MOVE}. On failure the temporary file is
     * removed and {@code file} is left as it was.
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = temporarySibling(target);
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
                content.writeTo(w);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Writes {@code bytes} to {@code file} atomically (temporary file beside it, then an atomic rename). */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = temporarySibling(target);
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** A fresh name ".NAME.UUID.tmp" beside the absolute path {@code target}, for writing it atomically. */
    public static Path temporarySibling(Path target) {
        return target.getParent().resolve("." + target.getFileName() + "." + UUID.randomUUID() + TMP);
    }

    /**
     * Deletes the temporary siblings (files or folders) that interrupted atomic writes left in
     * {@code dir}; nothing else is touched. The caller must own {@code dir}: no atomic write into
     * it may be under way.
     */
    public static void removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> leftovers;
        try (Stream<Path> s = Files.list(dir)) {
            leftovers = s.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(".") && name.endsWith(TMP);
            }).toList();
        }
        for (Path f : leftovers) {
            deleteTree(f);
        }
    }

    /** Deletes a file, or a folder with everything in it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
