package org.atomstack.basis.ace.internal;

import java.util.function.Supplier;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.stack.StackContext;

/**
 * The {@code ace} descriptor plugin: linear Atomic Cluster Expansion invariants with analytic
 * edge gradients (parameters in the module README). With {@code purify: true} the descriptor is
 * the canonical (self-interaction-free) basis, created by the {@code canonical-ace} plugin of the
 * purification module, which is looked up in the context's registry (basis-ace does not depend on
 * it). Stateless and thread-safe.
 */
public final class AceDescriptorProvider implements DescriptorProvider {
    /** Id of the purification module's descriptor plugin that builds the canonical basis. */
    static final String CANONICAL_ID = "canonical-ace";

    /** For the ServiceLoader. */
    public AceDescriptorProvider() {
    }

    @Override
    public String id() {
        return "ace";
    }

    @Override
    public String description() {
        return "Atomic Cluster Expansion: real-Ylm, generalised Clebsch-Gordan invariants of correlation order 1-6 "
            + "with total-degree truncation, polynomial or Bessel radial bases, per-species blocks and analytic gradients";
    }

    @Override
    public Descriptor create(Parameters parameters, StackContext context) {
        AceConfig config = AceConfig.parse(parameters, context);
        if (config.purify) {
            DescriptorProvider canonical = canonicalProvider(context, () -> parameters.error("purify",
                "true needs the descriptor plugin '" + CANONICAL_ID + "' (module org.atomstack.purification), which is not installed"));
            return canonical.create(parameters, context);
        }
        AceDescriptor full = new AceDescriptor(config, config.basisSpec().build(), context);
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

    /** The canonical-ace provider of the context's registry, or the given error when there is none. */
    static DescriptorProvider canonicalProvider(StackContext context, Supplier<PluginException> missing) {
        if (context == null || context.registry().plugins(DescriptorProvider.class).stream().noneMatch(p -> p.info().id().equals(CANONICAL_ID))) {
            throw missing.get();
        }
        return context.registry().find(DescriptorProvider.class, CANONICAL_ID).provider();
    }

    /**
     * Reads a selection in the form of {@link BasisSelection#asMap()}. Like
     * {@link BasisSelection#fromParameters} but accepting a NaN tolerance, which asMap writes
     * for selectors without one and {@link Parameters#number} rejects.
     */
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
