package org.atomstack.model.linear.internal;

import java.util.Map;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * Builds the weighted design-matrix rows of one structure (N atoms, columns as in
 * {@link DesignLayout}), in this order, each present only when labelled and of non-zero weight:
 *
 * <ul>
 *   <li><b>energy</b> (1 row, per atom): a = (Σ_i B_i, n_Z, ½Σ_e f_n(r_e)) / N,
 *       y = (E − Σ_i E0_fixed(Z_i)) / N, in eV/atom;</li>
 *   <li><b>forces</b> (3N rows): column k holds F_k = Σ_e g_e,k (δ_{a,i(e)} − δ_{a,j(e)}) with
 *       g_e,k = ∂B_k(i(e))/∂r_e (descriptor) or ½ f_n'(r_e) r̂_e (pair), exactly the scatter of
 *       {@link NeighborList#forces}; y = F, eV/Å;</li>
 *   <li><b>stress</b> (6 rows, only with a periodic cell): the virial per atom V·σ/N, i.e.
 *       (1/N) Σ_e sym(r_e ⊗ g_e,k) in Voigt order xx yy zz yz xz xy — the convention of
 *       {@link NeighborList#stress} multiplied by V/N — against y = V·σ/N, eV/atom.</li>
 * </ul>
 *
 * <p>Every row is multiplied by w = w_kind · w_config · √w_structure, where w_kind comes from
 * {@code weights}, w_config from {@code config_weights} (1 if the configuration type is not
 * listed) and w_structure = {@link Labels#weight()}, so the fit minimises
 * Σ_r w_r² (a_r·c − y_r)²: kind and configuration weights scale residuals (ACEpotentials.jl
 * convention), and a structure weight of 2 counts the structure twice. Stateless and
 * thread-safe (the descriptor is).
 */
final class RowAssembler {
    private final Descriptor descriptor;
    private final DesignLayout layout;
    private final LinearSettings.ObservationWeights weights;
    private final Map<String, Double> configWeights;
    private final double[] e0Fixed;
    private final double cutoff;

    /**
     * @param descriptor    the descriptor (thread-safe)
     * @param layout        column layout
     * @param weights       observation weights
     * @param configWeights residual multipliers by configuration type
     * @param e0Fixed       E0 per species index subtracted from energies (zeros when fitted)
     * @param cutoff        neighbour-list cutoff, ≥ the descriptor's and the pair term's, Å
     */
    RowAssembler(Descriptor descriptor, DesignLayout layout, LinearSettings.ObservationWeights weights,
                 Map<String, Double> configWeights, double[] e0Fixed, double cutoff) {
        this.descriptor = descriptor;
        this.layout = layout;
        this.weights = weights;
        this.configWeights = configWeights;
        this.e0Fixed = e0Fixed.clone();
        this.cutoff = cutoff;
    }

    /** The residual multiplier common to all rows of {@code s}: w_config · √w_structure. */
    double baseWeight(Structure s) {
        Labels l = s.labels();
        double cw = l.configType().map(t -> configWeights.getOrDefault(t, 1.0)).orElse(1.0);
        return cw * Math.sqrt(l.weight());
    }

    /**
     * The weighted rows of one structure.
     *
     * @throws IllegalArgumentException naming the structure and atom for an unhandled species
     */
    RowBlock rows(Structure s) {
        int cols = layout.columns();
        Labels l = s.labels();
        int atoms = s.atomCount();
        double base = baseWeight(s);
        double wE = weights.energy() * base;
        double wF = weights.forces() * base;
        double wS = weights.stress() * base;
        boolean energy = l.energy().isPresent() && wE > 0;
        boolean forces = l.hasForces() && wF > 0;
        boolean stress = l.stress().isPresent() && wS > 0 && Evaluation.stressDefined(s);
        if (atoms == 0 || !(energy || forces || stress)) {
            return RowBlock.empty(cols);
        }
        int[] sp = Evaluation.speciesIndices(s, layout);
        NeighborList nl = NeighborList.build(s, cutoff);
        boolean gradients = forces || stress;
        FeatureBlock fb = Evaluation.features(descriptor, s, nl, gradients);
        int rows = (energy ? 1 : 0) + (forces ? 3 * atoms : 0) + (stress ? 6 : 0);
        double[] a = new double[Math.multiplyExact(rows, cols)];
        double[] y = new double[rows];
        PairBasis pair = layout.pair();
        int m = layout.features();
        int fo = layout.featureOffset();
        int po = layout.pairOffset();
        int edges = nl.edgeCount();
        // pair radial functions per edge (value and derivative), evaluated once
        int nb = pair == null ? 0 : pair.size();
        double[] pf = new double[edges * nb];
        double[] pdf = new double[edges * nb];
        int[] pairColumn = new int[pair == null ? 0 : edges];
        if (pair != null) {
            double[] f = new double[nb];
            double[] df = new double[nb];
            for (int e = 0; e < edges; e++) {
                pair.evaluate(nl.distance(e), f, df);
                System.arraycopy(f, 0, pf, e * nb, nb);
                System.arraycopy(df, 0, pdf, e * nb, nb);
                pairColumn[e] = po + pair.pairIndex(sp[nl.centre(e)], sp[nl.neighbor(e)]) * nb;
            }
        }
        double logWeights = 0;
        int row = 0;
        if (energy) {
            double[] v = fb.values();
            for (int i = 0; i < atoms; i++) {
                int vi = i * m;
                for (int k = 0; k < m; k++) {
                    a[fo + k] += v[vi + k];
                }
                if (layout.fitsE0()) {
                    a[sp[i]] += 1;
                }
            }
            for (int e = 0; e < edges && pair != null; e++) {
                for (int n = 0; n < nb; n++) {
                    a[pairColumn[e] + n] += 0.5 * pf[e * nb + n];
                }
            }
            double e0 = 0;
            for (int i = 0; i < atoms; i++) {
                e0 += e0Fixed[sp[i]];
            }
            scaleRow(a, 0, cols, wE / atoms);
            y[0] = wE * ((l.energy().getAsDouble() - e0) / atoms);
            logWeights += Math.log(wE * wE);
            row = 1;
        }
        if (forces) {
            double[] g = fb.gradients();
            for (int e = 0; e < edges; e++) {
                int i = nl.centre(e);
                int j = nl.neighbor(e);
                for (int c = 0; c < 3; c++) {
                    int ri = (row + 3 * i + c) * cols + fo;
                    int rj = (row + 3 * j + c) * cols + fo;
                    int ge = e * m * 3 + c;
                    for (int k = 0; k < m; k++) {
                        double gv = g[ge + 3 * k];
                        a[ri + k] += gv;
                        a[rj + k] -= gv;
                    }
                }
                if (pair != null && nl.distance(e) < pair.cutoff()) {
                    double r = nl.distance(e);
                    for (int c = 0; c < 3; c++) {
                        double dir = 0.5 * nl.vector(e, c) / r;
                        int ri = (row + 3 * i + c) * cols + pairColumn[e];
                        int rj = (row + 3 * j + c) * cols + pairColumn[e];
                        for (int n = 0; n < nb; n++) {
                            double gv = pdf[e * nb + n] * dir;
                            a[ri + n] += gv;
                            a[rj + n] -= gv;
                        }
                    }
                }
            }
            double[] f = l.forces().orElseThrow();
            for (int r = 0; r < 3 * atoms; r++) {
                scaleRow(a, (row + r) * cols, cols, wF);
                y[row + r] = wF * f[r];
            }
            logWeights += 3 * atoms * Math.log(wF * wF);
            row += 3 * atoms;
        }
        if (stress) {
            double[] g = fb.gradients();
            int s0 = row * cols;
            for (int e = 0; e < edges; e++) {
                double rx = nl.vector(e, 0);
                double ry = nl.vector(e, 1);
                double rz = nl.vector(e, 2);
                int ge = e * m * 3;
                for (int k = 0; k < m; k++) {
                    double gx = g[ge + 3 * k];
                    double gy = g[ge + 3 * k + 1];
                    double gz = g[ge + 3 * k + 2];
                    addVoigt(a, s0 + fo + k, cols, rx, ry, rz, gx, gy, gz);
                }
                if (pair != null && nl.distance(e) < pair.cutoff()) {
                    double r = nl.distance(e);
                    for (int n = 0; n < nb; n++) {
                        double h = 0.5 * pdf[e * nb + n] / r;
                        addVoigt(a, s0 + pairColumn[e] + n, cols, rx, ry, rz, h * rx, h * ry, h * rz);
                    }
                }
            }
            double[] sigma = l.stress().orElseThrow();
            double volume = s.cell().orElseThrow().volume();
            for (int r = 0; r < 6; r++) {
                scaleRow(a, (row + r) * cols, cols, wS / atoms);
                y[row + r] = wS * (sigma[r] * volume / atoms);
            }
            logWeights += 6 * Math.log(wS * wS);
            row += 6;
        }
        return new RowBlock(rows, cols, a, y, logWeights, energy ? 1 : 0, forces ? 3 * atoms : 0, stress ? 6 : 0);
    }

    /** Adds sym(r ⊗ g) in Voigt order xx yy zz yz xz xy to rows base, base+cols, … (one column). */
    private static void addVoigt(double[] a, int at, int cols, double rx, double ry, double rz, double gx, double gy, double gz) {
        a[at] += rx * gx;
        a[at + cols] += ry * gy;
        a[at + 2 * cols] += rz * gz;
        a[at + 3 * cols] += 0.5 * (ry * gz + rz * gy);
        a[at + 4 * cols] += 0.5 * (rx * gz + rz * gx);
        a[at + 5 * cols] += 0.5 * (rx * gy + ry * gx);
    }

    private static void scaleRow(double[] a, int from, int cols, double w) {
        for (int c = 0; c < cols; c++) {
            a[from + c] *= w;
        }
    }
}
