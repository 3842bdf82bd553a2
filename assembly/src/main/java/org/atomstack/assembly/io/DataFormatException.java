package org.atomstack.assembly.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A data file could not be read: the message names the file, the frame or record (0-based,
 * as ASE counts frames), the line (1-based) where there is one, and the problem, e.g.
 * {@code "data/train.xyz: frame 3 (line 57): column 5 'abc' is not a number"}.
 */
public final class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int record;
    private final long line;
    private final String problem;

    /**
     * @param file    the file
     * @param record  frame/record index (0-based), or -1 if not applicable
     * @param line    line number (1-based), or -1 if unknown
     * @param problem what is wrong
     */
    public DataFormatException(Path file, int record, long line, String problem) {
        this(file, record, line, problem, null);
    }

    /** As {@link #DataFormatException(Path, int, long, String)} with a cause. */
    public DataFormatException(Path file, int record, long line, String problem, Throwable cause) {
        super(format(file, record, line, problem), cause);
        this.file = file;
        this.record = record;
        this.line = line;
        this.problem = problem;
    }

    private static String format(Path file, int record, long line, String problem) {
        StringBuilder sb = new StringBuilder(String.valueOf(file)).append(": ");
        if (record >= 0) {
            sb.append("record ").append(record);
            if (line > 0) {
                sb.append(" (line ").append(line).append(')');
            }
            sb.append(": ");
        } else if (line > 0) {
            sb.append("line ").append(line).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The frame/record index, if applicable. */
    public OptionalInt record() {
        return record >= 0 ? OptionalInt.of(record) : OptionalInt.empty();
    }

    /** The 1-based line, if known. */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }

    /** The problem alone, without location. */
    public String problem() {
        return problem;
    }
}
