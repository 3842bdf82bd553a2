package org.atomstack.basis.ace.internal;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.basis.ace.toolkit.ProductBasisEvaluator;

/**
 * The ACE descriptor as functions of its atomic base. Primitives are the concatenation, over
 * centre species c (ascending), of the atomic-base entries A^(c)_{z n l m} that the columns of
 * centre c use (ordered by neighbour species z, n, l, m); column k of centre c depends only on
 * block c, so the Jacobian is block diagonal. {@link #samplePrimitives} draws, per centre
 * species, the atomic base of a random environment: 4–20 neighbours with uniformly random
 * species and directions and distances uniform in [r_in + 0.3 (r_c − r_in), r_c). Degrees are
 * the total degrees Σ_t (n_t + w_L l_t) rounded up to integers. Thread-safe (scratch per call).
 */
final class AceSelectableBasis implements SelectableBasis {
    private final AceDescriptor descriptor;
    private final int[] offset; // per centre species: first primitive of its block
    private final int primitives;
    private final int[] degrees;

    AceSelectableBasis(AceDescriptor descriptor) {
        this.descriptor = descriptor;
        int s = descriptor.species().length;
        offset = new int[s + 1];
        for (int c = 0; c < s; c++) {
            CompiledBasis cb = descriptor.compiled(c);
            offset[c + 1] = offset[c] + (cb == null ? 0 : cb.evaluator.atomicBaseSize());
        }
        primitives = offset[s];
        double[] d = descriptor.totalDegrees();
        degrees = new int[d.length];
        for (int k = 0; k < d.length; k++) {
            degrees[k] = (int) Math.ceil(d[k] - 1e-9);
        }
    }

    @Override
    public int size() {
        return descriptor.size();
    }

    @Override
    public int primitiveCount() {
        return primitives;
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
        checkLength("out", out.length, primitives);
        int s = descriptor.species().length;
        double rc = descriptor.cutoff();
        double rin = descriptor.config().kind == org.atomstack.basis.ace.toolkit.RadialBasisSpec.Kind.POLYNOMIAL
            ? descriptor.config().inner : 0;
        double lo = rin + 0.3 * (rc - rin);
        for (int c = 0; c < s; c++) {
            CompiledBasis cb = descriptor.compiled(c);
            if (cb == null) {
                continue;
            }
            int neighbours = 4 + rng.nextInt(17);
            double[] vec = new double[3 * neighbours];
            double[] dist = new double[neighbours];
            int[] spec = new int[neighbours];
            for (int j = 0; j < neighbours; j++) {
                spec[j] = rng.nextInt(s);
            }
            Arrays.sort(spec);
            for (int j = 0; j < neighbours; j++) {
                double x;
                double y;
                double z;
                double n;
                do {
                    x = rng.nextGaussian();
                    y = rng.nextGaussian();
                    z = rng.nextGaussian();
                    n = Math.sqrt(x * x + y * y + z * z);
                } while (n < 1e-8);
                double r = lo + (rc - lo) * rng.nextDouble();
                vec[3 * j] = r * x / n;
                vec[3 * j + 1] = r * y / n;
                vec[3 * j + 2] = r * z / n;
                dist[j] = r;
            }
            ProductBasisEvaluator.Workspace w = cb.evaluator.workspace();
            cb.evaluator.atomicBase(w, neighbours, vec, dist, spec, false);
            System.arraycopy(w.atomicBase(), 0, out, offset[c], cb.evaluator.atomicBaseSize());
        }
    }

    @Override
    public void evaluate(double[] primitiveValues, double[] values, double[] jacobian) {
        checkLength("primitives", primitiveValues.length, primitives);
        checkLength("values", values.length, size());
        checkLength("jacobian", jacobian.length, (long) size() * primitives);
        Arrays.fill(jacobian, 0, size() * primitives, 0);
        int s = descriptor.species().length;
        for (int c = 0; c < s; c++) {
            CompiledBasis cb = descriptor.compiled(c);
            if (cb == null) {
                continue;
            }
            ProductBasisEvaluator pb = cb.evaluator;
            ProductBasisEvaluator.Workspace w = pb.workspace();
            System.arraycopy(primitiveValues, offset[c], w.atomicBase(), 0, pb.atomicBaseSize());
            pb.products(w, true);
            for (int r = 0; r < cb.rows; r++) {
                int col = cb.rowColumn[r];
                values[col] = w.values()[r];
                long rowBase = (long) col * primitives + offset[c];
                for (int j = pb.jacobianStart(r); j < pb.jacobianStart(r + 1); j++) {
                    jacobian[(int) (rowBase + pb.jacobianEntry(j))] = w.jacobian()[j];
                }
            }
        }
    }

    private static void checkLength(String what, int got, long need) {
        if (got < need) {
            throw new IllegalArgumentException(what + ": need " + need + " values, got " + got);
        }
    }
}
