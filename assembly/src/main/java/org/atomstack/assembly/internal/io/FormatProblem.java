package org.atomstack.assembly.internal.io;

/**
 * A problem found while parsing one piece of a data file (a token, a key, a field); the reader
 * that catches it adds the file, record and line and rethrows it as a
 * {@link org.atomstack.assembly.io.DataFormatException}.
 */
public final class FormatProblem extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param problem what is wrong, phrased for a user */
    public FormatProblem(String problem) {
        super(problem, null, false, false);
    }
}
