package org.atomstack.purification.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.descriptor.Regularizer;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.AceParameters;
import org.atomstack.basis.ace.toolkit.AtomicEnvironments;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;

/**
 * The canonical (self-interaction-free) ACE descriptor 𝔅 = C·P·A, or with {@code purify: false}
 * the self-interacting ACE basis B = C·A with the regulariser {@code "purification"}.
 *
 * <p>Same basis, layout and labels as the {@code ace} plugin with the same parameters: one block
 * of K columns per centre species (column c·K + k is function k for centre species c; an atom's
 * columns outside its block are zero), function k of the ace basis order, label
 * "Mo: Mo(0,1) Mo(2,1) #0". Canonical feature k is 𝔅_k = Σ_s C_ks 𝒜_{k_s} with the sum over
 * distinct neighbours, evaluated as Σ_j T_kj B_j over the self-interacting invariants of the
 * extended basis K′ ({@link PurificationOperator}); for an environment of J neighbours the
 * features of order ν &gt; J vanish. A restricted descriptor keeps the selected columns and
 * evaluates only what they need. Immutable and thread-safe.
 */
final class CanonicalAceDescriptor implements Descriptor {
    private final AceParameters params;
    private final PurificationOptions options;
    private final boolean purify;
    private final AceBasisSet basis;
    private final int[] species;
    private final int size;
    private final int[] columnCentre;
    private final int[] columnFunction;
    private final CanonicalEvaluator[] perCentre;
    private final List<String> labels;
    private final BasisSelection selection;
    private final String summary;

    /** The full descriptor. */
    CanonicalAceDescriptor(AceParameters params, PurificationOptions options, boolean purify, AceBasisSet basis) {
        this(params, options, purify, basis, null, full(params, basis, true), full(params, basis, false));
    }

    private static int[] full(AceParameters params, AceBasisSet basis, boolean centre) {
        int k = basis.size();
        int[] out = new int[params.species().length * k];
        for (int i = 0; i < out.length; i++) {
            out[i] = centre ? i / Math.max(k, 1) : i % k;
        }
        return out;
    }

    private CanonicalAceDescriptor(AceParameters params, PurificationOptions options, boolean purify, AceBasisSet basis,
                                   BasisSelection selection, int[] columnCentre, int[] columnFunction) {
        this.params = params;
        this.options = options;
        this.purify = purify;
        this.basis = basis;
        this.species = params.species();
        this.selection = selection;
        this.columnCentre = columnCentre;
        this.columnFunction = columnFunction;
        this.size = columnCentre.length;
        int s = species.length;
        perCentre = new CanonicalEvaluator[s];
        Linearisations lin = new Linearisations(options);
        List<String> notes = new ArrayList<>();
        for (int c = 0; c < s; c++) {
            int[] fs = functionsOf(c);
            if (fs.length == 0) {
                continue;
            }
            int[] cols = columnsOf(c);
            RadialBasisSpec[] radial = radial(c);
            List<ProductInvariant> innerFns = new ArrayList<>();
            int[][] rowInner = new int[fs.length][];
            double[][] rowValues = new double[fs.length][];
            if (purify) {
                PurificationOperator op = PurificationOperator.build(basis, lin.radial(radial), lin.angular(), fs);
                Map<Integer, Integer> innerOf = new TreeMap<>();
                for (int r = 0; r < fs.length; r++) {
                    for (int col : op.columns(r)) {
                        innerOf.put(col, 0);
                    }
                }
                for (Map.Entry<Integer, Integer> e : innerOf.entrySet()) {
                    e.setValue(innerFns.size());
                    int col = e.getKey();
                    innerFns.add(col < basis.size() ? ProductInvariant.of(basis, col) : op.extensions().get(col - basis.size()));
                }
                for (int r = 0; r < fs.length; r++) {
                    int[] oc = op.columns(r);
                    rowInner[r] = new int[oc.length];
                    for (int p = 0; p < oc.length; p++) {
                        rowInner[r][p] = innerOf.get(oc[p]);
                    }
                    rowValues[r] = op.values(r).clone();
                }
                notes.add(String.format(Locale.ROOT, "%s: %d extra invariants (K' \\ K), %d non-zeros of P", Elements.symbol(species[c]),
                    op.extensions().size(), op.nonZeros()));
            } else {
                for (int r = 0; r < fs.length; r++) {
                    innerFns.add(ProductInvariant.of(basis, fs[r]));
                    rowInner[r] = new int[] {r};
                    rowValues[r] = new double[] {1};
                }
            }
            perCentre[c] = new CanonicalEvaluator(innerFns, rowInner, rowValues, cols, radial);
        }
        if (purify && lin.worstResidual() > 0) {
            notes.add(String.format(Locale.ROOT, "radial least-squares residual %.3g", lin.worstResidual()));
        }
        this.summary = String.join("; ", notes);
        List<String> l = new ArrayList<>(size);
        for (int col = 0; col < size; col++) {
            l.add(Elements.symbol(species[columnCentre[col]]) + ": " + basis.label(columnFunction[col]));
        }
        this.labels = List.copyOf(l);
    }

    private int[] functionsOf(int centre) {
        List<Integer> fs = new ArrayList<>();
        for (int col = 0; col < size; col++) {
            if (columnCentre[col] == centre) {
                fs.add(columnFunction[col]);
            }
        }
        return fs.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] columnsOf(int centre) {
        List<Integer> cs = new ArrayList<>();
        for (int col = 0; col < size; col++) {
            if (columnCentre[col] == centre) {
                cs.add(col);
            }
        }
        return cs.stream().mapToInt(Integer::intValue).toArray();
    }

    private RadialBasisSpec[] radial(int centre) {
        RadialBasisSpec[] r = new RadialBasisSpec[species.length];
        for (int z = 0; z < species.length; z++) {
            r[z] = params.radial(centre, z, 1);
        }
        return r;
    }

    /** The enumerated ace basis. */
    AceBasisSet basis() {
        return basis;
    }

    /** Whether this is the canonical basis (false: self-interacting). */
    boolean purified() {
        return purify;
    }

    /** One line on the extension and the operator (empty when not purified). */
    String summary() {
        return summary;
    }

    @Override
    public double cutoff() {
        return params.cutoff();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int[] species() {
        return species.clone();
    }

    @Override
    public List<String> featureLabels() {
        return labels;
    }

    @Override
    public FeatureBlock compute(Structure structure, NeighborList neighbors, boolean gradients) {
        return new AtomicEnvironments(structure, neighbors, params.cutoff(), species, "canonical-ace")
            .features(size, gradients, c -> perCentre[c] == null ? null : perCentre[c].workspace());
    }

    private String speciesList() {
        List<String> out = new ArrayList<>();
        for (int z : species) {
            out.add(Elements.symbol(z));
        }
        return String.join(", ", out);
    }

    /** The ace parameters with {@code purify} and, when restricted, the selection relative to the full basis. */
    @Override
    public Parameters parameters() {
        Map<String, Object> m = new LinkedHashMap<>(params.toMap());
        m.put("purify", purify);
        return Parameters.of(params.path(), m); // the unrestricted basis; a selection is recorded by whoever applied it
    }

    /** γ(k) = Σ_t (1 + n_t + w_L·l_t)², as the ace plugin (the same for both bases). */
    @Override
    public Optional<double[]> smoothnessPrior() {
        double[] all = basis.smoothnessPrior();
        double[] out = new double[size];
        for (int col = 0; col < size; col++) {
            out[col] = all[columnFunction[col]];
        }
        return Optional.of(out);
    }

    /**
     * {@code "purification"}: for the self-interacting basis Γ = P⁻ᵀ given as S = Γ⁻¹ = Tᵀ, with T
     * the operator of {@link PurificationOperator} restricted to this descriptor's columns (block
     * diagonal over centre species), so that c = Tᵀ c′ and ‖c′‖ is the norm of the canonical
     * coefficients; exact when every canonical function of the basis lies in its span (the basis is
     * closed under purification), otherwise the terms outside are dropped (the description says how
     * many). For the canonical basis: the identity. Other names: empty.
     *
     * @throws org.atomstack.api.plugin.PluginException naming the purification options when a radial
     *                                                  linearisation fails its tolerance
     */
    @Override
    public Optional<Regularizer> regularizer(String name) {
        if (!"purification".equals(name)) {
            return Optional.empty();
        }
        if (purify) {
            return Optional.of(Regularizer.identity(name, size, "the basis is already canonical (purified): Γ = I"));
        }
        int[] colOf = new int[species.length * basis.size()];
        Arrays.fill(colOf, -1);
        for (int col = 0; col < size; col++) {
            colOf[columnCentre[col] * basis.size() + columnFunction[col]] = col;
        }
        List<TreeMap<Integer, Double>> sRows = new ArrayList<>();
        for (int col = 0; col < size; col++) {
            sRows.add(new TreeMap<>());
        }
        Linearisations lin = new Linearisations(options);
        java.util.Set<String> outside = new java.util.TreeSet<>();
        int dropped = 0;
        for (int c = 0; c < species.length; c++) {
            int[] fs = functionsOf(c);
            if (fs.length == 0) {
                continue;
            }
            int[] cols = columnsOf(c);
            RadialProducts[] rp = lin.radial(radial(c));
            PurificationOperator op = CanonicalAceProvider.withPath(options,
                () -> PurificationOperator.build(basis, rp, lin.angular(), fs));
            for (int r = 0; r < fs.length; r++) {
                int[] oc = op.columns(r);
                double[] ov = op.values(r);
                for (int p = 0; p < oc.length; p++) {
                    int j = oc[p];
                    int target = j < basis.size() ? colOf[c * basis.size() + j] : -1;
                    if (target < 0) {
                        dropped++;
                        outside.add(Elements.symbol(species[c]) + ": "
                            + (j < basis.size() ? basis.label(j) : op.extensions().get(j - basis.size()).label(species)));
                        continue;
                    }
                    // S = Tᵀ: S[target][cols[r]] = T[r][j]
                    sRows.get(target).put(cols[r], ov[p]);
                }
            }
        }
        int nnz = sRows.stream().mapToInt(Map::size).sum();
        int[] start = new int[size + 1];
        int[] columns = new int[nnz];
        double[] vals = new double[nnz];
        int p = 0;
        for (int row = 0; row < size; row++) {
            start[row] = p;
            for (Map.Entry<Integer, Double> e : sRows.get(row).entrySet()) {
                columns[p] = e.getKey();
                vals[p++] = e.getValue();
            }
        }
        start[size] = p;
        String description = outside.isEmpty()
            ? "Γ = P⁻ᵀ of the canonical ACE basis, exact (the basis is closed under purification)"
            : String.format(Locale.ROOT, "Γ = P⁻ᵀ restricted to this basis, approximate: the canonical functions also involve %d "
                + "invariant(s) outside it (%d entries of P dropped; e.g. %s); purify: true gives the exact canonical basis",
                outside.size(), dropped, outside.iterator().next());
        return Optional.of(Regularizer.ofInverse(name, size, start, columns, vals, description));
    }

    @Override
    public Descriptor restrict(BasisSelection sel) {
        if (sel.basisSize() != size) {
            throw new IllegalArgumentException("selection was made for a basis of " + sel.basisSize()
                + " functions but this canonical-ace descriptor has " + size);
        }
        int[] keep = sel.indices();
        int[] centres = new int[keep.length];
        int[] functions = new int[keep.length];
        for (int k = 0; k < keep.length; k++) {
            centres[k] = columnCentre[keep[k]];
            functions[k] = columnFunction[keep[k]];
        }
        BasisSelection relativeToFull = sel;
        if (selection != null) {
            int[] prev = selection.indices();
            int[] composed = new int[keep.length];
            for (int k = 0; k < keep.length; k++) {
                composed[k] = prev[keep[k]];
            }
            relativeToFull = new BasisSelection(sel.selector(), selection.basisSize(), composed, sel.sampleRanks(), sel.tolerance(), sel.seed());
        }
        BasisSelection composedSelection = relativeToFull;
        return CanonicalAceProvider.withPath(options,
            () -> new CanonicalAceDescriptor(params, options, purify, basis, composedSelection, centres, functions));
    }

    @Override
    public String toString() {
        return "CanonicalAceDescriptor[" + (purify ? "canonical" : "self-interacting") + ", " + size + " features, species "
            + speciesList() + ", " + params.basisSpec() + ", cutoff " + params.cutoff() + " Å" + (summary.isEmpty() ? "" : "; " + summary)
            + "]";
    }

    /** Shared linearisation caches for one construction (radial per equivalent radial basis). */
    static final class Linearisations {
        private final PurificationOptions options;
        private final Map<List<Object>, RadialProducts> radial = new HashMap<>();
        private final AngularProducts angular = new AngularProducts();

        Linearisations(PurificationOptions options) {
            this.options = options;
        }

        RadialProducts[] radial(RadialBasisSpec[] specs) {
            RadialProducts[] out = new RadialProducts[specs.length];
            for (int z = 0; z < specs.length; z++) {
                RadialBasisSpec spec = specs[z];
                out[z] = radial.computeIfAbsent(RadialProducts.key(spec),
                    k -> new RadialProducts(spec, options.tolerance(), options.radialExtra()));
            }
            return out;
        }

        AngularProducts angular() {
            return angular;
        }

        double worstResidual() {
            double w = 0;
            for (RadialProducts r : radial.values()) {
                w = Math.max(w, r.worstResidual());
            }
            return w;
        }
    }
}
