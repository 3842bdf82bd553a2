package org.atomstack.basis.cartesian.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.stack.StackContext;
import org.atomstack.testkit.DescriptorContract;
import org.junit.jupiter.api.Nested;

/** The descriptor contract of the test kit, for the default flexible set and two other configurations. */
class CartesianDescriptorContractTest extends DescriptorContract {
    private static final CartesianDescriptorProvider PROVIDER = new CartesianDescriptorProvider();
    private static final Descriptor DEFAULT = PROVIDER.create(
        Parameters.of("test", Map.of("cutoff", 4.5, "radial", Map.of("count", 3))),
        StackContext.of(new int[] {1, 8}, 1, PluginRegistry.of(), null));

    @Override
    protected Descriptor descriptor() {
        return DEFAULT;
    }

    @Override
    protected Optional<DescriptorProvider> provider() {
        return Optional.of(PROVIDER);
    }

    /** Chebyshev radial functions and tensor norms up to l = 4, one species. */
    @Nested
    class ChebyshevNorms extends DescriptorContract {
        private final Descriptor d = PROVIDER.create(
            Parameters.of("test", Map.of("cutoff", 4.0, "radial", Map.of("kind", "chebyshev", "count", 2, "inner", 0.5, "envelope", 4),
                "invariants", "norms-l4")),
            StackContext.of(new int[] {42}, 1, PluginRegistry.of(), null));

        @Override
        protected Descriptor descriptor() {
            return d;
        }

        @Override
        protected Optional<DescriptorProvider> provider() {
            return Optional.of(PROVIDER);
        }
    }

    /** An explicit list of invariants with orders up to 4 and three species. */
    @Nested
    class ExplicitList extends DescriptorContract {
        private final Descriptor d = PROVIDER.create(
            Parameters.of("test", Map.of("cutoff", 4.0, "radial", Map.of("count", 2),
                "invariants", List.of("-", "0,1,2,3,0123", "01,12,23,03", "0123,0123", "0,1,023,123"))),
            StackContext.of(new int[] {1, 6, 8}, 1, PluginRegistry.of(), null));

        @Override
        protected Descriptor descriptor() {
            return d;
        }

        @Override
        protected Optional<DescriptorProvider> provider() {
            return Optional.of(PROVIDER);
        }
    }
}
