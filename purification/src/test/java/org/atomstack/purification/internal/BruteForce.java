package org.atomstack.purification.internal;

import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.AceParameters;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;
import org.atomstack.basis.ace.toolkit.RealSphericalHarmonics;

/**
 * The canonical ACE features by definition: 𝔅_k(i) = Σ_s C_ks Σ_{j1..jν distinct} Π_t φ_{k_st}(r_{i jt})
 * with φ_{znlm}(r) = δ(z_j = z) R_n(r) Y_lm(r̂), summing over every ordered tuple of distinct
 * neighbours (cost J^ν per term; for tiny environments only), or with repeats allowed the
 * self-interacting B_k. Full layout (one block per centre species).
 */
final class BruteForce {
    private final AceParameters params;
    private final AceBasisSet basis;
    private final int[] species;

    BruteForce(java.util.Map<String, Object> aceParameters) {
        this.params = AceParameters.parse(Parameters.of("descriptor", aceParameters), Fixtures.context(Fixtures.MO));
        this.basis = params.basisSpec().build();
        this.species = params.species();
    }

    /** atoms × (S·K) features; {@code distinct}: canonical (true) or self-interacting (false). */
    double[] features(Structure s, boolean distinct) {
        NeighborList nl = NeighborList.build(s, params.cutoff());
        int k = basis.size();
        int size = species.length * k;
        double[] out = new double[s.atomCount() * size];
        int maxN = Math.max(0, basis.maxN());
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(Math.max(0, basis.maxL()));
        for (int i = 0; i < s.atomCount(); i++) {
            int c = java.util.Arrays.binarySearch(species, s.number(i));
            // φ per neighbour: [j][z][n][lm]
            int e0 = nl.offset(i);
            int jn = nl.offset(i + 1) - e0;
            double[][] rad = new double[jn][maxN + 1];
            double[][] y = new double[jn][ylm.size()];
            int[] zj = new int[jn];
            boolean[] inside = new boolean[jn];
            for (int j = 0; j < jn; j++) {
                int e = e0 + j;
                zj[j] = java.util.Arrays.binarySearch(species, s.number(nl.neighbor(e)));
                inside[j] = nl.distance(e) < params.cutoff();
                RadialBasisSpec r = params.radial(c, zj[j], maxN + 1);
                r.evaluate(nl.distance(e), rad[j], null);
                ylm.evaluate(nl.vector(e, 0), nl.vector(e, 1), nl.vector(e, 2), y[j]);
            }
            for (int f = 0; f < k; f++) {
                AceBasisSet.Function fn = basis.function(f);
                int nu = fn.order();
                double total = 0;
                for (int term = 0; term < fn.terms(); term++) {
                    double[][] phi = new double[nu][jn];
                    for (int t = 0; t < nu; t++) {
                        AceBasisSet.OneParticle o = basis.oneParticles().get(fn.factor(t));
                        for (int j = 0; j < jn; j++) {
                            phi[t][j] = inside[j] && zj[j] == o.species()
                                ? rad[j][o.n()] * y[j][RealSphericalHarmonics.index(o.l(), fn.m(term, t))] : 0;
                        }
                    }
                    total += fn.coefficient(term) * tuples(phi, 0, new int[nu], distinct);
                }
                out[i * size + c * k + f] = total;
            }
        }
        return out;
    }

    private static double tuples(double[][] phi, int t, int[] chosen, boolean distinct) {
        int nu = phi.length;
        if (t == nu) {
            double p = 1;
            for (int q = 0; q < nu; q++) {
                p *= phi[q][chosen[q]];
            }
            return p;
        }
        double s = 0;
        for (int j = 0; j < phi[t].length; j++) {
            boolean used = false;
            for (int q = 0; q < t && distinct; q++) {
                used |= chosen[q] == j;
            }
            if (!used && phi[t][j] != 0) {
                chosen[t] = j;
                s += tuples(phi, t + 1, chosen, distinct);
            }
        }
        return s;
    }

    /** Correlation order of feature column col. */
    int order(int col) {
        return basis.function(col % basis.size()).order();
    }
}
