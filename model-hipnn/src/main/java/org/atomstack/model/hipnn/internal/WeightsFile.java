package org.atomstack.model.hipnn.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.train.ParameterSet;

/**
 * The weights of a trained network as UTF-8 text, exact: every number is written with
 * {@link Double#toString(double)}, which reads back to the same double. Layout:
 *
 * <pre>
 * atomstack-hipnn-weights 1
 * species 42                      atomic numbers, in the model's species order
 * offsets -10.8466                e⁰ per species, eV
 * neighbours 25.97                mean neighbour count the initialisation used
 * parameter NAME D1 D2 ...        name and shape, then the values, 8 per line, row-major
 * ...
 * end
 * </pre>
 */
final class WeightsFile {
    /** The file name inside a model directory. */
    static final String NAME = "weights.txt";
    private static final String MAGIC = "atomstack-hipnn-weights 1";

    private WeightsFile() {
    }

    /**
     * What a weights file holds.
     *
     * @param species    atomic numbers
     * @param offsets    e⁰ per species, eV
     * @param neighbours mean neighbour count used at initialisation
     * @param parameters the trained parameters
     */
    record Contents(int[] species, double[] offsets, double neighbours, ParameterSet parameters) {
    }

    /**
     * Writes the file.
     *
     * @param file     the target
     * @param contents what to write
     * @throws IOException when it cannot be written
     */
    static void write(Path file, Contents contents) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(MAGIC);
            w.newLine();
            w.write("species");
            for (int z : contents.species()) {
                w.write(" " + z);
            }
            w.newLine();
            w.write("offsets");
            for (double e : contents.offsets()) {
                w.write(" " + e);
            }
            w.newLine();
            w.write("neighbours " + contents.neighbours());
            w.newLine();
            ParameterSet p = contents.parameters();
            for (int i = 0; i < p.size(); i++) {
                w.write("parameter " + p.names().get(i));
                for (int d : p.shapes().get(i).dims()) {
                    w.write(" " + d);
                }
                w.newLine();
                double[] v = p.values(i);
                for (int k = 0; k < v.length; k++) {
                    w.write(k % 8 == 0 ? "" : " ");
                    w.write(Double.toString(v[k]));
                    if (k % 8 == 7 || k == v.length - 1) {
                        w.newLine();
                    }
                }
            }
            w.write("end");
            w.newLine();
        }
    }

    /**
     * Reads the file.
     *
     * @param file the file
     * @return its contents
     * @throws IOException naming the file and line when it is missing or malformed
     */
    static Contents read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int[] at = {0};
        String first = next(file, lines, at);
        if (!first.equals(MAGIC)) {
            throw problem(file, at[0], "expected '" + MAGIC + "', got '" + first + "'");
        }
        String[] sp = field(file, lines, at, "species");
        int[] species = new int[sp.length - 1];
        for (int i = 1; i < sp.length; i++) {
            species[i - 1] = parseInt(file, at[0], sp[i]);
        }
        String[] off = field(file, lines, at, "offsets");
        if (off.length - 1 != species.length) {
            throw problem(file, at[0], (off.length - 1) + " offsets for " + species.length + " species");
        }
        double[] offsets = new double[species.length];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = parseDouble(file, at[0], off[i + 1]);
        }
        String[] nb = field(file, lines, at, "neighbours");
        if (nb.length != 2) {
            throw problem(file, at[0], "expected 'neighbours <value>'");
        }
        double neighbours = parseDouble(file, at[0], nb[1]);
        List<String> names = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        while (true) {
            String line = next(file, lines, at);
            if (line.equals("end")) {
                break;
            }
            String[] head = line.split("\\s+");
            if (!head[0].equals("parameter") || head.length < 2) {
                throw problem(file, at[0], "expected 'parameter NAME DIMS...' or 'end', got '" + line + "'");
            }
            int[] dims = new int[head.length - 2];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = parseInt(file, at[0], head[i + 2]);
                if (dims[i] < 0) {
                    throw problem(file, at[0], "negative dimension " + dims[i]);
                }
            }
            Shape shape = Shape.of(dims);
            double[] v = new double[Math.toIntExact(shape.size())];
            int filled = 0;
            while (filled < v.length) {
                String row = next(file, lines, at);
                for (String tok : row.split("\\s+")) {
                    if (filled >= v.length) {
                        throw problem(file, at[0], "parameter '" + head[1] + "' has more than " + v.length + " values");
                    }
                    v[filled++] = parseDouble(file, at[0], tok);
                }
            }
            names.add(head[1]);
            shapes.add(shape);
            values.add(v);
        }
        try {
            return new Contents(species, offsets, neighbours, ParameterSet.of(names, shapes, values));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String next(Path file, List<String> lines, int[] at) throws IOException {
        while (at[0] < lines.size()) {
            String l = lines.get(at[0]++).strip();
            if (!l.isEmpty()) {
                return l;
            }
        }
        throw problem(file, at[0], "unexpected end of file");
    }

    private static String[] field(Path file, List<String> lines, int[] at, String key) throws IOException {
        String line = next(file, lines, at);
        String[] parts = line.split("\\s+");
        if (!parts[0].equals(key)) {
            throw problem(file, at[0], "expected '" + key + " ...', got '" + line + "'");
        }
        return parts;
    }

    private static int parseInt(Path file, int line, String s) throws IOException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw problem(file, line, "expected an integer, got '" + s + "'");
        }
    }

    private static double parseDouble(Path file, int line, String s) throws IOException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw problem(file, line, "expected a number, got '" + s + "'");
        }
    }

    private static IOException problem(Path file, int line, String what) {
        return new IOException(file + ":" + line + ": " + what);
    }
}
