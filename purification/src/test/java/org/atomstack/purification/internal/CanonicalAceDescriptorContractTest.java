package org.atomstack.purification.internal;

import java.util.List;
import java.util.Optional;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.testkit.DescriptorContract;
import org.junit.jupiter.api.Nested;

/** The test kit's descriptor contract for canonical ACE: one species, two species, and the self-interacting mode. */
class CanonicalAceDescriptorContractTest extends DescriptorContract {
    private static final Descriptor MO = Fixtures.canonical(Fixtures.ace(4, 9, 8, 6, 5));

    @Override
    protected Descriptor descriptor() {
        return MO;
    }

    @Override
    protected Optional<DescriptorProvider> provider() {
        return Optional.of(new CanonicalAceProvider());
    }

    @Nested
    class TwoSpecies extends DescriptorContract {
        private static final Descriptor NB_MO = Fixtures.canonical(Fixtures.with(Fixtures.ace(3, 8, 7, 6), "species", List.of("Nb", "Mo")),
            Fixtures.NB, Fixtures.MO);

        @Override
        protected Descriptor descriptor() {
            return NB_MO;
        }

        @Override
        protected Optional<DescriptorProvider> provider() {
            return Optional.of(new CanonicalAceProvider());
        }
    }

    @Nested
    class SelfInteracting extends DescriptorContract {
        private static final Descriptor SI = Fixtures.canonical(Fixtures.with(Fixtures.ace(3, 9, 8, 6), "purify", false));

        @Override
        protected Descriptor descriptor() {
            return SI;
        }

        @Override
        protected Optional<DescriptorProvider> provider() {
            return Optional.of(new CanonicalAceProvider());
        }
    }
}
