package org.atomstack.basis.cartesian.toolkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atomstack.api.tensor.SparsePolynomial;
import org.atomstack.basis.cartesian.internal.HostPolynomial;

/**
 * An ordered list of invariants (tensor diagrams) of one channel, compiled into K polynomials
 * of the channel's irreducible coefficients: P = (lmax+1)² variables laid out as in
 * {@link IrreducibleTensors} (coefficient (l, m) at l² + l + m), every node of order l reading
 * the coefficients of order l (channel-wise evaluation: one tensor per order).
 *
 * <p>The built-in default {@link #flexible()} is the 13-invariant minimal flexible set of
 * Table I of Allen et al. (moment order l ≤ 3, at most n = 4 factors), read from the resource
 * {@code flexible-l3-n4.txt} beside this class. Text files hold one diagram per line in the
 * index-string form of {@link TensorDiagram} ("01,12,02"); '#' starts a comment, blank lines
 * are ignored, and the file's order is kept.
 *
 * <p>Immutable and thread-safe; the polynomial is compiled when the set is created.
 */
public final class InvariantSet {
    /** Name of the built-in flexible set (Table I). */
    public static final String FLEXIBLE = "flexible-l3-n4";
    private static final String RESOURCE = "flexible-l3-n4.txt";
    /**
     * Names of the further built-in flexible sets, each a resource "NAME.txt" beside this class,
     * written by {@code atomstack flexible-set} (the Langbein search of selection-langbein, whose
     * README has the tables): complete when any single order l vanishes, and inclusion-minimal.
     * {@code flexible-l3-n6} (17 invariants, l ≤ 3, n ≤ 6), {@code flexible-l4-n4} (30, l ≤ 4,
     * n ≤ 4), {@code flexible-l5-n4} (52, l ≤ 5, n ≤ 4).
     */
    public static final List<String> FLEXIBLE_SETS = List.of("flexible-l3-n6", "flexible-l4-n4", "flexible-l5-n4");

    private final List<TensorDiagram> diagrams;
    private final List<String> labels;
    private final int lmax;
    private final IrreducibleTensors tensors;
    private final SparsePolynomial polynomial;
    private final HostPolynomial host;

    private InvariantSet(List<TensorDiagram> diagrams) {
        if (diagrams.isEmpty()) {
            throw new IllegalArgumentException("an invariant set needs at least one diagram");
        }
        Set<TensorDiagram> seen = new HashSet<>();
        int max = 0;
        List<String> names = new ArrayList<>();
        for (TensorDiagram d : diagrams) {
            if (!seen.add(d)) {
                throw new IllegalArgumentException("invariant set lists diagram '" + d + "' twice (up to isomorphism)");
            }
            max = Math.max(max, d.maxOrder());
            names.add(d.toString());
        }
        if (max > IrreducibleTensors.MAX_L) {
            throw new IllegalArgumentException("invariant set uses order " + max + "; at most " + IrreducibleTensors.MAX_L + " is supported");
        }
        this.diagrams = List.copyOf(diagrams);
        this.labels = Collections.unmodifiableList(names);
        this.lmax = max;
        this.tensors = new IrreducibleTensors(max);
        List<Map<TensorDiagram.Monomial, Double>> terms = new ArrayList<>();
        for (TensorDiagram d : diagrams) {
            int[] offsets = new int[d.nodes()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = IrreducibleTensors.offset(d.order(i));
            }
            terms.add(d.terms(tensors, tensors.size(), offsets));
        }
        this.polynomial = TensorDiagram.toPolynomial(terms, tensors.size());
        this.host = new HostPolynomial(polynomial);
    }

    /**
     * A set of the given diagrams, in that order.
     *
     * @param diagrams at least one, pairwise non-isomorphic
     * @return the set
     * @throws IllegalArgumentException when empty, repeated, or of too high an order
     */
    public static InvariantSet of(List<TensorDiagram> diagrams) {
        return new InvariantSet(diagrams);
    }

    /**
     * The minimal flexible set of Table I (l ≤ 3, n ≤ 4): 13 invariants, the scalar first.
     *
     * @return the built-in set
     */
    public static InvariantSet flexible() {
        return resource(RESOURCE);
    }

    /**
     * The tensor-norm set up to order lmax: the scalar and the squared Frobenius norms
     * |E^l|² (the two-node diagrams "0,0", "01,01", "012,012", …) for l = 1..lmax; these are
     * the invariants of HIP-NN-TS (up to the square root).
     *
     * @param lmax largest order, 0 ≤ lmax ≤ {@link IrreducibleTensors#MAX_L}
     * @return lmax + 1 invariants
     */
    public static InvariantSet norms(int lmax) {
        if (lmax < 0 || lmax > IrreducibleTensors.MAX_L) {
            throw new IllegalArgumentException("norms: lmax must be in 0.." + IrreducibleTensors.MAX_L + ", got " + lmax);
        }
        List<TensorDiagram> out = new ArrayList<>();
        out.add(TensorDiagram.scalar());
        for (int l = 1; l <= lmax; l++) {
            out.add(TensorDiagram.of(new int[][] {{0, l}, {l, 0}}));
        }
        return new InvariantSet(out);
    }

    /**
     * A built-in set by name:
     * <ul>
     * <li>{@value #FLEXIBLE}: Table I ({@link #flexible()});</li>
     * <li>"flexible-l&lt;L&gt;-n&lt;N&gt;" for the other flexible sets shipped as resources beside this
     * class (found by the Langbein flexible-set search of selection-langbein: {@code flexible-l4-n4},
     * {@code flexible-l5-n4}, …; see {@link #FLEXIBLE_SETS});</li>
     * <li>"all-l&lt;L&gt;-n&lt;N&gt;": every connected diagram with at most N factors of order at most L,
     * in the order of {@link TensorDiagram#enumerate} (number of factors, then degree): the
     * candidates of a flexible-set search;</li>
     * <li>"norms-l&lt;L&gt;" ({@link #norms}).</li>
     * </ul>
     *
     * @param name the name
     * @return the set
     * @throws IllegalArgumentException quoting the name when it is unknown or out of range
     */
    public static InvariantSet builtin(String name) {
        if (name.equals(FLEXIBLE)) {
            return flexible();
        }
        if (FLEXIBLE_SETS.contains(name)) {
            return resource(name + ".txt");
        }
        if (name.matches("norms-l[0-9]+")) {
            return norms(Integer.parseInt(name.substring("norms-l".length())));
        }
        if (name.matches("all-l[0-9]{1,2}-n[0-9]{1,2}")) {
            int lmax = Integer.parseInt(name.substring(5, name.indexOf("-n")));
            int factors = Integer.parseInt(name.substring(name.indexOf("-n") + 2));
            if (lmax > IrreducibleTensors.MAX_L || factors < 1 || factors > TensorDiagram.MAX_NODES) {
                throw new IllegalArgumentException("built-in invariant set '" + name + "': needs L <= " + IrreducibleTensors.MAX_L
                    + " and 1 <= N <= " + TensorDiagram.MAX_NODES);
            }
            return new InvariantSet(TensorDiagram.enumerate(factors, lmax));
        }
        throw new IllegalArgumentException("unknown built-in invariant set '" + name + "'; known: " + FLEXIBLE + ", "
            + String.join(", ", FLEXIBLE_SETS) + ", all-l<L>-n<N> (e.g. all-l3-n4), norms-l<L> (e.g. norms-l3)");
    }

    private static InvariantSet resource(String file) {
        try (InputStream in = InvariantSet.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("built-in invariant set resource " + file + " is missing from the module");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in invariant set " + file, e);
        }
    }

    /**
     * Parses a set from text: one index string per line, '#' comments, blank lines ignored.
     *
     * @param text   the content
     * @param source name used in error messages (file name)
     * @return the set
     * @throws IllegalArgumentException naming the source and line when a line is invalid
     */
    public static InvariantSet parse(String text, String source) {
        List<TensorDiagram> out = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                out.add(TensorDiagram.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + ": no invariants listed");
        }
        try {
            return new InvariantSet(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a set from a text file (UTF-8, format of {@link #parse}).
     *
     * @param file the file
     * @return the set
     * @throws UncheckedIOException when the file cannot be read
     */
    public static InvariantSet load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read invariant set " + file, e);
        }
    }

    /**
     * The set as text (canonical index strings, one per line), readable by {@link #parse}.
     *
     * @return the text
     */
    public String toText() {
        return String.join("\n", labels) + "\n";
    }

    /**
     * Number of invariants K.
     *
     * @return K
     */
    public int size() {
        return diagrams.size();
    }

    /**
     * Largest tensor order used.
     *
     * @return lmax
     */
    public int lmax() {
        return lmax;
    }

    /**
     * Number of coefficient variables P = (lmax+1)².
     *
     * @return P
     */
    public int variables() {
        return tensors.size();
    }

    /**
     * The diagrams, in set order.
     *
     * @return an unmodifiable list
     */
    public List<TensorDiagram> diagrams() {
        return diagrams;
    }

    /**
     * Canonical index strings of the diagrams, in set order.
     *
     * @return an unmodifiable list
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * The coefficient convention (orders 0..lmax).
     *
     * @return the tensors
     */
    public IrreducibleTensors tensors() {
        return tensors;
    }

    /**
     * The compiled invariants: K outputs, P = (lmax+1)² variables.
     *
     * @return the polynomial (its {@link SparsePolynomial#jacobian()} is the gradient)
     */
    public SparsePolynomial polynomial() {
        return polynomial;
    }

    /**
     * Evaluates the compiled invariants at one coefficient vector.
     *
     * @param coefficients P values from {@code offset}
     * @param offset       offset in coefficients
     * @param values       receives K values from {@code valuesOffset}
     * @param valuesOffset offset in values
     */
    public void evaluate(double[] coefficients, int offset, double[] values, int valuesOffset) {
        host.evaluate(coefficients, offset, values, valuesOffset);
    }

    /**
     * Evaluates the compiled invariants and their gradient at one coefficient vector.
     *
     * @param coefficients   P values from {@code offset}
     * @param offset         offset in coefficients
     * @param values         receives K values from {@code valuesOffset}
     * @param valuesOffset   offset in values
     * @param jacobian       receives K × P values ∂I_k/∂c_p, row-major, from {@code jacobianOffset}
     * @param jacobianOffset offset in jacobian
     */
    public void evaluate(double[] coefficients, int offset, double[] values, int valuesOffset, double[] jacobian, int jacobianOffset) {
        host.evaluate(coefficients, offset, values, valuesOffset, jacobian, jacobianOffset);
    }

    /**
     * Evaluates the invariants by direct contraction of full arrays (the reference for the
     * compiled polynomial): the coefficients of each order are expanded into their array
     * Σ_m c_m E^l_m and every diagram contracts them.
     *
     * @param coefficients P values from {@code offset}
     * @param offset       offset in coefficients
     * @return K values
     */
    public double[] contract(double[] coefficients, int offset) {
        double[][] arrays = new double[lmax + 1][];
        for (int l = 0; l <= lmax; l++) {
            arrays[l] = tensors.toArray(l, coefficients, offset + IrreducibleTensors.offset(l));
        }
        return contractArrays(arrays);
    }

    /**
     * Evaluates the invariants by direct contraction of given arrays, one per order.
     *
     * @param arraysByOrder arraysByOrder[l] = full array of order l (3^l entries), l = 0..lmax
     * @return K values
     */
    public double[] contractArrays(double[][] arraysByOrder) {
        double[] out = new double[diagrams.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = diagrams.get(k).contractByOrder(arraysByOrder);
        }
        return out;
    }
}
