package org.atomstack.api.train;

import java.util.List;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;

/**
 * A differentiable potential as the {@link Trainer} sees it: named parameters and a function
 * from parameters and a batch to total energies, written with {@link Graph} operations so that
 * {@link Loss} can differentiate it with respect to edge vectors (forces, stress) and, through
 * that gradient again, with respect to the parameters (force matching).
 *
 * <p>Positions must enter only through {@code edgeVectors}: the energy is a function of the
 * edge vectors r_e and of the species, never of absolute positions or of the batch's host
 * copies of the edge vectors. Implementations are stateless with respect to training (all
 * trainable state is in the parameters) and thread-safe.
 */
public interface EnergyModel {
    /** Cutoff radius in Å of the neighbour list the model reads. */
    double cutoff();

    /**
     * Atomic numbers the model knows; their positions are the species indices of
     * {@link BatchTensors#species()}. Batches with other elements are rejected.
     */
    int[] species();

    /** Names of the parameters, in the order {@link #energies} receives them. */
    List<String> parameterNames();

    /**
     * Initial parameter values, a deterministic function of {@code seed}; names in the order of
     * {@link #parameterNames()}.
     */
    ParameterSet initialParameters(long seed);

    /**
     * Total energy of every structure of the batch.
     *
     * @param graph       the graph to record in (it owns every tensor the model creates)
     * @param parameters  one var per parameter, in {@link #parameterNames()} order, in the
     *                    batch's dtype; they may or may not require gradients
     * @param batch       the batch's index and label tensors (labels must not be read)
     * @param edgeVectors r_e [E, 3] in Å, the only way positions may enter
     * @return energies [S] in eV, usually per-atom energies summed per structure with
     *     {@link Graph#scatterAdd} over {@link BatchTensors#atomStructure()}
     */
    Var energies(Graph graph, List<Var> parameters, BatchTensors batch, Var edgeVectors);

    /**
     * The energies of {@link #energies} together with the model's regularisation penalty R(θ;
     * batch) ≥ 0, which the training {@link Loss} adds to its objective (validation losses leave
     * it out). Models with a penalty override this and {@link #penaltyDescription()}; the default
     * has none.
     *
     * @param graph       the graph to record in
     * @param parameters  one var per parameter, as for {@link #energies}
     * @param batch       the batch's index and label tensors (labels must not be read)
     * @param edgeVectors r_e [E, 3] in Å
     * @return the energies [S] and the scalar penalty, or null for none
     */
    default Forward forward(Graph graph, List<Var> parameters, BatchTensors batch, Var edgeVectors) {
        return new Forward(energies(graph, parameters, batch, edgeVectors), null);
    }

    /**
     * The settings of the penalty of {@link #forward} as text, part of a checkpoint's
     * fingerprint so that a run is not resumed under another penalty; empty when there is none.
     *
     * @return the description, or "" for no penalty
     */
    default String penaltyDescription() {
        return "";
    }

    /**
     * One forward pass for training.
     *
     * @param energies total energy per structure [S], eV
     * @param penalty  the scalar regularisation penalty, or null for none
     */
    record Forward(Var energies, Var penalty) {
    }
}
