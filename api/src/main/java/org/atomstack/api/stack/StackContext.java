package org.atomstack.api.stack;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.plugin.PluginRegistry;

/**
 * The context a stage is created in: the chemical species the stack must handle (atomic
 * numbers, ascending), a seed for anything random (initialisation, sampling), the registry
 * (so a composite plugin can find others) and the compute backend chosen at run time, if any.
 * Immutable.
 */
public final class StackContext {
    private final int[] species;
    private final long seed;
    private final PluginRegistry registry;
    private final Backend backend;

    private StackContext(int[] species, long seed, PluginRegistry registry, Backend backend) {
        this.species = species;
        this.seed = seed;
        this.registry = registry;
        this.backend = backend;
    }

    /**
     * @param species  atomic numbers (deduplicated and sorted here), non-empty
     * @param seed     seed for randomness
     * @param registry the plugin registry
     * @param backend  the compute backend, or null when the stack needs none
     */
    public static StackContext of(int[] species, long seed, PluginRegistry registry, Backend backend) {
        Objects.requireNonNull(registry, "registry");
        int[] s = Arrays.stream(species).distinct().sorted().toArray();
        if (s.length == 0) {
            throw new IllegalArgumentException("a stack needs at least one species");
        }
        return new StackContext(s, seed, registry, backend);
    }

    /** Atomic numbers handled, ascending (a copy). */
    public int[] species() {
        return species.clone();
    }

    /** Seed for random choices. */
    public long seed() {
        return seed;
    }

    /** The plugin registry. */
    public PluginRegistry registry() {
        return registry;
    }

    /** The backend, if one was chosen. */
    public Optional<Backend> backend() {
        return Optional.ofNullable(backend);
    }

    /** A copy with another seed. */
    public StackContext withSeed(long newSeed) {
        return new StackContext(species, newSeed, registry, backend);
    }
}
