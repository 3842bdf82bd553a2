package org.atomstack.model.linear.internal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atomstack.api.structure.Elements;

/**
 * The saved form of a {@link LinearModel}: one UTF-8 text file, {@value #FILE_NAME}, one item
 * per line, doubles written with {@link Double#toString(double)} (the shortest decimal that
 * parses back to the same double, so the round trip is exact):
 *
 * <pre>
 * atomstack-linear-model 1
 * cutoff 5.0
 * descriptor.size 30
 * descriptor.cutoff 5.0
 * species 3 42
 * e0.fitted true
 * e0 Li -1.9
 * e0 Mo -10.8
 * pair none                    (or: pair &lt;cutoff Å&gt; &lt;basis&gt;)
 * coefficients 30
 * 0.125                        (one value per line)
 * …
 * pair.coefficients 0
 * diagnostic alpha 12.5        (any number of diagnostics)
 * end
 * </pre>
 *
 * The format is JDK-only on purpose (no JSON library in this module).
 */
final class ModelFile {
    /** The file a model writes into its directory. */
    static final String FILE_NAME = "linear-model.txt";
    private static final String MAGIC = "atomstack-linear-model 1";

    /**
     * The contents of a model file.
     *
     * @param cutoff           model cutoff, Å
     * @param descriptorSize   number of descriptor features
     * @param descriptorCutoff descriptor cutoff, Å
     * @param species          atomic numbers, ascending
     * @param e0Fitted         whether E0 was fitted
     * @param e0               E0 per species, eV
     * @param pairCutoff       pair cutoff in Å, or NaN without a pair term
     * @param pairBasis        pair radial functions per species pair, or 0
     * @param coefficients     descriptor coefficients
     * @param pairCoefficients pair coefficients
     * @param diagnostics      fit diagnostics
     */
    record Contents(double cutoff, int descriptorSize, double descriptorCutoff, int[] species, boolean e0Fitted, double[] e0,
                    double pairCutoff, int pairBasis, double[] coefficients, double[] pairCoefficients,
                    Map<String, Double> diagnostics) {
    }

    private ModelFile() {
    }

    /** Writes the model to {@code file}. */
    static void write(Path file, LinearModel model) throws IOException {
        DesignLayout layout = model.layout();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            line(w, MAGIC);
            line(w, "cutoff " + model.cutoff());
            line(w, "descriptor.size " + layout.features());
            line(w, "descriptor.cutoff " + model.descriptor().cutoff());
            StringBuilder sp = new StringBuilder("species");
            for (int z : layout.species()) {
                sp.append(' ').append(z);
            }
            line(w, sp.toString());
            line(w, "e0.fitted " + layout.fitsE0());
            double[] e0 = model.e0();
            int[] species = layout.species();
            for (int i = 0; i < species.length; i++) {
                line(w, "e0 " + Elements.symbol(species[i]) + " " + e0[i]);
            }
            PairBasis pair = layout.pair();
            line(w, pair == null ? "pair none" : "pair " + pair.cutoff() + " " + pair.size());
            values(w, "coefficients", model.coefficients());
            values(w, "pair.coefficients", model.pairCoefficients());
            for (Map.Entry<String, Double> d : model.diagnostics().entrySet()) {
                line(w, "diagnostic " + d.getKey() + " " + d.getValue());
            }
            line(w, "end");
        }
    }

    private static void values(BufferedWriter w, String name, double[] values) throws IOException {
        line(w, name + " " + values.length);
        for (double v : values) {
            line(w, Double.toString(v));
        }
    }

    private static void line(BufferedWriter w, String text) throws IOException {
        w.write(text);
        w.write('\n');
    }

    /**
     * Reads a model file.
     *
     * @throws IOException naming the file and line when it is missing, truncated or malformed
     */
    static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no saved linear model (missing " + FILE_NAME + ")");
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Reader in = new Reader(file, r);
            if (!MAGIC.equals(in.next())) {
                throw in.problem("expected '" + MAGIC + "'");
            }
            double cutoff = in.number(in.field("cutoff", 1)[0]);
            int size = in.integer(in.field("descriptor.size", 1)[0]);
            double descriptorCutoff = in.number(in.field("descriptor.cutoff", 1)[0]);
            String[] spText = in.field("species", -1);
            int[] species = new int[spText.length];
            for (int i = 0; i < species.length; i++) {
                species[i] = in.integer(spText[i]);
            }
            String fitted = in.field("e0.fitted", 1)[0];
            if (!fitted.equals("true") && !fitted.equals("false")) {
                throw in.problem("expected true or false, found '" + fitted + "'");
            }
            double[] e0 = new double[species.length];
            for (int i = 0; i < species.length; i++) {
                String[] f = in.field("e0", 2);
                if (!f[0].equals(Elements.symbol(species[i]))) {
                    throw in.problem("expected E0 of " + Elements.symbol(species[i]) + ", found '" + f[0] + "'");
                }
                e0[i] = in.number(f[1]);
            }
            String[] pairFields = in.field("pair", -1);
            double pairCutoff = Double.NaN;
            int pairBasis = 0;
            if (pairFields.length == 2) {
                pairCutoff = in.number(pairFields[0]);
                pairBasis = in.integer(pairFields[1]);
            } else if (pairFields.length != 1 || !pairFields[0].equals("none")) {
                throw in.problem("expected 'pair none' or 'pair <cutoff> <basis>'");
            }
            double[] coefficients = in.values("coefficients");
            double[] pairCoefficients = in.values("pair.coefficients");
            Map<String, Double> diagnostics = new LinkedHashMap<>();
            String line;
            while (!(line = in.next()).equals("end")) {
                String[] f = line.split(" ");
                if (f.length != 3 || !f[0].equals("diagnostic")) {
                    throw in.problem("expected 'diagnostic <name> <value>' or 'end'");
                }
                diagnostics.put(f[1], in.number(f[2]));
            }
            return new Contents(cutoff, size, descriptorCutoff, species, fitted.equals("true"), e0, pairCutoff, pairBasis,
                coefficients, pairCoefficients, diagnostics);
        }
    }

    /** Line reader with positions for messages. */
    private static final class Reader {
        private final Path file;
        private final BufferedReader reader;
        private int lineNumber;

        Reader(Path file, BufferedReader reader) {
            this.file = file;
            this.reader = reader;
        }

        String next() throws IOException {
            String line = reader.readLine();
            lineNumber++;
            if (line == null) {
                throw problem("unexpected end of file");
            }
            return line.strip();
        }

        /** The fields after {@code key} (exactly {@code count} of them, or any number when -1). */
        String[] field(String key, int count) throws IOException {
            String line = next();
            String[] parts = line.split(" ");
            if (!parts[0].equals(key) || (count >= 0 && parts.length != count + 1) || parts.length < 2) {
                throw problem("expected '" + key + "' with " + (count >= 0 ? count : "some") + " value(s), found '" + line + "'");
            }
            String[] out = new String[parts.length - 1];
            System.arraycopy(parts, 1, out, 0, out.length);
            return out;
        }

        double[] values(String key) throws IOException {
            int count = integer(field(key, 1)[0]);
            if (count < 0) {
                throw problem("negative count " + count);
            }
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                v[i] = number(next());
            }
            return v;
        }

        double number(String text) throws IOException {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw problem("expected a number, found '" + text + "'");
            }
        }

        int integer(String text) throws IOException {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw problem("expected an integer, found '" + text + "'");
            }
        }

        IOException problem(String what) {
            return new IOException(file + " line " + lineNumber + ": " + what);
        }
    }
}
