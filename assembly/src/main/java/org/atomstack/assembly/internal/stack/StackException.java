package org.atomstack.assembly.internal.stack;

/** A stack file is missing, malformed, or names something that cannot be built; the message names the file and key. */
public final class StackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the problem, starting with the stack file */
    public StackException(String message) {
        super(message);
    }

    /** @param message the problem; @param cause the underlying failure */
    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
