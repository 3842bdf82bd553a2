package org.atomstack.api.model;

/**
 * Receives progress from a trainer; every method has a no-op default. Called from the
 * training thread; implementations must be quick.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * Progress within a phase ("featurise", "solve", "epoch"...).
     *
     * @param phase short name of the phase
     * @param done  units finished
     * @param total units in the phase, or -1 when unknown
     */
    default void progress(String phase, long done, long total) {
    }

    /** A named scalar (loss, validation error...) at a step. */
    default void metric(String name, long step, double value) {
    }

    /** A human-readable note. */
    default void message(String text) {
    }

    /** Whether the caller asked training to stop early (checked between steps). */
    default boolean stopRequested() {
        return false;
    }
}
