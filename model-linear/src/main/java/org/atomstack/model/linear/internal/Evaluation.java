package org.atomstack.model.linear.internal;

import java.util.Arrays;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/** Checks and conventions shared by the design-matrix rows and the model's predictions. */
final class Evaluation {
    private Evaluation() {
    }

    /**
     * Whether a stress is defined for the structure: it has a cell with at least one periodic
     * direction (the volume is then the cell volume), as {@link org.atomstack.api.model.Prediction} requires.
     */
    static boolean stressDefined(Structure s) {
        return s.cell().map(c -> c.anyPeriodic()).orElse(false);
    }

    /**
     * The species index of every atom.
     *
     * @throws IllegalArgumentException naming the structure and atom when a species is not handled
     */
    static int[] speciesIndices(Structure s, DesignLayout layout) {
        int[] idx = new int[s.atomCount()];
        for (int i = 0; i < idx.length; i++) {
            int k = layout.speciesIndex(s.number(i));
            if (k < 0) {
                throw new IllegalArgumentException(s.name() + ": atom " + i + " is " + Elements.symbol(s.number(i))
                    + ", which this linear model does not handle (species " + symbols(layout.species()) + ")");
            }
            idx[i] = k;
        }
        return idx;
    }

    /** "[Li, Mo]" for atomic numbers. */
    static String symbols(int[] numbers) {
        return Arrays.toString(Arrays.stream(numbers).mapToObj(Elements::symbol).toArray());
    }

    /**
     * Runs the descriptor and checks the shape of what it returned.
     *
     * @throws IllegalStateException naming the structure when the descriptor broke its contract
     */
    static FeatureBlock features(Descriptor descriptor, Structure s, NeighborList nl, boolean gradients) {
        FeatureBlock fb = descriptor.compute(s, nl, gradients);
        if (fb.size() != descriptor.size() || fb.atoms() != s.atomCount()) {
            throw new IllegalStateException(s.name() + ": the descriptor returned " + fb.atoms() + " atoms × " + fb.size()
                + " features, expected " + s.atomCount() + " × " + descriptor.size());
        }
        if (gradients && (!fb.hasGradients() || fb.neighbors().edgeCount() != nl.edgeCount())) {
            throw new IllegalStateException(s.name() + ": the descriptor returned no gradients for the neighbour list it was given");
        }
        return fb;
    }
}
