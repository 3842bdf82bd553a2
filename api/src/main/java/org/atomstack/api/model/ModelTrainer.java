package org.atomstack.api.model;

import org.atomstack.api.structure.Dataset;

/** A configured training procedure; {@link #train} returns an immutable {@link Model}. */
public interface ModelTrainer {
    /**
     * Trains a model.
     *
     * @param training   labelled structures (non-empty)
     * @param validation labelled structures for early stopping / model choice; may be empty
     * @param listener   progress sink
     * @throws IllegalArgumentException naming the dataset when it is empty or lacks needed labels
     */
    Model train(Dataset training, Dataset validation, TrainingListener listener);
}
