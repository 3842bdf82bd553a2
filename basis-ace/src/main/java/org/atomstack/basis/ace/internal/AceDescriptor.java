package org.atomstack.basis.ace.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.descriptor.Regularizer;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.AtomicEnvironments;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;

/**
 * The ACE descriptor. Features of an atom of centre species c are the K basis functions of
 * {@link AceBasisSet} evaluated with the radial bases of the pairs (c, z); the full layout
 * stacks one block of K columns per centre species (column c·K + k), and an atom's columns
 * outside its own block are zero, so a linear model gets one coefficient per (centre species,
 * basis function). A restricted descriptor keeps the selected columns in the selection's order
 * and evaluates only those functions. Immutable and thread-safe.
 *
 * <p>The regulariser {@code "purification"} (Γ = P⁻ᵀ, fitting this self-interacting basis as if
 * it were the canonical one) is built by the {@code canonical-ace} plugin of the purification
 * module, found at run time in the registry of the stack context this descriptor was created in.
 */
final class AceDescriptor implements Descriptor {
    private final AceConfig config;
    private final AceBasisSet basis;
    private final int[] species;
    private final int size;
    /** Per output column: centre species index and basis function. */
    private final int[] columnCentre;
    private final int[] columnFunction;
    private final CompiledBasis[] perCentre; // null where a centre species has no column
    private final List<String> labels;
    private final BasisSelection selection; // relative to the full basis, or null
    private final StackContext context; // where to find the canonical-ace plugin

    /** The full descriptor. */
    AceDescriptor(AceConfig config, AceBasisSet basis, StackContext context) {
        this(config, basis, null, fullCentres(config, basis), fullFunctions(config, basis), context);
    }

    private static int[] fullCentres(AceConfig config, AceBasisSet basis) {
        int k = basis.size();
        int[] c = new int[config.species.length * k];
        for (int i = 0; i < c.length; i++) {
            c[i] = i / Math.max(k, 1);
        }
        return c;
    }

    private static int[] fullFunctions(AceConfig config, AceBasisSet basis) {
        int k = basis.size();
        int[] f = new int[config.species.length * k];
        for (int i = 0; i < f.length; i++) {
            f[i] = i % k;
        }
        return f;
    }

    private AceDescriptor(AceConfig config, AceBasisSet basis, BasisSelection selection, int[] columnCentre, int[] columnFunction,
                          StackContext context) {
        this.config = config;
        this.context = context;
        this.basis = basis;
        this.species = config.species.clone();
        this.selection = selection;
        this.columnCentre = columnCentre;
        this.columnFunction = columnFunction;
        this.size = columnCentre.length;
        int s = species.length;
        perCentre = new CompiledBasis[s];
        int radialCount = Math.max(1, basis.maxN() + 1);
        for (int c = 0; c < s; c++) {
            List<Integer> fs = new ArrayList<>();
            List<Integer> cols = new ArrayList<>();
            for (int col = 0; col < size; col++) {
                if (columnCentre[col] == c) {
                    fs.add(columnFunction[col]);
                    cols.add(col);
                }
            }
            if (fs.isEmpty()) {
                continue;
            }
            RadialBasisSpec[] radial = new RadialBasisSpec[s];
            for (int z = 0; z < s; z++) {
                radial[z] = config.radial(c, z, radialCount);
            }
            perCentre[c] = new CompiledBasis(basis, fs.stream().mapToInt(Integer::intValue).toArray(),
                cols.stream().mapToInt(Integer::intValue).toArray(), radial);
        }
        List<String> l = new ArrayList<>(size);
        for (int col = 0; col < size; col++) {
            l.add(Elements.symbol(species[columnCentre[col]]) + ": " + basis.label(columnFunction[col]));
        }
        this.labels = List.copyOf(l);
    }

    AceBasisSet basis() {
        return basis;
    }

    CompiledBasis compiled(int centre) {
        return perCentre[centre];
    }

    int columnCentre(int col) {
        return columnCentre[col];
    }

    int columnFunction(int col) {
        return columnFunction[col];
    }

    AceConfig config() {
        return config;
    }

    @Override
    public double cutoff() {
        return config.cutoff;
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
        return new AtomicEnvironments(structure, neighbors, config.cutoff, species, "ace")
            .features(size, gradients, c -> perCentre[c] == null ? null : perCentre[c].workspace());
    }

    private String speciesList() {
        List<String> out = new ArrayList<>();
        for (int z : species) {
            out.add(Elements.symbol(z));
        }
        return String.join(", ", out);
    }

    /** The parameters of the unrestricted basis; a selection is recorded by whoever applied it (api contract). */
    @Override
    public Parameters parameters() {
        return Parameters.of(config.path(), new LinkedHashMap<>(config.toMap()));
    }

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
     * {@code "purification"}: Γ = P⁻ᵀ from the {@code canonical-ace} plugin, which builds the same
     * basis (same parameters and selection, {@code purify: false}) and its purification operator;
     * other names: empty.
     *
     * @throws PluginException when the canonical-ace plugin is not installed or disagrees on the basis
     */
    @Override
    public Optional<Regularizer> regularizer(String name) {
        if (!"purification".equals(name)) {
            return Optional.empty();
        }
        Map<String, Object> m = new LinkedHashMap<>(parameters().asMap());
        m.put("purify", false);
        if (selection != null) {
            m.put("selection", selection.asMap()); // the same columns, since parameters() describe the full basis
        }
        Parameters p = Parameters.of(config.path(), m);
        DescriptorProvider canonical = AceDescriptorProvider.canonicalProvider(context, () -> new PluginException(config.path()
            + ": the 'purification' regularizer is built by the descriptor plugin '" + AceDescriptorProvider.CANONICAL_ID
            + "' (module org.atomstack.purification), which is not installed"));
        Descriptor same = canonical.create(p, context);
        if (same.size() != size || !same.featureLabels().equals(labels)) {
            throw new PluginException(config.path() + ": the plugin '" + AceDescriptorProvider.CANONICAL_ID + "' built a basis of "
                + same.size() + " features that differs from this ace basis of " + size + "; their versions do not match");
        }
        return same.regularizer(name);
    }

    /** Total degree of each column. */
    double[] totalDegrees() {
        double[] out = new double[size];
        for (int col = 0; col < size; col++) {
            out[col] = basis.function(columnFunction[col]).degree();
        }
        return out;
    }

    @Override
    public Optional<SelectableBasis> selectable() {
        return Optional.of(new AceSelectableBasis(this));
    }

    @Override
    public Descriptor restrict(BasisSelection sel) {
        if (sel.basisSize() != size) {
            throw new IllegalArgumentException("selection was made for a basis of " + sel.basisSize() + " functions but this ace descriptor has "
                + size);
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
        return new AceDescriptor(config, basis, relativeToFull, centres, functions, context);
    }

    @Override
    public String toString() {
        return "AceDescriptor[" + size + " features, species " + speciesList() + ", order " + config.order + ", degree "
            + Arrays.toString(config.degree) + ", cutoff " + config.cutoff + " Å]";
    }
}
