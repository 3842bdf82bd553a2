package org.atomstack.api.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;

/**
 * Named parameter arrays of a model on the host: one entry per parameter with a name, a
 * {@link Shape} and its values (row-major doubles). Values are stored in float64 whatever the
 * training precision; a float32 value converts to double exactly, so uploading a downloaded set
 * again reproduces the device tensors bit for bit. Immutable: arrays are copied in and out.
 * Equality compares names, shapes and values bitwise.
 */
public final class ParameterSet {
    private final List<String> names;
    private final List<Shape> shapes;
    private final List<double[]> values;

    private ParameterSet(List<String> names, List<Shape> shapes, List<double[]> values) {
        this.names = names;
        this.shapes = shapes;
        this.values = values;
    }

    /**
     * A parameter set.
     *
     * @param names  distinct, non-null parameter names
     * @param shapes one shape per name
     * @param values one array per name, of its shape's size, all finite
     * @throws IllegalArgumentException quoting the offending parameter
     */
    public static ParameterSet of(List<String> names, List<Shape> shapes, List<double[]> values) {
        if (names.size() != shapes.size() || names.size() != values.size()) {
            throw new IllegalArgumentException("parameter set: " + names.size() + " names, " + shapes.size() + " shapes and "
                + values.size() + " value arrays");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("parameter names are not distinct: " + names);
        }
        List<double[]> copies = new ArrayList<>(values.size());
        for (int i = 0; i < names.size(); i++) {
            Objects.requireNonNull(names.get(i), "parameter name");
            double[] v = values.get(i);
            if (v.length != shapes.get(i).size()) {
                throw new IllegalArgumentException("parameter '" + names.get(i) + "' has shape " + shapes.get(i) + " but "
                    + v.length + " values");
            }
            for (int k = 0; k < v.length; k++) {
                if (!Double.isFinite(v[k])) {
                    throw new IllegalArgumentException("parameter '" + names.get(i) + "' element " + k + " is not finite: " + v[k]);
                }
            }
            copies.add(v.clone());
        }
        return new ParameterSet(List.copyOf(names), List.copyOf(shapes), copies);
    }

    /**
     * Host copies of device tensors (e.g. parameters after a training step).
     *
     * @param names   one name per tensor
     * @param tensors floating tensors, in the order of the names
     */
    public static ParameterSet download(List<String> names, List<Tensor> tensors) {
        List<Shape> shapes = new ArrayList<>(tensors.size());
        List<double[]> values = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            shapes.add(t.shape());
            values.add(t.toDoubles());
        }
        return of(names, shapes, values);
    }

    /** Number of parameters (named arrays). */
    public int size() {
        return names.size();
    }

    /** Total number of scalar values. */
    public long count() {
        long n = 0;
        for (Shape s : shapes) {
            n += s.size();
        }
        return n;
    }

    /** Parameter names in order (unmodifiable). */
    public List<String> names() {
        return names;
    }

    /** Shapes in order (unmodifiable). */
    public List<Shape> shapes() {
        return shapes;
    }

    /** Position of parameter {@code name}; throws {@link IllegalArgumentException} listing the names if absent. */
    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters: " + names);
        }
        return i;
    }

    /** Values of parameter {@code i} (a copy). */
    public double[] values(int i) {
        return values.get(i).clone();
    }

    /** Values of the parameter called {@code name} (a copy). */
    public double[] values(String name) {
        return values(index(name));
    }

    /** All values concatenated in parameter order (length {@link #count()}). */
    public double[] flatten() {
        double[] out = new double[Math.toIntExact(count())];
        int at = 0;
        for (double[] v : values) {
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** The same names and shapes with values taken from {@code flat} (inverse of {@link #flatten()}). */
    public ParameterSet withFlat(double[] flat) {
        if (flat.length != count()) {
            throw new IllegalArgumentException("need " + count() + " values, got " + flat.length);
        }
        List<double[]> out = new ArrayList<>(values.size());
        int at = 0;
        for (double[] v : values) {
            out.add(Arrays.copyOfRange(flat, at, at + v.length));
            at += v.length;
        }
        return of(names, shapes, out);
    }

    /** The same parameters with parameter {@code name} replaced by {@code newValues}. */
    public ParameterSet with(String name, double[] newValues) {
        List<double[]> out = new ArrayList<>(values);
        out.set(index(name), newValues);
        return of(names, shapes, out);
    }

    /**
     * Device tensors of the parameters in {@code dtype} (float32 rounds to nearest); the caller
     * closes them.
     */
    public List<Tensor> upload(TensorOps ops, DType dtype) {
        if (!dtype.floating()) {
            throw new IllegalArgumentException("parameters need a floating dtype, not " + dtype);
        }
        List<Tensor> out = new ArrayList<>(values.size());
        try {
            for (int i = 0; i < values.size(); i++) {
                out.add(ops.fromDoubles(values.get(i), dtype, shapes.get(i)));
            }
        } catch (RuntimeException e) {
            out.forEach(Tensor::close);
            throw e;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ParameterSet p) || !names.equals(p.names) || !shapes.equals(p.shapes)) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!Arrays.equals(values.get(i), p.values.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(names, shapes);
        for (double[] v : values) {
            h = 31 * h + Arrays.hashCode(v);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ParameterSet[");
        for (int i = 0; i < names.size(); i++) {
            b.append(i > 0 ? ", " : "").append(names.get(i)).append(shapes.get(i));
        }
        return b.append(']').toString();
    }
}
