package org.atomstack.assembly.internal.study;

/** A study file is missing or malformed; the message names the study file and the key. */
public final class StudyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the problem, starting with the study file */
    public StudyException(String message) {
        super(message);
    }

    /** @param message the problem; @param cause the underlying failure */
    public StudyException(String message, Throwable cause) {
        super(message, cause);
    }
}
