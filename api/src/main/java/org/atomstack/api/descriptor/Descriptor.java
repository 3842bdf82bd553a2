package org.atomstack.api.descriptor;

import java.util.Optional;
import org.atomstack.api.descriptor.internal.SubsetDescriptor;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * A configured basis of per-atom features B_i,k (k = 0..size-1) of the environment of atom i
 * within {@link #cutoff()}. Features must be invariant under rotations, reflections,
 * translations, permutations of like atoms and the choice of periodic image, and smooth
 * (value and first derivative) as neighbours cross the cutoff; the plugin test kit checks this.
 *
 * <p>Implementations are immutable and thread-safe: {@link #compute} may be called
 * concurrently for different structures.
 */
public interface Descriptor {
    /** Cutoff radius in Å. */
    double cutoff();

    /** Number of features per atom. */
    int size();

    /** Atomic numbers this descriptor was built for, ascending. */
    int[] species();

    /** Short labels of the features (e.g. "n=1,l=0|n=2,l=0"), size() of them. */
    java.util.List<String> featureLabels();

    /**
     * Features of every atom of {@code structure}.
     *
     * @param neighbors neighbour list of the structure with cutoff ≥ {@link #cutoff()}
     * @param gradients whether to compute ∂B/∂r_e
     * @throws IllegalArgumentException naming the structure and atom when a species is not
     *                                  among {@link #species()}
     */
    FeatureBlock compute(Structure structure, NeighborList neighbors, boolean gradients);

    /**
     * The parameters that recreate this descriptor, without any selection, through its provider
     * (written into saved models). Whoever applies a selection records it separately and applies
     * {@link #restrict} again after recreating.
     */
    Parameters parameters();

    /**
     * The diagonal of a smoothness prior for this basis, γ(k) ≥ 1 per feature (size() values):
     * for product bases γ(k) = Σ_t (1 + d_t)², d_t the degree of factor t of feature k (for ACE
     * d_t = n_t + w_L·l_t). Linear models use it for Tikhonov regularisation Γ_kk = γ(k);
     * empty when the basis has no notion of degree.
     */
    default Optional<double[]> smoothnessPrior() {
        return Optional.empty();
    }

    /**
     * A named Tikhonov regulariser for linear models over these features (see {@link Regularizer}:
     * the model penalises ‖Γc‖², combined with a diagonal prior D as ‖DΓc‖²). Which names exist is
     * up to the descriptor and documented by its plugin, e.g. {@code "purification"} for ACE
     * (Γ = P⁻ᵀ, equivalent to fitting the canonical basis). Building one may be expensive; callers
     * ask once per fit.
     *
     * @param name the regulariser's name
     * @return the regulariser (size() features), or empty when this descriptor offers none of that name
     * @throws org.atomstack.api.plugin.PluginException when the descriptor knows the name but
     *                                                  cannot build it (e.g. a plugin it needs is
     *                                                  not installed), naming the cause
     * @since api 1.0.0
     */
    default Optional<Regularizer> regularizer(String name) {
        return Optional.empty();
    }

    /** The basis as functions of primitive variables, for selectors; empty if not offered. */
    default Optional<SelectableBasis> selectable() {
        return Optional.empty();
    }

    /**
     * This descriptor restricted to the selected features, in the selection's order. The
     * default computes all features and keeps the chosen ones; bases override it to evaluate
     * only what is needed.
     */
    default Descriptor restrict(BasisSelection selection) {
        return new SubsetDescriptor(this, selection);
    }
}
