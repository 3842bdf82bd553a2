package org.atomstack.basis.cartesian.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.basis.cartesian.toolkit.InvariantSet;
import org.atomstack.basis.cartesian.toolkit.IrreducibleTensors;
import org.atomstack.basis.cartesian.toolkit.TensorDiagram;

/**
 * The {@code cartesian} descriptor: Cartesian tensor invariants of species-resolved radial
 * channels.
 *
 * <p>Channels a = (s, n): neighbour species s (index into {@link #species()}) and radial function
 * n, with weights w_{j,a} = δ(Z_j, s) R_n(r_ij). Per atom i and channel a the environment
 * tensors E^l_{i,a} = Σ_j w_{j,a} T^l(r̂_ij), l = 0..lmax of the invariant set, are formed in
 * orthonormal coefficients, and every invariant k of the set is evaluated channel-wise (all
 * factors of a diagram read the same channel a). Feature index a·K + k with a = s·n_r + n;
 * label "Sym,n=N|indices". The features do not depend on the centre's species (a model may fit
 * per-species weights).
 *
 * <p>Gradients: ∂B_{a,k}/∂r_e = Σ_q ∂p_k/∂C_{a,q} · (R_n'(r) r̂ c_q(r̂) + R_n(r) ∂c_q/∂r_e) for
 * the channels a of the neighbour's species, with the compiled Jacobian of the set.
 *
 * <p>Immutable and thread-safe.
 */
final class CartesianDescriptor implements Descriptor {
    private final int[] species;
    private final RadialFunctions radial;
    private final InvariantSet set;
    private final IrreducibleTensors tensors;
    private final Parameters parameters;
    private final List<String> labels;
    private final int channels;
    private final int size;

    /**
     * A configured descriptor.
     *
     * @param species    atomic numbers, ascending
     * @param radial     the radial channels per species
     * @param set        the invariants
     * @param parameters the parameters that recreate it
     */
    CartesianDescriptor(int[] species, RadialFunctions radial, InvariantSet set, Parameters parameters) {
        this.species = species.clone();
        this.radial = radial;
        this.set = set;
        this.tensors = set.tensors();
        this.parameters = parameters;
        this.channels = species.length * radial.count();
        this.size = channels * set.size();
        List<String> names = new ArrayList<>(size);
        for (int s = 0; s < species.length; s++) {
            for (int n = 0; n < radial.count(); n++) {
                for (String k : set.labels()) {
                    names.add(Elements.symbol(species[s]) + ",n=" + n + "|" + k);
                }
            }
        }
        this.labels = Collections.unmodifiableList(names);
    }

    @Override
    public double cutoff() {
        return radial.cutoff();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int[] species() {
        return species.clone();
    }

    @Override
    public List<String> featureLabels() {
        return labels;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    /** The invariant set. */
    InvariantSet invariants() {
        return set;
    }

    /** The number of channels S · n_r. */
    int channels() {
        return channels;
    }

    /** The radial channels. */
    RadialFunctions radial() {
        return radial;
    }

    @Override
    public FeatureBlock compute(Structure structure, NeighborList neighbors, boolean gradients) {
        int atoms = structure.atomCount();
        if (neighbors.atomCount() != atoms) {
            throw new IllegalArgumentException("structure '" + structure.name() + "' has " + atoms + " atoms but the neighbour list has " + neighbors.atomCount());
        }
        double rc = radial.cutoff();
        if (neighbors.cutoff() < rc) {
            throw new IllegalArgumentException("structure '" + structure.name() + "': neighbour list cutoff " + neighbors.cutoff()
                + " Å is below the descriptor cutoff " + rc + " Å");
        }
        int[] kind = new int[atoms];
        for (int i = 0; i < atoms; i++) {
            int z = structure.number(i);
            int s = Arrays.binarySearch(species, z);
            if (s < 0) {
                throw new IllegalArgumentException("structure '" + structure.name() + "': atom " + i + " is " + symbolOf(z) + " (Z = " + z
                    + "), which this cartesian descriptor was not built for; its species are " + symbols());
            }
            kind[i] = s;
        }
        int nr = radial.count();
        int p = tensors.size();
        int k = set.size();
        double[] values = new double[atoms * size];
        double[] grads = gradients ? new double[neighbors.edgeCount() * size * 3] : null;
        double[] env = new double[channels * p];
        double[] jac = gradients ? new double[channels * k * p] : null;
        double[] rv = new double[nr];
        double[] dr = new double[nr];
        double[] d = new double[3 * p];
        for (int i = 0; i < atoms; i++) {
            int from = neighbors.offset(i);
            int to = neighbors.offset(i + 1);
            int deg = to - from;
            double[] c = new double[deg * p];
            double[] dc = gradients ? new double[deg * 3 * p] : null;
            Arrays.fill(env, 0);
            for (int e = from; e < to; e++) {
                double r = neighbors.distance(e);
                if (!(r < rc)) {
                    continue;
                }
                int local = e - from;
                double x = neighbors.vector(e, 0);
                double y = neighbors.vector(e, 1);
                double z = neighbors.vector(e, 2);
                if (gradients) {
                    tensors.coefficients(x, y, z, c, local * p, dc, local * 3 * p);
                } else {
                    tensors.coefficients(x, y, z, c, local * p);
                }
                radial.evaluate(r, rv, null);
                int s = kind[neighbors.neighbor(e)];
                for (int n = 0; n < nr; n++) {
                    double w = rv[n];
                    int row = (s * nr + n) * p;
                    for (int q = 0; q < p; q++) {
                        env[row + q] += w * c[local * p + q];
                    }
                }
            }
            for (int a = 0; a < channels; a++) {
                if (gradients) {
                    set.evaluate(env, a * p, values, i * size + a * k, jac, a * k * p);
                } else {
                    set.evaluate(env, a * p, values, i * size + a * k);
                }
            }
            if (!gradients) {
                continue;
            }
            for (int e = from; e < to; e++) {
                double r = neighbors.distance(e);
                if (!(r < rc)) {
                    continue;
                }
                int local = e - from;
                double[] u = {neighbors.vector(e, 0) / r, neighbors.vector(e, 1) / r, neighbors.vector(e, 2) / r};
                radial.evaluate(r, rv, dr);
                int s = kind[neighbors.neighbor(e)];
                for (int n = 0; n < nr; n++) {
                    for (int q = 0; q < p; q++) {
                        double cq = c[local * p + q];
                        for (int xyz = 0; xyz < 3; xyz++) {
                            d[3 * q + xyz] = dr[n] * u[xyz] * cq + rv[n] * dc[local * 3 * p + 3 * q + xyz];
                        }
                    }
                    int a = s * nr + n;
                    for (int kk = 0; kk < k; kk++) {
                        int jrow = (a * k + kk) * p;
                        double gx = 0;
                        double gy = 0;
                        double gz = 0;
                        for (int q = 0; q < p; q++) {
                            double j = jac[jrow + q];
                            gx += j * d[3 * q];
                            gy += j * d[3 * q + 1];
                            gz += j * d[3 * q + 2];
                        }
                        int g = (e * size + a * k + kk) * 3;
                        grads[g] = gx;
                        grads[g + 1] = gy;
                        grads[g + 2] = gz;
                    }
                }
            }
        }
        return new FeatureBlock(atoms, size, values, neighbors, grads);
    }

    private static String symbolOf(int z) {
        return z >= 1 && z <= Elements.MAX_Z ? Elements.symbol(z) : "Z" + z;
    }

    private String symbols() {
        List<String> out = new ArrayList<>();
        for (int z : species) {
            out.add(Elements.symbol(z));
        }
        return out.toString();
    }

    /**
     * γ(a, k) = Σ_t (1 + n + l_t)² over the factors t of diagram k (radial index n of channel a,
     * order l_t of factor t): the degree of a factor is n + l_t.
     */
    @Override
    public Optional<double[]> smoothnessPrior() {
        double[] g = new double[size];
        int k = set.size();
        for (int a = 0; a < channels; a++) {
            int n = a % radial.count();
            for (int kk = 0; kk < k; kk++) {
                TensorDiagram d = set.diagrams().get(kk);
                double s = 0;
                for (int t = 0; t < d.nodes(); t++) {
                    double deg = 1 + n + d.order(t);
                    s += deg * deg;
                }
                g[a * k + kk] = s;
            }
        }
        return Optional.of(g);
    }

    @Override
    public Optional<SelectableBasis> selectable() {
        return Optional.of(new CartesianSelectableBasis(this));
    }
}
