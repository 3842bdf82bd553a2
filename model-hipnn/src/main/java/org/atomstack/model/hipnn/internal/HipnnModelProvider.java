package org.atomstack.model.hipnn.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.model.ModelTrainer;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.tensor.TensorOps;

/**
 * Entry point of the {@code hipnn} model plugin: HIP-NN, HIP-NN-TS and HIP-HOP-NN
 * ({@code variant: hipnn | hipnn-ts | hip-hop}), multi-species and periodic, trained on
 * energies and forces with the api's trainer on the stack's backend. The model has its own
 * features, so a stack needs no descriptor stage. Parameters: see the module README.
 * Registered in {@code module-info} and {@code META-INF/services}. Stateless and thread-safe.
 */
public final class HipnnModelProvider implements ModelProvider {
    /** The provider; the service loader calls this. */
    public HipnnModelProvider() {
    }

    /** {@code hipnn}. */
    @Override
    public String id() {
        return HipnnModel.PROVIDER_ID;
    }

    /** One line naming the family and its variants. */
    @Override
    public String description() {
        return "HIP-NN family neural potential (variant hipnn | hipnn-ts | hip-hop): interaction layers with distance "
            + "sensitivities, tensor norms or channel-wise flexible invariants, hierarchical energy";
    }

    /**
     * Configures training.
     *
     * @param parameters the model stage's parameters
     * @param descriptor must be null: the model makes its own features
     * @param context    species, seed and the backend (required)
     * @throws PluginException naming the parameter path for a bad parameter, a descriptor stage,
     *                         or a missing backend
     */
    @Override
    public ModelTrainer trainer(Parameters parameters, Descriptor descriptor, StackContext context) {
        HipnnSettings settings = HipnnSettings.parse(parameters);
        if (descriptor != null) {
            throw new PluginException(parameters.path() + ": the hipnn model makes its own features from the edge vectors; remove the "
                + "descriptor stage (" + descriptor.parameters().path() + ") from the stack");
        }
        return new HipnnTrainer(settings, context.species(), context.seed(), backend(parameters, context));
    }

    /**
     * Loads a model written by {@link Model#save}: the architecture from {@code parameters},
     * species, offsets and weights from the weights file. Parameters without {@code resnet}
     * (models saved before residual layers were an option) mean plain layers unless the
     * weights have residual maps.
     *
     * @throws IOException     when the weights file is missing or malformed (naming file and line)
     * @throws PluginException when the parameters are bad, the weights do not fit the architecture,
     *                         or the stack's species differ from the saved ones
     */
    @Override
    public Model load(Path directory, Parameters parameters, Descriptor descriptor, StackContext context) throws IOException {
        Path file = directory.resolve(WeightsFile.NAME);
        WeightsFile.Contents saved = WeightsFile.read(file);
        if (!parameters.has("resnet")) {
            // saved before residual layers were an option: plain layers, which have no R weights
            Map<String, Object> m = new LinkedHashMap<>(parameters.asMap());
            m.put("resnet", saved.parameters().names().stream().anyMatch(n -> n.endsWith(".R")));
            parameters = Parameters.of(parameters.path(), m);
        }
        HipnnSettings settings = HipnnSettings.parse(parameters);
        if (context != null && !Arrays.equals(context.species(), saved.species())) {
            throw new PluginException(file + ": the saved model handles " + symbols(saved.species()) + " but the stack handles "
                + symbols(context.species()));
        }
        HipnnNetwork network;
        try {
            network = new HipnnNetwork(settings, saved.species(), saved.offsets(), saved.neighbours());
            return new HipnnModel(network, saved.parameters(), backend(parameters, context));
        } catch (IllegalArgumentException e) {
            throw new PluginException(file + ": " + e.getMessage(), e);
        }
    }

    private static TensorOps backend(Parameters parameters, StackContext context) {
        if (context == null || context.backend().isEmpty()) {
            throw new PluginException(parameters.path() + ": the hipnn model computes on a backend, and the stack context has none "
                + "(choose one with --backend)");
        }
        return context.backend().get();
    }

    /** Element symbols of atomic numbers, e.g. "[Nb, Mo]", for messages. */
    static String symbols(int[] species) {
        return Arrays.stream(species).mapToObj(Elements::symbol).toList().toString();
    }
}
