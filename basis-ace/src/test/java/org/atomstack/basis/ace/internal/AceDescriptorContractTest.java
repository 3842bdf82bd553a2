package org.atomstack.basis.ace.internal;

import java.util.List;
import java.util.Optional;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.testkit.DescriptorContract;
import org.junit.jupiter.api.Nested;

/** The shared descriptor contract of the test kit, for a single-species and a three-species ACE basis. */
class AceDescriptorContractTest {
    @Nested
    class Molybdenum extends DescriptorContract {
        final Descriptor d = AceFixtures.create(AceFixtures.small(4.5), 42);

        @Override
        protected Descriptor descriptor() {
            return d;
        }

        @Override
        protected Optional<DescriptorProvider> provider() {
            return Optional.of(new AceDescriptorProvider());
        }
    }

    @Nested
    class CopperNickelGold extends DescriptorContract {
        final Descriptor d = AceFixtures.create(AceFixtures.with(AceFixtures.with(AceFixtures.small(4.5), "degree", List.of(7, 7, 5, 4)),
            "species", List.of("Cu", "Ni", "Au")), 29, 28, 79);

        @Override
        protected Descriptor descriptor() {
            return d;
        }

        @Override
        protected Optional<DescriptorProvider> provider() {
            return Optional.of(new AceDescriptorProvider());
        }
    }
}
