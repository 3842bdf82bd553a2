package org.atomstack.basis.ace.internal;

import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.stack.StackContext;

/**
 * The {@code ace} descriptor plugin: linear Atomic Cluster Expansion invariants with analytic
 * edge gradients (parameters in the module README). Stateless and thread-safe.
 */
public final class AceDescriptorProvider implements DescriptorProvider {
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
        AceDescriptor full = new AceDescriptor(config, config.basisSpec().build());
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
