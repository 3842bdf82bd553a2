package org.atomstack.api.autodiff;

import java.util.Objects;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;

/**
 * A value in a {@link Graph}: a tensor plus, when it requires a gradient, the operation that
 * produced it. Vars are immutable; all arithmetic goes through the graph.
 */
public final class Var {
    final Graph graph;
    final Tensor value;
    final boolean requiresGrad;
    final long id;
    final Graph.Node node; // null for leaves and for values that need no gradient

    Var(Graph graph, Tensor value, boolean requiresGrad, long id, Graph.Node node) {
        this.graph = graph;
        this.value = Objects.requireNonNull(value);
        this.requiresGrad = requiresGrad;
        this.id = id;
        this.node = node;
    }

    /** The tensor (owned by the graph unless the var was made from a caller's tensor). */
    public Tensor value() {
        return value;
    }

    /** Shape of the value. */
    public Shape shape() {
        return value.shape();
    }

    /** Element type of the value. */
    public DType dtype() {
        return value.dtype();
    }

    /** Whether gradients flow to this var. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The graph this var belongs to. */
    public Graph graph() {
        return graph;
    }

    /** Host copy of the value. */
    public double[] toDoubles() {
        return value.toDoubles();
    }

    /** The single element of a size-1 value. */
    public double item() {
        return value.item();
    }

    @Override
    public String toString() {
        return "Var#" + id + shape() + (requiresGrad ? " (grad)" : "");
    }
}
