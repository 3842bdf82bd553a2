package org.atomstack.purification.internal;

import java.util.function.Supplier;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.stack.StackContext;
import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.AceParameters;

/**
 * The {@code canonical-ace} descriptor plugin: canonical (self-interaction-free) ACE by the
 * purification operator. Takes every parameter of the {@code ace} plugin (read by basis-ace's
 * {@link AceParameters}, so the basis is the same), plus {@code purify} (default true here;
 * false gives the self-interacting basis with the {@code "purification"} regulariser) and the
 * {@code purification} section ({@link PurificationOptions}). The {@code ace} plugin delegates
 * {@code purify: true} and its regulariser here through the registry. Stateless and thread-safe.
 */
public final class CanonicalAceProvider implements DescriptorProvider {
    /** The plugin id. */
    static final String ID = "canonical-ace";

    /** For the ServiceLoader. */
    public CanonicalAceProvider() {
    }

    /** {@code canonical-ace}. */
    @Override
    public String id() {
        return ID;
    }

    /** One line on what the plugin builds. */
    @Override
    public String description() {
        return "Canonical (self-interaction-free) ACE: the ace invariants with the sums over distinct neighbours, "
            + "B = C P A by the purification operator (exact linearisation for polynomial radial bases), and the "
            + "P^-T regulariser for the self-interacting basis";
    }

    /**
     * Creates the descriptor; building P costs a fraction of a second to seconds, depending on the basis.
     *
     * @throws PluginException naming the parameter path for a bad parameter, or
     *                         {@code purification.tolerance} when a radial linearisation is not
     *                         accurate enough
     */
    @Override
    public Descriptor create(Parameters parameters, StackContext context) {
        AceParameters ace = AceParameters.parse(parameters, context);
        PurificationOptions options = PurificationOptions.parse(parameters.section("purification"));
        boolean purify = parameters.bool("purify", true);
        AceBasisSet basis = ace.basisSpec().build();
        Descriptor full = withPath(options, () -> new CanonicalAceDescriptor(ace, options, purify, basis));
        if (!parameters.has("selection")) {
            return full;
        }
        BasisSelection selection = readSelection(parameters.section("selection"));
        if (selection.basisSize() != full.size()) {
            throw parameters.error("selection", "was made for a basis of " + selection.basisSize() + " functions, but these parameters give "
                + full.size());
        }
        return full.restrict(selection);
    }

    /**
     * Runs a construction step, turning a failed radial linearisation into an error that names
     * {@code <path>.purification.tolerance}.
     */
    static <T> T withPath(PurificationOptions options, Supplier<T> step) {
        try {
            return step.get();
        } catch (RadialProducts.ResidualException e) {
            throw new PluginException(options.path() + ".tolerance: " + e.getMessage()
                + "; raise the tolerance to accept an approximately canonical basis, or use radial.kind: polynomial (exact)");
        }
    }

    /** Reads a selection in the form of {@link BasisSelection#asMap()} (a NaN tolerance allowed). */
    private static BasisSelection readSelection(Parameters sel) {
        sel.checkKnown("selector", "basis_size", "indices", "sample_ranks", "tolerance", "seed");
        Object tol = sel.raw("tolerance");
        double tolerance = tol instanceof Number n ? n.doubleValue() : sel.number("tolerance", Double.NaN);
        Object sd = sel.raw("seed");
        long seed = sd instanceof Long l ? l : (long) sel.number("seed", 0);
        try {
            return new BasisSelection(sel.string("selector"), sel.integer("basis_size"), sel.integers("indices", new int[0]),
                sel.integers("sample_ranks", new int[0]), tolerance, seed);
        } catch (IllegalArgumentException e) {
            throw sel.error("indices", e.getMessage());
        }
    }
}
