package org.atomstack.assembly.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.InvalidStructureException;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.Structure;
import org.atomstack.assembly.internal.io.AtomicFiles;
import org.atomstack.assembly.internal.io.FormatProblem;
import org.atomstack.assembly.internal.io.KeyValues;
import org.atomstack.assembly.internal.io.Numbers;

/**
 * Extended XYZ files (multi-frame), read and written with ASE's conventions. Units: Å, eV, eV/Å,
 * stress in eV/Å³ with ASE's sign (σ = (1/V) ∂E/∂ε, positive under tension).
 *
 * <p><b>Frame layout.</b> A line with the atom count, a comment line of {@code key=value} pairs
 * (bare, {@code "quoted"}, {@code {braced}} or flags; see ASE's {@code extxyz} module), then one
 * line per atom with the columns that {@code Properties} declares. Blank lines between frames are
 * skipped.
 *
 * <p><b>Keys read</b> (case-insensitive; others are ignored):
 * <ul>
 * <li>{@code Lattice}: 9 numbers, the lattice vectors a, b, c one after the other (rows of H);
 * <li>{@code pbc}: 3 flags {@code T}/{@code F}/{@code True}/{@code False}. As in ASE, a frame with a
 *     {@code Lattice} and no {@code pbc} is periodic in all three directions, and a frame without
 *     {@code Lattice} is non-periodic; {@code pbc} true without a {@code Lattice} is an error;
 * <li>{@code Properties}: {@code name:type:width} triples, type S, R, I or L. Used: {@code pos}
 *     (R:3), {@code species} (S:1, element symbols) or else {@code Z} (I:1, atomic numbers),
 *     {@code forces} or {@code force} (R:3). Other columns are skipped by their width. Without
 *     {@code Properties} the columns are {@code species:S:1:pos:R:3} (plain XYZ);
 * <li>{@code energy}: total energy, eV;
 * <li>{@code stress}: 9 numbers (3×3, row-major, symmetrised) or 6 (Voigt xx yy zz yz xz xy),
 *     eV/Å³; or, if there is no {@code stress}, {@code virial} (9 or 6 numbers, eV), converted as
 *     ASE defines it, stress = −virial / V;
 * <li>{@code config_type}; {@code weight} or {@code config_weight} (≥ 0, default 1).
 * </ul>
 *
 * <p><b>Writing</b> produces {@code Lattice} (if the structure has a cell),
 * {@code Properties=species:S:1:pos:R:3} plus {@code :forces:R:3} when forces are known,
 * {@code energy}, {@code stress} as 9 numbers (3×3, as ASE writes it), {@code config_type},
 * {@code weight} (only when not 1) and {@code pbc}. Numbers are written with
 * {@link Double#toString(double)}, the shortest text that reads back to the same double, so a
 * write–read cycle is exact. ASE's {@code ase.io.read(path, index=':')} reads the output.
 *
 * <p><b>Errors</b> are {@link DataFormatException}s naming the file, the frame (0-based), the line
 * (1-based) and the problem: bad atom count line, truncated frame, wrong column count, a value
 * that is not a number, a non-finite value anywhere, unknown element, {@code pbc} without
 * {@code Lattice}, atoms closer than {@link Structure#MIN_DISTANCE}, and so on.
 */
public final class ExtendedXyz {
    private static final String DEFAULT_PROPERTIES = "species:S:1:pos:R:3";
    private static final int MAX_ATOMS = Integer.MAX_VALUE / 3 - 8;

    private ExtendedXyz() {
    }

    /**
     * Reads all frames of a file.
     *
     * @return a dataset named after the file (its file name), structures named {@code file#frame}
     *     with frames counted from 0; empty if the file holds no frame
     * @throws DataFormatException if the file is not valid extended XYZ
     * @throws IOException         if it cannot be read (e.g. {@link java.nio.file.NoSuchFileException})
     */
    public static Dataset read(Path file) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), utf8))) {
            return Dataset.of(String.valueOf(file.getFileName()), new FrameReader(file, in).readAll());
        }
    }

    /**
     * Writes structures as extended XYZ, replacing {@code file} atomically (a temporary file in
     * the same directory, then an atomic move), so a failed write leaves any old file intact.
     */
    public static void write(Collection<Structure> structures, Path file) throws IOException {
        List<Structure> copy = List.copyOf(structures);
        AtomicFiles.write(file, out -> {
            for (Structure s : copy) {
                writeFrame(s, out);
            }
        });
    }

    private static void writeFrame(Structure s, Writer out) throws IOException {
        int n = s.atomCount();
        Labels labels = s.labels();
        boolean forces = labels.hasForces();
        StringBuilder sb = new StringBuilder(64 + 80 * n);
        sb.append(n).append('\n');
        if (s.cell().isPresent()) {
            sb.append("Lattice=");
            appendQuoted(sb, s.cell().get().matrix());
            sb.append(' ');
        }
        sb.append("Properties=").append(DEFAULT_PROPERTIES).append(forces ? ":forces:R:3" : "");
        if (labels.energy().isPresent()) {
            sb.append(" energy=").append(Numbers.format(labels.energy().getAsDouble()));
        }
        if (labels.stress().isPresent()) {
            double[] v = labels.stress().get();
            sb.append(" stress=");
            appendQuoted(sb, new double[] {v[0], v[5], v[4], v[5], v[1], v[3], v[4], v[3], v[2]});
        }
        if (labels.configType().isPresent()) {
            sb.append(" config_type=").append(KeyValues.quoteIfNeeded(labels.configType().get()));
        }
        if (labels.weight() != 1.0) {
            sb.append(" weight=").append(Numbers.format(labels.weight()));
        }
        sb.append(" pbc=\"");
        for (int k = 0; k < 3; k++) {
            sb.append(k == 0 ? "" : " ").append(s.periodic(k) ? 'T' : 'F');
        }
        sb.append("\"\n");
        double[] f = forces ? labels.forces().get() : null;
        for (int i = 0; i < n; i++) {
            sb.append(Elements.symbol(s.number(i)));
            for (int k = 0; k < 3; k++) {
                sb.append(' ').append(Numbers.format(s.position(i, k)));
            }
            if (f != null) {
                for (int k = 0; k < 3; k++) {
                    sb.append(' ').append(Numbers.format(f[3 * i + k]));
                }
            }
            sb.append('\n');
        }
        out.write(sb.toString());
    }

    private static void appendQuoted(StringBuilder sb, double[] values) {
        sb.append('"');
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : " ").append(Numbers.format(values[i]));
        }
        sb.append('"');
    }

    /** The columns of one frame and where the used ones start. */
    private record Columns(String spec, int width, int species, int numbers, int pos, int forces) {
    }

    /** What a comment line says. */
    private record Header(Columns columns, double[] lattice, boolean[] pbc, double energy, double[] stress,
                          String configType, double weight) {
    }

    /** Reads frames one after another, counting lines. */
    private static final class FrameReader {
        private final Path file;
        private final String fileName;
        private final BufferedReader in;
        private long lineNo;
        private int frame;

        FrameReader(Path file, BufferedReader in) {
            this.file = file;
            this.fileName = String.valueOf(file.getFileName());
            this.in = in;
        }

        List<Structure> readAll() throws IOException {
            List<Structure> out = new ArrayList<>();
            while (true) {
                String line = nextLine();
                while (line != null && line.isBlank()) {
                    line = nextLine();
                }
                if (line == null) {
                    return out;
                }
                frame = out.size();
                out.add(readFrame(line));
            }
        }

        private String nextLine() throws IOException {
            String s = in.readLine();
            if (s != null) {
                lineNo++;
                if (lineNo == 1 && s.startsWith("\uFEFF")) {
                    s = s.substring(1);
                }
                if (s.indexOf('\uFFFD') >= 0) {
                    throw error(lineNo, "the line is not valid UTF-8 text");
                }
            }
            return s;
        }

        private DataFormatException error(long line, String problem) {
            return new DataFormatException(file, frame, line, problem);
        }

        private Structure readFrame(String countText) throws IOException {
            long countLine = lineNo;
            int n;
            try {
                n = Numbers.parseInt(countText.strip());
            } catch (FormatProblem e) {
                throw error(countLine, "bad atom count line '" + countText.strip() + "': expected the number of atoms");
            }
            if (n < 0 || n > MAX_ATOMS) {
                throw error(countLine, "bad atom count line: atom count " + n + " is outside 0.." + MAX_ATOMS);
            }
            String comment = nextLine();
            if (comment == null) {
                throw error(countLine, "truncated frame: the file ends after the atom count line (" + n
                    + " atoms), before the comment line");
            }
            Header h = parseHeader(comment, lineNo);
            Columns c = h.columns();
            // arrays grow with the lines actually read, so a wrong, huge count cannot exhaust memory
            int capacity = Math.min(n, 1024);
            double[] positions = new double[3 * capacity];
            int[] numbers = new int[capacity];
            double[] forces = c.forces() >= 0 ? new double[3 * capacity] : null;
            String[] tokens = new String[c.width()];
            for (int i = 0; i < n; i++) {
                String line = nextLine();
                if (line == null) {
                    throw error(countLine, "truncated frame: the atom count line says " + n + " atoms, but the file ends after "
                        + i + " atom line" + (i == 1 ? "" : "s") + " (line " + lineNo + ")");
                }
                if (i == capacity) {
                    capacity = (int) Math.min(n, 2L * capacity);
                    positions = Arrays.copyOf(positions, 3 * capacity);
                    numbers = Arrays.copyOf(numbers, capacity);
                    forces = forces == null ? null : Arrays.copyOf(forces, 3 * capacity);
                }
                readAtom(line, i, c, tokens, positions, numbers, forces);
            }
            Cell cell = null;
            boolean anyPbc = h.pbc() != null && (h.pbc()[0] || h.pbc()[1] || h.pbc()[2]);
            if (h.lattice() == null) {
                if (anyPbc) {
                    throw error(countLine + 1, "pbc is true but the frame has no Lattice");
                }
            } else {
                try {
                    cell = Cell.of(h.lattice(), h.pbc() == null ? new boolean[] {true, true, true} : h.pbc());
                } catch (InvalidStructureException e) {
                    throw new DataFormatException(file, frame, countLine + 1, "Lattice: " + e.getMessage(), e);
                }
            }
            try {
                Labels.Builder labels = Labels.builder().forces(forces).stress(h.stress()).weight(h.weight())
                    .configType(h.configType());
                if (!Double.isNaN(h.energy())) {
                    labels.energy(h.energy());
                }
                return Structure.of(fileName + "#" + frame, positions, numbers, cell, labels.build());
            } catch (InvalidStructureException e) {
                throw new DataFormatException(file, frame, countLine, e.getMessage(), e);
            }
        }

        private void readAtom(String line, int atom, Columns c, String[] tokens, double[] positions, int[] numbers,
                              double[] forces) throws DataFormatException {
            int count = split(line, tokens);
            if (count != c.width()) {
                String hint = "";
                if (count == 1) {
                    try {
                        Numbers.parseInt(line.strip());
                        hint = " (it looks like the atom count line of another frame: is this frame truncated?)";
                    } catch (FormatProblem e) {
                        // not a count line; no hint
                    }
                }
                throw error(lineNo, "atom " + atom + ": the line has " + count + " column" + (count == 1 ? "" : "s")
                    + " but Properties=" + c.spec() + " needs " + c.width() + hint);
            }
            try {
                if (c.species() >= 0) {
                    String symbol = tokens[c.species()];
                    try {
                        numbers[atom] = Elements.atomicNumber(symbol);
                    } catch (IllegalArgumentException e) {
                        throw new FormatProblem("unknown element symbol '" + symbol + "' in column " + (c.species() + 1));
                    }
                } else {
                    int z = Numbers.parseInt(tokens[c.numbers()]);
                    if (z < 1 || z > Elements.MAX_Z) {
                        throw new FormatProblem("atomic number " + z + " in column " + (c.numbers() + 1)
                            + " is outside 1.." + Elements.MAX_Z);
                    }
                    numbers[atom] = z;
                }
                for (int k = 0; k < 3; k++) {
                    positions[3 * atom + k] = finite(tokens, c.pos() + k, "position");
                    if (forces != null) {
                        forces[3 * atom + k] = finite(tokens, c.forces() + k, "force");
                    }
                }
            } catch (FormatProblem e) {
                throw error(lineNo, "atom " + atom + ": " + e.getMessage());
            }
        }

        private static double finite(String[] tokens, int column, String what) throws FormatProblem {
            double v;
            try {
                v = Numbers.parseDouble(tokens[column]);
            } catch (FormatProblem e) {
                throw new FormatProblem(what + " in column " + (column + 1) + ": " + e.getMessage());
            }
            if (!Double.isFinite(v)) {
                throw new FormatProblem(what + " in column " + (column + 1) + " is not finite: " + tokens[column]);
            }
            return v;
        }

        /** Splits on whitespace into {@code tokens} (as far as it reaches); returns the token count. */
        private static int split(String line, String[] tokens) {
            int count = 0;
            int i = 0;
            int n = line.length();
            while (true) {
                while (i < n && Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    return count;
                }
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (count < tokens.length) {
                    tokens[count] = line.substring(start, i);
                }
                count++;
            }
        }

        private Header parseHeader(String comment, long line) throws DataFormatException {
            try {
                Map<String, KeyValues.Entry> kv = KeyValues.parse(comment);
                KeyValues.Entry props = kv.get("properties");
                Columns columns = parseProperties(props == null ? DEFAULT_PROPERTIES : props.value());
                double[] lattice = numbers(kv, "lattice", 9);
                boolean[] pbc = pbc(kv.get("pbc"));
                double energy = Double.NaN;
                KeyValues.Entry e = kv.get("energy");
                if (e != null) {
                    energy = numbers(e, 1)[0];
                }
                double[] stress = null;
                if (kv.containsKey("stress")) {
                    stress = voigt(numbers(kv.get("stress"), 9, 6));
                } else if (kv.containsKey("virial")) {
                    double[] virial = voigt(numbers(kv.get("virial"), 9, 6));
                    if (lattice == null) {
                        throw new FormatProblem("virial needs a Lattice to be converted to stress");
                    }
                    double volume = Math.abs(det(lattice));
                    stress = new double[6];
                    for (int k = 0; k < 6; k++) {
                        stress[k] = -virial[k] / volume;
                    }
                }
                KeyValues.Entry ct = kv.get("config_type");
                double weight = 1.0;
                KeyValues.Entry w = kv.containsKey("weight") ? kv.get("weight") : kv.get("config_weight");
                if (w != null) {
                    weight = numbers(w, 1)[0];
                    if (weight < 0) {
                        throw new FormatProblem(w.key() + " must be >= 0, got " + w.value());
                    }
                }
                return new Header(columns, lattice, pbc, energy, stress, ct == null ? null : ct.value(), weight);
            } catch (FormatProblem e) {
                throw error(line, e.getMessage());
            }
        }
    }

    private static Columns parseProperties(String spec) throws FormatProblem {
        String[] parts = spec.split(":", -1);
        if (parts.length % 3 != 0) {
            throw new FormatProblem("Properties=" + spec + " is not a list of name:type:width triples");
        }
        int width = 0;
        int species = -1;
        int numbers = -1;
        int pos = -1;
        int forces = -1;
        for (int p = 0; p < parts.length; p += 3) {
            String name = parts[p];
            String type = parts[p + 1].toUpperCase(Locale.ROOT);
            int w;
            try {
                w = Numbers.parseInt(parts[p + 2]);
            } catch (FormatProblem e) {
                w = -1;
            }
            if (name.isEmpty() || !(type.equals("S") || type.equals("R") || type.equals("I") || type.equals("L")) || w < 1) {
                throw new FormatProblem("Properties=" + spec + ": '" + name + ":" + parts[p + 1] + ":" + parts[p + 2]
                    + "' is not a valid name:type:width column (type S, R, I or L; width >= 1)");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            String kind = type + ":" + w;
            switch (lower) {
                case "pos", "positions" -> pos = column(spec, name, kind, "R:3", width, pos);
                case "species" -> species = column(spec, name, kind, "S:1", width, species);
                case "z" -> numbers = column(spec, name, kind, "I:1", width, numbers);
                case "forces", "force" -> forces = column(spec, name, kind, "R:3", width, forces);
                default -> {
                    // skipped by its width
                }
            }
            width += w;
        }
        if (pos < 0) {
            throw new FormatProblem("Properties=" + spec + " has no pos:R:3 column");
        }
        if (species < 0 && numbers < 0) {
            throw new FormatProblem("Properties=" + spec + " has neither a species:S:1 nor a Z:I:1 column");
        }
        return new Columns(spec, width, species, numbers, pos, forces);
    }

    private static int column(String spec, String name, String kind, String expected, int start, int previous)
        throws FormatProblem {
        if (!kind.equals(expected)) {
            throw new FormatProblem("Properties=" + spec + ": column '" + name + "' must be " + expected + ", not " + kind);
        }
        if (previous >= 0) {
            throw new FormatProblem("Properties=" + spec + ": column '" + name + "' appears twice");
        }
        return start;
    }

    private static boolean[] pbc(KeyValues.Entry e) throws FormatProblem {
        if (e == null) {
            return null;
        }
        String[] t = e.value().strip().split("\\s+");
        if (t.length != 3) {
            throw new FormatProblem("pbc needs 3 flags (T/F), got '" + e.value() + "'");
        }
        boolean[] out = new boolean[3];
        for (int k = 0; k < 3; k++) {
            switch (t[k].toLowerCase(Locale.ROOT)) {
                case "t", "true" -> out[k] = true;
                case "f", "false" -> out[k] = false;
                default -> throw new FormatProblem("pbc flag '" + t[k] + "' is not T, F, True or False");
            }
        }
        return out;
    }

    private static double[] numbers(Map<String, KeyValues.Entry> kv, String key, int count) throws FormatProblem {
        KeyValues.Entry e = kv.get(key);
        return e == null ? null : numbers(e, count);
    }

    /** The whitespace-separated numbers of a value: one of the allowed counts, all finite. */
    private static double[] numbers(KeyValues.Entry e, int... counts) throws FormatProblem {
        String v = e.value().strip();
        String[] t = v.isEmpty() ? new String[0] : v.split("\\s+");
        boolean countOk = false;
        for (int c : counts) {
            countOk |= t.length == c;
        }
        if (!countOk) {
            String need = counts.length == 1 ? String.valueOf(counts[0]) : counts[0] + " or " + counts[1];
            throw new FormatProblem(e.key() + " needs " + need + " number" + (counts[0] == 1 ? "" : "s") + ", got "
                + t.length + ": '" + e.value() + "'");
        }
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            String where = t.length == 1 ? e.key() : e.key() + " value " + (i + 1) + " of " + t.length;
            try {
                out[i] = Numbers.parseDouble(t[i]);
            } catch (FormatProblem p) {
                throw new FormatProblem(where + ": " + p.getMessage());
            }
            if (!Double.isFinite(out[i])) {
                throw new FormatProblem(where + " is not finite: " + t[i]);
            }
        }
        return out;
    }

    /** 9 values (3×3 row-major, symmetrised) or 6 (already Voigt) to Voigt xx yy zz yz xz xy. */
    private static double[] voigt(double[] v) {
        if (v.length == 6) {
            return v;
        }
        return new double[] {v[0], v[4], v[8], 0.5 * (v[5] + v[7]), 0.5 * (v[2] + v[6]), 0.5 * (v[1] + v[3])};
    }

    private static double det(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }
}
