package org.atomstack.api.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;

/**
 * Forces and stresses from per-edge energy gradients g_e = ∂E/∂r_e on the device, and a
 * prediction helper. With r_e = x_neighbour(e) − x_centre(e) + S_e·H:
 *
 * <ul>
 *   <li>F_k = −∂E/∂x_k = Σ_e g_e (δ_{k,centre(e)} − δ_{k,neighbour(e)}), eV/Å;</li>
 *   <li>σ_ab = (1/V) Σ_{e in s} r_e,a g_e,b, symmetrised, Voigt xx yy zz yz xz xy, eV/Å³ (the ASE
 *       convention σ = (1/V) ∂E/∂ε), as {@link org.atomstack.api.structure.NeighborList#stress}.</li>
 * </ul>
 *
 * Both are recorded graph operations, so they can be differentiated again.
 */
public final class Observables {
    /** Column v of this [9, 6] matrix picks (symmetrised) Voigt component v from a row-major 3×3 tensor. */
    private static final double[] VOIGT = voigtMatrix();

    private Observables() {
    }

    private static double[] voigtMatrix() {
        double[] m = new double[54];
        int[][] pairs = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
        for (int v = 0; v < 6; v++) {
            int a = pairs[v][0];
            int b = pairs[v][1];
            m[(3 * a + b) * 6 + v] += 0.5;
            m[(3 * b + a) * 6 + v] += 0.5;
        }
        return m;
    }

    /**
     * Forces on every atom of the batch.
     *
     * @param edgeGradients ∂E/∂r_e [E, 3], eV/Å
     * @return forces [N, 3], eV/Å
     */
    public static Var forces(Graph graph, BatchTensors batch, Var edgeGradients) {
        int n = batch.atomCount();
        Var atCentre = graph.scatterAdd(edgeGradients, graph.constant(batch.centres()), n);
        Var atNeighbour = graph.scatterAdd(edgeGradients, graph.constant(batch.neighbors()), n);
        return graph.sub(atCentre, atNeighbour);
    }

    /**
     * Stress of every structure of the batch (rows of structures without a volume are 0).
     *
     * @param edgeGradients ∂E/∂r_e [E, 3], eV/Å
     * @return stresses [S, 6], eV/Å³, Voigt xx yy zz yz xz xy
     */
    public static Var stresses(Graph graph, BatchTensors batch, Var edgeGradients) {
        int e = batch.edgeCount();
        int s = batch.structureCount();
        Var r = graph.reshape(graph.constant(batch.edgeVectors()), e, 3, 1);
        Var outer = graph.reshape(graph.mul(r, graph.reshape(edgeGradients, e, 1, 3)), e, 9);
        Var virial = graph.scatterAdd(outer, graph.constant(batch.edgeStructure()), s);
        Var voigt = graph.matmul(virial, graph.constant(VOIGT, edgeGradients.dtype(), 9, 6));
        return graph.mul(voigt, graph.reshape(graph.constant(batch.inverseVolumes()), s, 1));
    }

    /**
     * Predicts energies and, optionally, forces and stresses of a batch with fixed parameters.
     * No parameter gradients are recorded; every tensor is released before returning.
     *
     * @param dtype   precision to compute in (parameters are converted)
     * @param forces  whether to compute forces
     * @param stress  whether to compute stresses (NaN for structures without a volume)
     */
    public static BatchPrediction predict(EnergyModel model, TensorOps ops, ParameterSet parameters, DType dtype,
                                          AtomBatch batch, boolean forces, boolean stress) {
        List<Tensor> params = parameters.upload(ops, dtype);
        try (BatchTensors bt = batch.upload(ops, dtype, model.species()); Graph g = new Graph(ops)) {
            List<Var> vars = new ArrayList<>(params.size());
            for (Tensor t : params) {
                vars.add(g.constant(t));
            }
            Var ev = forces || stress ? g.variable(bt.edgeVectors()) : g.constant(bt.edgeVectors());
            Var energies = model.energies(g, vars, bt, ev);
            double[] f = null;
            double[] sigma = null;
            if (forces || stress) {
                Var grad = g.grad(g.sumAll(energies), List.of(ev), false).get(0);
                if (forces) {
                    f = forces(g, bt, grad).toDoubles();
                }
                if (stress) {
                    sigma = stresses(g, bt, grad).toDoubles();
                    for (int k = 0; k < batch.structureCount(); k++) {
                        if (Double.isNaN(batch.volumesView()[k])) {
                            Arrays.fill(sigma, 6 * k, 6 * k + 6, Double.NaN);
                        }
                    }
                }
            }
            return new BatchPrediction(batch, energies.toDoubles(), f, sigma);
        } finally {
            params.forEach(Tensor::close);
        }
    }
}
