package org.atomstack.assembly.train;

import java.util.List;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.train.BatchTensors;
import org.atomstack.api.train.EnergyModel;
import org.atomstack.api.train.ParameterSet;

/** A model with the energies of another and the penalty λ·Σθ² over all its parameters, for tests of penalised losses. */
final class L2Penalised implements EnergyModel {
    private final EnergyModel model;
    private final double lambda;

    L2Penalised(EnergyModel model, double lambda) {
        this.model = model;
        this.lambda = lambda;
    }

    /** λ·Σθ² on the host. */
    double penalty(ParameterSet p) {
        double sum = 0;
        for (int i = 0; i < p.size(); i++) {
            for (double v : p.values(i)) {
                sum += v * v;
            }
        }
        return lambda * sum;
    }

    @Override
    public double cutoff() {
        return model.cutoff();
    }

    @Override
    public int[] species() {
        return model.species();
    }

    @Override
    public List<String> parameterNames() {
        return model.parameterNames();
    }

    @Override
    public ParameterSet initialParameters(long seed) {
        return model.initialParameters(seed);
    }

    @Override
    public Var energies(Graph graph, List<Var> parameters, BatchTensors batch, Var edgeVectors) {
        return model.energies(graph, parameters, batch, edgeVectors);
    }

    @Override
    public Forward forward(Graph graph, List<Var> parameters, BatchTensors batch, Var edgeVectors) {
        Var sum = null;
        for (Var p : parameters) {
            Var sq = graph.sumAll(graph.square(p));
            sum = sum == null ? sq : graph.add(sum, sq);
        }
        return new Forward(energies(graph, parameters, batch, edgeVectors), graph.mul(sum, lambda));
    }

    @Override
    public String penaltyDescription() {
        return "l2=" + lambda;
    }
}
