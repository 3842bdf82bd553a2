package org.atomstack.model.linear.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * A fitted linear potential E = Σ_i (E0(Z_i) + c·B_i) + ½ Σ_{i≠j} Σ_n c_n^{z_i z_j} f_n(r_ij).
 * Forces and stress follow from the per-edge energy gradient
 * g_e = Σ_k c_k ∂B_k/∂r_e + ½ Σ_n c_n f_n'(r_e) r̂_e through {@link NeighborList#forces} and
 * {@link NeighborList#stress} (one contraction over the features per edge, no per-feature
 * scatter). Immutable and thread-safe.
 */
final class LinearModel implements Model {
    /** The provider id. */
    static final String PROVIDER_ID = "linear";

    private final LinearSettings settings;
    private final Descriptor descriptor;
    private final DesignLayout layout;
    private final double[] coefficients;
    private final double[] e0;
    private final double[] pairCoefficients;
    private final Map<String, Double> diagnostics;

    /**
     * @param settings         the configuration
     * @param descriptor       the descriptor the coefficients refer to
     * @param layout           species, E0 and pair layout
     * @param coefficients     c, one per descriptor feature (copied)
     * @param e0               E0 per species index, eV (copied)
     * @param pairCoefficients pair coefficients (pairs × basis), eV, or empty without a pair term (copied)
     * @param diagnostics      fit diagnostics (copied)
     */
    LinearModel(LinearSettings settings, Descriptor descriptor, DesignLayout layout, double[] coefficients, double[] e0,
                double[] pairCoefficients, Map<String, Double> diagnostics) {
        this.settings = Objects.requireNonNull(settings);
        this.descriptor = Objects.requireNonNull(descriptor);
        this.layout = Objects.requireNonNull(layout);
        if (coefficients.length != layout.features() || e0.length != layout.speciesCount()
            || pairCoefficients.length != layout.pairColumns()) {
            throw new IllegalArgumentException("coefficient counts " + coefficients.length + "/" + e0.length + "/"
                + pairCoefficients.length + " do not match the layout " + layout.features() + "/" + layout.speciesCount()
                + "/" + layout.pairColumns());
        }
        this.coefficients = coefficients.clone();
        this.e0 = e0.clone();
        this.pairCoefficients = pairCoefficients.clone();
        this.diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    @Override
    public String providerId() {
        return PROVIDER_ID;
    }

    /** The larger of the descriptor's and the pair term's cutoff, Å. */
    @Override
    public double cutoff() {
        PairBasis pair = layout.pair();
        return pair == null ? descriptor.cutoff() : Math.max(descriptor.cutoff(), pair.cutoff());
    }

    /** Descriptor coefficients, plus E0 values when they were fitted, plus pair coefficients. */
    @Override
    public long parameterCount() {
        return (long) layout.features() + layout.e0Columns() + layout.pairColumns();
    }

    /**
     * Energy (eV), forces (eV/Å) and stress (eV/Å³, ASE sign, Voigt xx yy zz yz xz xy; only for
     * a cell with a periodic direction, using the cell volume).
     *
     * @throws IllegalArgumentException when the neighbour list is shorter than {@link #cutoff()}
     *                                  or does not belong to the structure, or naming the atom
     *                                  whose species the model does not handle
     */
    @Override
    public Prediction predict(Structure structure, NeighborList neighbors, boolean forces, boolean stress) {
        if (neighbors.cutoff() < cutoff()) {
            throw new IllegalArgumentException(structure.name() + ": neighbour list cutoff " + neighbors.cutoff()
                + " Å is below the model cutoff " + cutoff() + " Å");
        }
        if (neighbors.atomCount() != structure.atomCount()) {
            throw new IllegalArgumentException(structure.name() + ": neighbour list has " + neighbors.atomCount()
                + " atoms, the structure " + structure.atomCount());
        }
        int atoms = structure.atomCount();
        int[] sp = Evaluation.speciesIndices(structure, layout);
        boolean wantStress = stress && Evaluation.stressDefined(structure);
        boolean gradients = forces || wantStress;
        if (atoms == 0) {
            return new Prediction(0, forces ? new double[0] : null, wantStress ? new double[6] : null);
        }
        FeatureBlock fb = Evaluation.features(descriptor, structure, neighbors, gradients);
        int m = layout.features();
        double energy = 0;
        for (int i = 0; i < atoms; i++) {
            energy += e0[sp[i]];
        }
        double[] v = fb.values();
        for (int i = 0; i < atoms; i++) {
            double site = 0;
            int vi = i * m;
            for (int k = 0; k < m; k++) {
                site += coefficients[k] * v[vi + k];
            }
            energy += site;
        }
        int edges = neighbors.edgeCount();
        double[] g = gradients ? new double[3 * edges] : null;
        if (gradients) {
            double[] grad = fb.gradients();
            for (int e = 0; e < edges; e++) {
                double gx = 0;
                double gy = 0;
                double gz = 0;
                int ge = e * m * 3;
                for (int k = 0; k < m; k++) {
                    double ck = coefficients[k];
                    gx += ck * grad[ge + 3 * k];
                    gy += ck * grad[ge + 3 * k + 1];
                    gz += ck * grad[ge + 3 * k + 2];
                }
                g[3 * e] = gx;
                g[3 * e + 1] = gy;
                g[3 * e + 2] = gz;
            }
        }
        PairBasis pair = layout.pair();
        if (pair != null) {
            int nb = pair.size();
            double[] f = new double[nb];
            double[] df = new double[nb];
            for (int e = 0; e < edges; e++) {
                double r = neighbors.distance(e);
                if (!pair.evaluate(r, f, df)) {
                    continue;
                }
                int off = pair.pairIndex(sp[neighbors.centre(e)], sp[neighbors.neighbor(e)]) * nb;
                double value = 0;
                double slope = 0;
                for (int n = 0; n < nb; n++) {
                    value += pairCoefficients[off + n] * f[n];
                    slope += pairCoefficients[off + n] * df[n];
                }
                energy += 0.5 * value;
                if (gradients) {
                    double h = 0.5 * slope / r;
                    for (int c = 0; c < 3; c++) {
                        g[3 * e + c] += h * neighbors.vector(e, c);
                    }
                }
            }
        }
        double[] f = forces ? neighbors.forces(g) : null;
        double[] s = wantStress ? neighbors.stress(g, structure.cell().orElseThrow().volume()) : null;
        return new Prediction(energy, f, s);
    }

    /** The configuration with every default explicit. */
    @Override
    public Parameters parameters() {
        return settings.toParameters();
    }

    /** Writes {@value ModelFile#FILE_NAME} (coefficients, E0, pair coefficients, diagnostics). */
    @Override
    public void save(Path directory) throws IOException {
        ModelFile.write(directory.resolve(ModelFile.FILE_NAME), this);
    }

    /** The configuration. */
    LinearSettings settings() {
        return settings;
    }

    /** The descriptor. */
    Descriptor descriptor() {
        return descriptor;
    }

    /** The layout (species, E0, pair). */
    DesignLayout layout() {
        return layout;
    }

    /** Descriptor coefficients c (a copy). */
    double[] coefficients() {
        return coefficients.clone();
    }

    /** E0 per species index, eV (a copy). */
    double[] e0() {
        return e0.clone();
    }

    /** Pair coefficients, pairs × basis (a copy; empty without a pair term). */
    double[] pairCoefficients() {
        return pairCoefficients.clone();
    }

    /** Fit diagnostics (unmodifiable). */
    Map<String, Double> diagnostics() {
        return diagnostics;
    }
}
