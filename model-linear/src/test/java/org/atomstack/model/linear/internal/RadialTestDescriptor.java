package org.atomstack.model.linear.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * Test-only descriptor with analytic gradients (the ACE basis is developed elsewhere), invariant
 * and C¹ at the cutoff through the envelope u² = (1 − r/r_c)²:
 *
 * <ul>
 *   <li>radial pair sums per neighbour species s: G_{n,s}(i) = Σ_{j: Z_j = s} φ_n(r_ij),
 *       φ_n(r) = exp(−η_n r²) u², η_n = 0.15·(1 + n), n = 0..count−1;</li>
 *   <li>one three-body feature A(i) = |Σ_j ψ(r_ij) r_ij|², ψ(r) = u²
 *       (gradient ∂A/∂r_e = 2(ψ V + ψ' (V·r̂) r) with V = Σ_j ψ r_j);</li>
 *   <li>optionally a copy of feature 0 appended (a rank-deficient design).</li>
 * </ul>
 *
 * Smoothness prior (optional): γ = (1 + n)² for G_{n,s}, 4 for A, as for a product basis.
 * Immutable and thread-safe.
 */
final class RadialTestDescriptor implements Descriptor {
    private final double cutoff;
    private final int count;
    private final int[] species;
    private final boolean smoothness;
    private final boolean duplicate;

    RadialTestDescriptor(double cutoff, int count, int[] species, boolean smoothness, boolean duplicate) {
        this.cutoff = cutoff;
        this.count = count;
        this.species = species.clone();
        this.smoothness = smoothness;
        this.duplicate = duplicate;
    }

    private int base() {
        return count * species.length + 1;
    }

    @Override
    public double cutoff() {
        return cutoff;
    }

    @Override
    public int size() {
        return base() + (duplicate ? 1 : 0);
    }

    @Override
    public int[] species() {
        return species.clone();
    }

    @Override
    public List<String> featureLabels() {
        List<String> labels = new ArrayList<>();
        for (int s = 0; s < species.length; s++) {
            for (int n = 0; n < count; n++) {
                labels.add("G n=" + n + " Z=" + species[s]);
            }
        }
        labels.add("A");
        if (duplicate) {
            labels.add("copy of " + labels.get(0));
        }
        return labels;
    }

    @Override
    public FeatureBlock compute(Structure s, NeighborList nl, boolean gradients) {
        int atoms = s.atomCount();
        int size = size();
        int[] sp = new int[atoms];
        for (int i = 0; i < atoms; i++) {
            sp[i] = Arrays.binarySearch(species, s.number(i));
            if (sp[i] < 0) {
                throw new IllegalArgumentException(s.name() + ": atom " + i + " has species " + s.number(i)
                    + " outside " + Arrays.toString(species));
            }
        }
        double[] values = new double[atoms * size];
        double[] grads = gradients ? new double[nl.edgeCount() * size * 3] : null;
        double[] vsum = new double[3 * atoms];
        int a = base() - 1;
        for (int e = 0; e < nl.edgeCount(); e++) {
            double r = nl.distance(e);
            if (r >= cutoff) {
                continue;
            }
            int i = nl.centre(e);
            int sj = sp[nl.neighbor(e)];
            double u = 1 - r / cutoff;
            for (int n = 0; n < count; n++) {
                double eta = 0.15 * (1 + n);
                double ex = Math.exp(-eta * r * r);
                double phi = ex * u * u;
                double dphi = ex * (-2 * eta * r * u * u - 2 * u / cutoff);
                int k = sj * count + n;
                values[i * size + k] += phi;
                if (grads != null) {
                    for (int c = 0; c < 3; c++) {
                        grads[(e * size + k) * 3 + c] = dphi * nl.vector(e, c) / r;
                    }
                }
            }
            double psi = u * u;
            for (int c = 0; c < 3; c++) {
                vsum[3 * i + c] += psi * nl.vector(e, c);
            }
        }
        for (int i = 0; i < atoms; i++) {
            double vx = vsum[3 * i];
            double vy = vsum[3 * i + 1];
            double vz = vsum[3 * i + 2];
            values[i * size + a] = vx * vx + vy * vy + vz * vz;
        }
        if (grads != null) {
            for (int e = 0; e < nl.edgeCount(); e++) {
                double r = nl.distance(e);
                if (r >= cutoff) {
                    continue;
                }
                int i = nl.centre(e);
                double u = 1 - r / cutoff;
                double psi = u * u;
                double dpsi = -2 * u / cutoff;
                double vr = 0;
                for (int c = 0; c < 3; c++) {
                    vr += vsum[3 * i + c] * nl.vector(e, c);
                }
                for (int c = 0; c < 3; c++) {
                    grads[(e * size + a) * 3 + c] = 2 * (psi * vsum[3 * i + c] + dpsi * vr * nl.vector(e, c) / r);
                }
            }
        }
        if (duplicate) {
            int d = base();
            for (int i = 0; i < atoms; i++) {
                values[i * size + d] = values[i * size];
            }
            if (grads != null) {
                for (int e = 0; e < nl.edgeCount(); e++) {
                    for (int c = 0; c < 3; c++) {
                        grads[(e * size + d) * 3 + c] = grads[(e * size) * 3 + c];
                    }
                }
            }
        }
        return new FeatureBlock(atoms, size, values, nl, grads);
    }

    @Override
    public Parameters parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", cutoff);
        m.put("count", count);
        m.put("smoothness", smoothness);
        m.put("duplicate", duplicate);
        return Parameters.of("test-descriptor", m);
    }

    @Override
    public Optional<double[]> smoothnessPrior() {
        if (!smoothness) {
            return Optional.empty();
        }
        double[] g = new double[size()];
        for (int s = 0; s < species.length; s++) {
            for (int n = 0; n < count; n++) {
                g[s * count + n] = (1.0 + n) * (1.0 + n);
            }
        }
        g[base() - 1] = 4;
        if (duplicate) {
            g[base()] = g[0];
        }
        return Optional.of(g);
    }
}
