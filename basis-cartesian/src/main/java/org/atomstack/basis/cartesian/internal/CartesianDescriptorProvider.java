package org.atomstack.basis.cartesian.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.basis.cartesian.toolkit.InvariantSet;
import org.atomstack.basis.cartesian.toolkit.TensorDiagram;

/**
 * Provider of the {@code cartesian} descriptor: Cartesian tensor invariants (by default the
 * flexible set of Table I) of species-resolved radial channels. Parameters (all optional):
 * <pre>
 *   cutoff: 5.0              # r_c, Å
 *   radial:
 *     kind: bessel           # bessel | chebyshev | gaussian (the api's RadialBasis families)
 *     count: 4               # radial functions per neighbour species, n_r
 *     inner: 0.0             # r_in, Å (chebyshev, gaussian)
 *     envelope: 6            # envelope power p ≥ 2
 *   invariants: flexible-l3-n4   # or flexible-l3-n6, flexible-l4-n4, flexible-l5-n4, all-l&lt;L&gt;-n&lt;N&gt;,
 *                                # norms-l&lt;L&gt;, or a list of index strings ["-", "0,0", "01,01"]
 * </pre>
 * Species come from the stack context. Stateless and thread-safe.
 */
public final class CartesianDescriptorProvider implements DescriptorProvider {
    /** Default cutoff, Å. */
    static final double DEFAULT_CUTOFF = 5.0;
    /** Default radial functions per species. */
    static final int DEFAULT_COUNT = 4;
    /** Default envelope power. */
    static final int DEFAULT_ENVELOPE = 6;

    /** The provider; the service loader calls this. */
    public CartesianDescriptorProvider() {
    }

    @Override
    public String id() {
        return "cartesian";
    }

    @Override
    public String description() {
        return "Cartesian tensor invariants as multigraphs (flexible set of Table I, l <= 3, n <= 4) of species-resolved radial channels";
    }

    @Override
    public Descriptor create(Parameters parameters, StackContext context) {
        parameters.checkKnown("cutoff", "radial", "invariants");
        double cutoff = parameters.number("cutoff", DEFAULT_CUTOFF);
        if (!(cutoff > 0)) {
            throw parameters.error("cutoff", "must be > 0 Å, got " + cutoff);
        }
        Parameters radial = parameters.section("radial");
        radial.checkKnown("kind", "count", "inner", "envelope");
        RadialBasis.Kind kind = radial.choice("kind", RadialBasis.Kind.class, RadialBasis.Kind.BESSEL);
        int count = radial.integer("count", DEFAULT_COUNT);
        if (count < 1) {
            throw radial.error("count", "must be >= 1, got " + count);
        }
        double inner = radial.number("inner", 0.0);
        if (!(inner >= 0) || !(inner < cutoff)) {
            throw radial.error("inner", "must be in [0, cutoff = " + cutoff + "), got " + inner);
        }
        int envelope = radial.integer("envelope", DEFAULT_ENVELOPE);
        if (envelope < 2) {
            throw radial.error("envelope", "must be >= 2, got " + envelope);
        }
        RadialBasis spec = new RadialBasis(kind, count, cutoff, inner, envelope);

        Object spec0 = parameters.has("invariants") ? parameters.raw("invariants") : InvariantSet.FLEXIBLE;
        InvariantSet set;
        Object recorded;
        if (spec0 instanceof String name) {
            try {
                set = InvariantSet.builtin(name.strip());
            } catch (IllegalArgumentException e) {
                throw parameters.error("invariants", e.getMessage());
            }
            recorded = name.strip();
        } else if (spec0 instanceof List<?> list) {
            List<TensorDiagram> diagrams = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (!(item instanceof String s)) {
                    throw parameters.error("invariants[" + i + "]", "expected an index string such as \"01,12,02\", got " + item);
                }
                try {
                    diagrams.add(TensorDiagram.parse(s));
                } catch (IllegalArgumentException e) {
                    throw parameters.error("invariants[" + i + "]", e.getMessage());
                }
            }
            try {
                set = InvariantSet.of(diagrams);
            } catch (IllegalArgumentException e) {
                throw parameters.error("invariants", e.getMessage());
            }
            recorded = set.labels();
        } else {
            throw parameters.error("invariants", "expected the name of a built-in set (" + InvariantSet.FLEXIBLE + ", "
                + String.join(", ", InvariantSet.FLEXIBLE_SETS) + ", all-l<L>-n<N>, norms-l<L>) or a list of index strings, got " + spec0);
        }

        Map<String, Object> radialMap = new LinkedHashMap<>();
        radialMap.put("kind", kind.name().toLowerCase(Locale.ROOT));
        radialMap.put("count", count);
        radialMap.put("inner", inner);
        radialMap.put("envelope", envelope);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("cutoff", cutoff);
        all.put("radial", radialMap);
        all.put("invariants", recorded);
        Parameters recreate = Parameters.of(parameters.path(), all);
        return new CartesianDescriptor(context.species(), new EnvelopedRadial(spec), set, recreate);
    }
}
