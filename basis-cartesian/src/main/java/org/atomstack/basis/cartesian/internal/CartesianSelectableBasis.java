package org.atomstack.basis.cartesian.internal;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.basis.cartesian.toolkit.InvariantSet;
import org.atomstack.basis.cartesian.toolkit.IrreducibleTensors;
import org.atomstack.basis.cartesian.toolkit.TensorDiagram;

/**
 * The {@code cartesian} descriptor as functions of its primitives: the orthonormal coefficients
 * C_{a,(l,m)} of the channel environment tensors, channel-major (primitive a·P + index(l, m),
 * P = (lmax+1)²). Feature (a, k) depends on channel a only, so the Jacobian is block diagonal.
 * Degrees: Σ_t (n + l_t) over the factors of the diagram (n the radial index of the channel).
 * Random primitives are those of a random environment: 4–16 neighbours of random species,
 * distances uniform in [0.25, 0.95]·r_c, directions uniform on the sphere.
 */
final class CartesianSelectableBasis implements SelectableBasis {
    private final CartesianDescriptor descriptor;
    private final InvariantSet set;
    private final int p;
    private final int k;
    private final int channels;
    private final int[] degrees;

    /** The selectable view of {@code descriptor}. */
    CartesianSelectableBasis(CartesianDescriptor descriptor) {
        this.descriptor = descriptor;
        this.set = descriptor.invariants();
        this.p = set.variables();
        this.k = set.size();
        this.channels = descriptor.channels();
        this.degrees = new int[channels * k];
        int nr = descriptor.radial().count();
        for (int a = 0; a < channels; a++) {
            for (int kk = 0; kk < k; kk++) {
                TensorDiagram d = set.diagrams().get(kk);
                degrees[a * k + kk] = d.nodes() * (a % nr) + d.degree();
            }
        }
    }

    @Override
    public int size() {
        return channels * k;
    }

    @Override
    public int primitiveCount() {
        return channels * p;
    }

    @Override
    public List<String> labels() {
        return descriptor.featureLabels();
    }

    @Override
    public int[] degrees() {
        return degrees.clone();
    }

    @Override
    public void samplePrimitives(RandomGenerator rng, double[] out) {
        if (out.length != primitiveCount()) {
            throw new IllegalArgumentException("primitives: expected " + primitiveCount() + " values, got " + out.length);
        }
        Arrays.fill(out, 0);
        RadialFunctions radial = descriptor.radial();
        int nr = radial.count();
        int kinds = descriptor.species().length;
        IrreducibleTensors tensors = set.tensors();
        double[] c = new double[p];
        double[] rv = new double[nr];
        int neighbours = 4 + rng.nextInt(13);
        for (int j = 0; j < neighbours; j++) {
            double x;
            double y;
            double z;
            double len;
            do {
                x = rng.nextGaussian();
                y = rng.nextGaussian();
                z = rng.nextGaussian();
                len = Math.sqrt(x * x + y * y + z * z);
            } while (len < 1e-6);
            double r = radial.cutoff() * (0.25 + 0.7 * rng.nextDouble());
            tensors.coefficients(x, y, z, c, 0);
            radial.evaluate(r, rv, null);
            int s = rng.nextInt(kinds);
            for (int n = 0; n < nr; n++) {
                int row = (s * nr + n) * p;
                for (int q = 0; q < p; q++) {
                    out[row + q] += rv[n] * c[q];
                }
            }
        }
    }

    @Override
    public void evaluate(double[] primitives, double[] values, double[] jacobian) {
        if (primitives.length != primitiveCount() || values.length != size() || jacobian.length != size() * primitiveCount()) {
            throw new IllegalArgumentException("selectable cartesian basis: expected " + primitiveCount() + " primitives, " + size() + " values and "
                + size() * primitiveCount() + " Jacobian entries, got " + primitives.length + ", " + values.length + ", " + jacobian.length);
        }
        Arrays.fill(jacobian, 0);
        double[] block = new double[k * p];
        int width = primitiveCount();
        for (int a = 0; a < channels; a++) {
            set.evaluate(primitives, a * p, values, a * k, block, 0);
            for (int kk = 0; kk < k; kk++) {
                System.arraycopy(block, kk * p, jacobian, (a * k + kk) * width + a * p, p);
            }
        }
    }
}
