package org.atomstack.assembly.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Structure;

/**
 * Reads and writes datasets whatever their format: extended XYZ ({@link ExtendedXyz}) and
 * pymatgen/mlearn JSON ({@link MlearnJson}). Units as in {@link org.atomstack.api.structure}:
 * Å, eV, eV/Å, eV/Å³ (ASE stress convention).
 */
public final class DataFiles {
    /** Supported formats, as named in error messages. */
    public static final String SUPPORTED = "extended XYZ (.xyz, .extxyz) and mlearn JSON (.json)";

    private enum Format { XYZ, JSON }

    private DataFiles() {
    }

    /**
     * Reads one file. The format comes from the extension ({@code .xyz}/{@code .extxyz} or
     * {@code .json}, any case) or, failing that, from the content (a JSON list starts with
     * {@code [}, an XYZ file with an atom count).
     *
     * @return a dataset named after the file name, structures named e.g. {@code test.json#3}
     *     (0-based record or frame index)
     * @throws NoSuchFileException naming the file when it does not exist or is not a regular file
     * @throws DataFormatException naming the file when the format is not recognised (listing the
     *     supported ones), the file holds no structures ("no structures"), or it is malformed
     */
    public static Dataset read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                Files.isDirectory(file) ? "is a directory, not a data file" : "no such file");
        }
        Dataset d = switch (detect(file)) {
            case XYZ -> ExtendedXyz.read(file);
            case JSON -> MlearnJson.read(file);
        };
        if (d.isEmpty()) {
            throw new DataFormatException(file, -1, -1, "no structures in the file");
        }
        return d;
    }

    /**
     * Reads several files (each as {@link #read(Path)}) into one dataset, in the given order; its
     * name is the file names joined with {@code +}.
     *
     * @throws IllegalArgumentException if {@code files} is empty
     */
    public static Dataset readAll(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no data files given");
        }
        List<Structure> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            Dataset d = read(f);
            all.addAll(d.structures());
            names.add(d.name());
        }
        return Dataset.of(String.join("+", names), all);
    }

    /** Writes a dataset as extended XYZ, atomically; see {@link ExtendedXyz#write}. */
    public static void writeExtendedXyz(Dataset dataset, Path file) throws IOException {
        ExtendedXyz.write(dataset.structures(), file);
    }

    private static Format detect(Path file) throws IOException {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".xyz") || name.endsWith(".extxyz")) {
            return Format.XYZ;
        }
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        }
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        if (i == head.length) {
            throw new DataFormatException(file, -1, -1, "no structures in the file (it is empty)");
        }
        char c = (char) head[i];
        if (c == '[' || c == '{') {
            return Format.JSON;
        }
        if (c >= '0' && c <= '9') {
            return Format.XYZ;
        }
        throw new DataFormatException(file, -1, -1, "unrecognised data format; supported: " + SUPPORTED);
    }
}
