package org.atomstack.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.atomstack.api.descriptor.Descriptor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The descriptor contract passes a correct descriptor and fails descriptors that break
 * rotation invariance, smoothness at the cutoff or their gradients.
 */
class DescriptorContractSelfTest {
    static final int[] SPECIES = {29, 42};

    @Nested
    class ACorrectPairSumDescriptor extends DescriptorContract {
        final Descriptor d = new PairSumDescriptor(4.5, 4, SPECIES, PairSumDescriptor.Flaw.NONE);

        @Override
        protected Descriptor descriptor() {
            return d;
        }
    }

    static DescriptorContract contractFor(PairSumDescriptor.Flaw flaw) {
        Descriptor d = new PairSumDescriptor(4.5, 4, SPECIES, flaw);
        return new DescriptorContract() {
            @Override
            protected Descriptor descriptor() {
                return d;
            }
        };
    }

    @Test
    void aDirectionalFeatureFailsTheRotationCheck() {
        assertThrows(AssertionError.class, () -> contractFor(PairSumDescriptor.Flaw.DIRECTIONAL).featuresAreInvariantUnderRotations());
    }

    @Test
    void aFeatureWithAKinkAtTheCutoffFailsTheSmoothnessCheck() {
        assertThrows(AssertionError.class,
            () -> contractFor(PairSumDescriptor.Flaw.KINKED_AT_CUTOFF).featuresAndGradientsVanishSmoothlyAsANeighbourCrossesTheCutoff());
    }

    @Test
    void aWrongGradientFailsTheFiniteDifferenceCheck() {
        assertThrows(AssertionError.class,
            () -> contractFor(PairSumDescriptor.Flaw.WRONG_GRADIENT).analyticGradientsMatchFiniteDifferencesOfPositions());
    }
}
