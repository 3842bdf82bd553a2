package org.atomstack.model.linear.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.Regularizer;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.model.ModelTrainer;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.Elements;

/**
 * Entry point of the {@code linear} model plugin: linear potentials
 * E = Σ_i (E0(Z_i) + c·B_i) [+ pair term] over any descriptor, fitted by Bayesian linear
 * regression (default), ridge, truncated SVD or rank-revealing QR. Registered in
 * {@code module-info} and {@code META-INF/services}. Stateless and thread-safe.
 */
public final class LinearModelProvider implements ModelProvider {
    /** The provider; the service loader calls this. */
    public LinearModelProvider() {
    }

    /** {@code linear}. */
    @Override
    public String id() {
        return LinearModel.PROVIDER_ID;
    }

    /** One line naming the model form and the solvers. */
    @Override
    public String description() {
        return "Linear potential over any descriptor (E0 per species + c·B + optional pair term); "
            + "Bayesian regression, ridge/Tikhonov with smoothness prior, truncated SVD or RRQR";
    }

    /**
     * Configures a fit; see the module README for the parameters.
     *
     * @param parameters the model stage's parameters
     * @param descriptor the descriptor stage (required)
     * @param context    species and seed (the fit is deterministic and uses no randomness)
     * @throws PluginException naming the parameter path for a bad parameter, a missing descriptor,
     *                         a smoothness prior or regulariser the descriptor does not offer, or E0
     *                         values that do not match the descriptor's species
     */
    @Override
    public ModelTrainer trainer(Parameters parameters, Descriptor descriptor, StackContext context) {
        LinearSettings settings = LinearSettings.parse(parameters);
        checkDescriptor(parameters, descriptor, context);
        checkE0(parameters, settings, descriptor);
        double[] prior = null;
        String priorName = "identity";
        Optional<double[]> smoothness = descriptor.smoothnessPrior();
        switch (settings.prior()) {
            case SMOOTHNESS -> {
                prior = smoothness.orElseThrow(() -> parameters.error("prior",
                    "'smoothness' needs a descriptor with a smoothness prior, and this one (" + descriptor.parameters().path()
                        + ") has none; use identity or auto"));
                priorName = "smoothness";
            }
            case AUTO -> {
                if (smoothness.isPresent()) {
                    prior = smoothness.get();
                    priorName = "smoothness";
                }
            }
            case IDENTITY -> {
                // Γ = I
            }
        }
        if (prior != null) {
            checkPrior(parameters, descriptor, prior);
        }
        Regularizer regularizer = null;
        if (settings.regularizer() != null) {
            String name = settings.regularizer();
            regularizer = descriptor.regularizer(name).orElseThrow(() -> parameters.error("regularizer", "'" + name
                + "': the descriptor (" + descriptor.parameters().path() + ") offers no regulariser of that name"));
            if (regularizer.size() != descriptor.size()) {
                throw parameters.error("regularizer", "'" + name + "' of the descriptor has size " + regularizer.size() + " for "
                    + descriptor.size() + " features");
            }
        }
        return new LinearTrainer(settings, descriptor, prior, priorName, regularizer);
    }

    /**
     * Loads a model written by {@link Model#save}.
     *
     * @throws IOException     when the model file is missing or malformed (naming file and line)
     * @throws PluginException when the descriptor's size, species or cutoff, or the recorded
     *                         parameters, do not match the saved model (naming the mismatch)
     */
    @Override
    public Model load(Path directory, Parameters parameters, Descriptor descriptor, StackContext context) throws IOException {
        LinearSettings settings = LinearSettings.parse(parameters);
        if (descriptor == null) {
            throw new PluginException(parameters.path() + ": the linear model needs its descriptor to be loaded");
        }
        Path file = directory.resolve(ModelFile.FILE_NAME);
        ModelFile.Contents saved = ModelFile.read(file);
        if (descriptor.size() != saved.descriptorSize()) {
            throw new PluginException(file + ": the saved model has " + saved.descriptorSize()
                + " descriptor coefficients but the descriptor has " + descriptor.size() + " features");
        }
        if (!Arrays.equals(descriptor.species(), saved.species())) {
            throw new PluginException(file + ": the saved model was fitted for species " + Evaluation.symbols(saved.species())
                + " but the descriptor handles " + Evaluation.symbols(descriptor.species()));
        }
        if (Double.compare(descriptor.cutoff(), saved.descriptorCutoff()) != 0) {
            throw new PluginException(file + ": the saved model was fitted with a descriptor cutoff of " + saved.descriptorCutoff()
                + " Å but the descriptor's cutoff is " + descriptor.cutoff() + " Å");
        }
        if (saved.coefficients().length != saved.descriptorSize()) {
            throw new IOException(file + ": " + saved.coefficients().length + " coefficients for " + saved.descriptorSize() + " features");
        }
        LinearSettings.PairSpec pair = settings.pair();
        boolean savedPair = !Double.isNaN(saved.pairCutoff());
        if ((pair != null) != savedPair || (pair != null
            && (Double.compare(pair.cutoff(), saved.pairCutoff()) != 0 || pair.basis() != saved.pairBasis()))) {
            throw new PluginException(file + ": the saved pair term (" + (savedPair ? "cutoff " + saved.pairCutoff() + " Å, basis "
                + saved.pairBasis() : "none") + ") does not match the parameters (" + (pair == null ? "none"
                : "cutoff " + pair.cutoff() + " Å, basis " + pair.basis()) + ")");
        }
        boolean fitted = settings.e0Mode() == LinearSettings.E0Mode.FIT;
        if (fitted != saved.e0Fitted()) {
            throw new PluginException(file + ": the saved model has e0.fitted " + saved.e0Fitted() + " but the parameters say e0: "
                + settings.e0Mode().name().toLowerCase(Locale.ROOT));
        }
        int[] species = descriptor.species();
        PairBasis basis = pair == null ? null : new PairBasis(pair.cutoff(), pair.basis(), species);
        DesignLayout layout = new DesignLayout(descriptor.size(), species, fitted, basis);
        if (saved.pairCoefficients().length != layout.pairColumns()) {
            throw new IOException(file + ": " + saved.pairCoefficients().length + " pair coefficients, expected " + layout.pairColumns());
        }
        Map<String, Double> diagnostics = saved.diagnostics();
        return new LinearModel(settings, descriptor, layout, saved.coefficients(), saved.e0(), saved.pairCoefficients(), diagnostics);
    }

    private static void checkDescriptor(Parameters parameters, Descriptor descriptor, StackContext context) {
        if (descriptor == null) {
            throw new PluginException(parameters.path() + ": the linear model needs a descriptor stage in the stack");
        }
        int[] species = descriptor.species();
        if (context != null) {
            for (int z : context.species()) {
                if (Arrays.binarySearch(species, z) < 0) {
                    throw new PluginException(parameters.path() + ": the stack handles " + Elements.symbol(z)
                        + " but the descriptor only " + Evaluation.symbols(species));
                }
            }
        }
    }

    private static void checkE0(Parameters parameters, LinearSettings settings, Descriptor descriptor) {
        if (settings.e0Mode() != LinearSettings.E0Mode.GIVEN) {
            return;
        }
        int[] species = descriptor.species();
        for (int z : settings.e0Values().keySet()) {
            if (Arrays.binarySearch(species, z) < 0) {
                throw parameters.section("e0").error(Elements.symbol(z), "the descriptor does not handle "
                    + Elements.symbol(z) + " (species " + Evaluation.symbols(species) + ")");
            }
        }
        for (int z : species) {
            if (!settings.e0Values().containsKey(z)) {
                throw parameters.error("e0", "no value for " + Elements.symbol(z) + " (the descriptor handles "
                    + Evaluation.symbols(species) + ")");
            }
        }
    }

    private static void checkPrior(Parameters parameters, Descriptor descriptor, double[] prior) {
        if (prior.length != descriptor.size()) {
            throw parameters.error("prior", "the descriptor's smoothness prior has " + prior.length + " values for "
                + descriptor.size() + " features");
        }
        for (int k = 0; k < prior.length; k++) {
            if (!(prior[k] > 0) || !Double.isFinite(prior[k])) {
                throw parameters.error("prior", "the descriptor's smoothness prior of feature " + k + " is " + prior[k]
                    + "; it must be finite and > 0");
            }
        }
    }
}
