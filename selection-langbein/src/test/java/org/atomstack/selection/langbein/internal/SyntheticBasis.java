package org.atomstack.selection.langbein.internal;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.atomstack.api.selection.SelectableBasis;

/**
 * A small {@link SelectableBasis} of explicit functions of a few primitives, for tests: each
 * function gives its value and gradient; random points are uniform in [0.5, 1.5]^p.
 */
final class SyntheticBasis implements SelectableBasis {
    /** One function: value and gradient at x. */
    interface Function {
        /** Writes the gradient into {@code grad} and returns the value. */
        double eval(double[] x, double[] grad);
    }

    private final int primitives;
    private final List<Function> functions;
    private final int[] degrees;

    SyntheticBasis(int primitives, int[] degrees, List<Function> functions) {
        this.primitives = primitives;
        this.functions = List.copyOf(functions);
        this.degrees = degrees.clone();
    }

    SyntheticBasis(int primitives, List<Function> functions) {
        this(primitives, new int[functions.size()], functions);
    }

    @Override
    public int size() {
        return functions.size();
    }

    @Override
    public int primitiveCount() {
        return primitives;
    }

    @Override
    public List<String> labels() {
        return IntStream.range(0, size()).mapToObj(k -> "f" + (k + 1)).toList();
    }

    @Override
    public int[] degrees() {
        return degrees.clone();
    }

    @Override
    public void samplePrimitives(RandomGenerator rng, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.5 + rng.nextDouble();
        }
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        double[] g = new double[primitives];
        for (int k = 0; k < functions.size(); k++) {
            java.util.Arrays.fill(g, 0);
            values[k] = functions.get(k).eval(x, g);
            System.arraycopy(g, 0, jacobian, k * primitives, primitives);
        }
    }
}
