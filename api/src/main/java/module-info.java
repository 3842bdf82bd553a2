/**
 * atomstack api: value types (structures, datasets, neighbour lists), the four plugin SPIs
 * (Descriptor, Selector, Model, Backend) and the plugin registry. Depends on the JDK only.
 *
 * <p>Units everywhere: lengths in Å, energies in eV, forces in eV/Å, stresses in eV/Å³
 * (ASE sign convention, see {@link org.atomstack.api.structure.Labels}).
 */
module org.atomstack.api {
    exports org.atomstack.api.structure;
    exports org.atomstack.api.plugin;
    exports org.atomstack.api.descriptor;
    exports org.atomstack.api.selection;
    exports org.atomstack.api.model;
    exports org.atomstack.api.backend;
    exports org.atomstack.api.tensor;
    exports org.atomstack.api.autodiff;
    exports org.atomstack.api.stack;
    exports org.atomstack.api.train;

    uses org.atomstack.api.descriptor.DescriptorProvider;
    uses org.atomstack.api.selection.SelectorProvider;
    uses org.atomstack.api.model.ModelProvider;
    uses org.atomstack.api.backend.BackendProvider;
}
