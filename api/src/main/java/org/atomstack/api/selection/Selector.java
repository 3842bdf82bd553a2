package org.atomstack.api.selection;

/** A configured selection strategy; deterministic for the seed it was created with. */
public interface Selector {
    /**
     * Selects a subset of {@code basis}.
     *
     * @return the immutable selection
     */
    BasisSelection select(SelectableBasis basis);
}
