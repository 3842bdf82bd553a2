package org.atomstack.api.descriptor.internal;

import java.util.ArrayList;
import java.util.List;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/** Generic restriction of a descriptor to selected features (computes all, keeps some). */
public final class SubsetDescriptor implements Descriptor {
    private final Descriptor full;
    private final int[] keep;

    /** @param full the full descriptor; @param selection the features to keep */
    public SubsetDescriptor(Descriptor full, BasisSelection selection) {
        if (selection.basisSize() != full.size()) {
            throw new IllegalArgumentException("selection was made for a basis of " + selection.basisSize()
                + " functions but the descriptor has " + full.size());
        }
        this.full = full;
        this.keep = selection.indices();
    }

    @Override
    public double cutoff() {
        return full.cutoff();
    }

    @Override
    public int size() {
        return keep.length;
    }

    @Override
    public int[] species() {
        return full.species();
    }

    @Override
    public List<String> featureLabels() {
        List<String> all = full.featureLabels();
        List<String> out = new ArrayList<>(keep.length);
        for (int k : keep) {
            out.add(all.get(k));
        }
        return out;
    }

    @Override
    public FeatureBlock compute(Structure structure, NeighborList neighbors, boolean gradients) {
        FeatureBlock b = full.compute(structure, neighbors, gradients);
        int n = b.atoms();
        int m = keep.length;
        int fullSize = b.size();
        double[] v = new double[n * m];
        double[] src = b.values();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                v[i * m + k] = src[i * fullSize + keep[k]];
            }
        }
        double[] g = null;
        if (gradients) {
            int edges = neighbors.edgeCount();
            double[] gs = b.gradients();
            g = new double[edges * m * 3];
            for (int e = 0; e < edges; e++) {
                for (int k = 0; k < m; k++) {
                    System.arraycopy(gs, (e * fullSize + keep[k]) * 3, g, (e * m + k) * 3, 3);
                }
            }
        }
        return new FeatureBlock(n, m, v, neighbors, g);
    }

    @Override
    public java.util.Optional<double[]> smoothnessPrior() {
        return full.smoothnessPrior().map(all -> {
            double[] out = new double[keep.length];
            for (int k = 0; k < keep.length; k++) {
                out[k] = all[keep[k]];
            }
            return out;
        });
    }

    /** The parameters of the unrestricted descriptor (the selection is recorded by whoever applied it). */
    @Override
    public Parameters parameters() {
        return full.parameters();
    }
}
