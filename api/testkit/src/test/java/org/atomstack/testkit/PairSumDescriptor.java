package org.atomstack.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * Test-only descriptor: B_i,n = Σ_j (1 − r_ij/r_c)^(n+2) over neighbours within r_c, for
 * n = 0..count−1 — invariant and C¹-smooth at the cutoff. A {@code flaw} breaks one property
 * on purpose so the contract's checks can be shown to fail.
 */
final class PairSumDescriptor implements Descriptor {
    enum Flaw { NONE, DIRECTIONAL, KINKED_AT_CUTOFF, WRONG_GRADIENT }

    private final double cutoff;
    private final int count;
    private final int[] species;
    private final Flaw flaw;

    PairSumDescriptor(double cutoff, int count, int[] species, Flaw flaw) {
        this.cutoff = cutoff;
        this.count = count;
        this.species = species.clone();
        this.flaw = flaw;
    }

    @Override
    public double cutoff() {
        return cutoff;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int[] species() {
        return species.clone();
    }

    @Override
    public List<String> featureLabels() {
        List<String> l = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            l.add("n=" + n);
        }
        return l;
    }

    @Override
    public FeatureBlock compute(Structure s, NeighborList nl, boolean gradients) {
        for (int i = 0; i < s.atomCount(); i++) {
            if (Arrays.stream(species).noneMatch(z -> z == s.number(0)) || Arrays.binarySearch(species, s.number(i)) < 0) {
                throw new IllegalArgumentException(s.name() + ": atom " + i + " has species " + s.number(i) + " not in " + Arrays.toString(species));
            }
        }
        double[] v = new double[s.atomCount() * count];
        double[] g = gradients ? new double[nl.edgeCount() * count * 3] : null;
        for (int e = 0; e < nl.edgeCount(); e++) {
            double r = nl.distance(e);
            if (r >= cutoff) {
                continue;
            }
            double u = 1 - r / cutoff;
            for (int n = 0; n < count; n++) {
                int p = flaw == Flaw.KINKED_AT_CUTOFF ? n + 1 : n + 2;
                double f = Math.pow(u, p);
                double df = -p * Math.pow(u, p - 1) / cutoff;
                if (flaw == Flaw.DIRECTIONAL) {
                    f *= 1 + 0.1 * nl.vector(e, 0) / r;
                }
                v[nl.centre(e) * count + n] += f;
                if (g != null) {
                    for (int c = 0; c < 3; c++) {
                        double dir = nl.vector(e, c) / r;
                        g[(e * count + n) * 3 + c] = df * dir * (flaw == Flaw.WRONG_GRADIENT ? 1.01 : 1);
                    }
                    if (flaw == Flaw.DIRECTIONAL) {
                        g = null;
                        gradients = false;
                    }
                }
            }
        }
        return new FeatureBlock(s.atomCount(), count, v, nl, g);
    }

    @Override
    public Parameters parameters() {
        return Parameters.of("pair-sum", Map.of("cutoff", cutoff, "count", count));
    }
}
