package org.atomstack.api.structure;

/** Thrown when a structure, its labels or a dataset violate their documented invariants. */
public final class InvalidStructureException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message the problem, phrased for a user (names the atom or field involved) */
    public InvalidStructureException(String message) {
        super(message);
    }
}
