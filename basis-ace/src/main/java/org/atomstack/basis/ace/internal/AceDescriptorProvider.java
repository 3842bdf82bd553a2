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
        Parameters sel = parameters.section("selection");
        BasisSelection selection;
        try {
            selection = BasisSelection.fromParameters(sel);
        } catch (IllegalArgumentException e) {
            throw parameters.error("selection", e.getMessage());
        }
        if (selection.basisSize() != full.size()) {
            throw parameters.error("selection", "was made for a basis of " + selection.basisSize() + " functions, but these parameters give "
                + full.size());
        }
        return full.restrict(selection);
    }
}
