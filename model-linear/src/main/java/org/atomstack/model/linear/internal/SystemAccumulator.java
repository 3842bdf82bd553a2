package org.atomstack.model.linear.internal;

/**
 * Condenses a stream of weighted rows into a {@link LinearSystem} without keeping the design
 * matrix: rows are buffered into column-major blocks of {@link #BLOCK_ROWS} rows (the target
 * y as an extra column), and each full block is folded into the system by a parallel kernel.
 * Block boundaries depend only on the sequence of rows, never on the thread count, so the
 * result is bitwise reproducible. Not thread-safe: blocks are added from one thread, in order.
 */
abstract class SystemAccumulator {
    /** Rows per block handed to the kernel. */
    static final int BLOCK_ROWS = 256;

    /** Columns of the design matrix. */
    protected final int columns;
    /** Workers for the kernel (may be single-threaded). */
    protected final Workers workers;
    /** Order of the augmented matrix [A | y] as stored by the kernel (≥ columns + 1). */
    protected final int order;
    /** The buffered rows, column-major: column c at buffer[c·BLOCK_ROWS ..]. */
    protected final double[] buffer;
    private int buffered;
    private long observations;
    private double logWeights;

    /**
     * @param columns columns of the design matrix
     * @param order   stored order of the augmented matrix (columns + 1, padded as the kernel needs)
     * @param workers workers for the kernel
     */
    protected SystemAccumulator(int columns, int order, Workers workers) {
        this.columns = columns;
        this.order = order;
        this.workers = workers;
        this.buffer = new double[Math.multiplyExact(order, BLOCK_ROWS)];
    }

    /** A new accumulator of the given form. */
    static SystemAccumulator of(SystemForm form, int columns, Workers workers) {
        return form == SystemForm.NORMAL ? new GramAccumulator(columns, workers) : new QrAccumulator(columns, workers);
    }

    /** Appends the rows of one structure. */
    final void add(RowBlock block) {
        if (block.columns() != columns) {
            throw new IllegalArgumentException("row block has " + block.columns() + " columns, expected " + columns);
        }
        double[] a = block.design();
        double[] y = block.targets();
        for (int r = 0; r < block.rows(); r++) {
            int base = r * columns;
            for (int c = 0; c < columns; c++) {
                buffer[c * BLOCK_ROWS + buffered] = a[base + c];
            }
            buffer[columns * BLOCK_ROWS + buffered] = y[r];
            buffered++;
            if (buffered == BLOCK_ROWS) {
                flush();
            }
        }
        observations += block.rows();
        logWeights += block.logWeights();
    }

    /** Folds the remaining rows in and returns the system. */
    final LinearSystem finish() {
        flush();
        return build(observations, logWeights);
    }

    private void flush() {
        if (buffered > 0) {
            fold(buffer, BLOCK_ROWS, buffered);
            buffered = 0;
        }
    }

    /**
     * Folds {@code rows} buffered rows into the condensed form. Columns beyond columns + 1 of
     * the buffer are zero.
     */
    protected abstract void fold(double[] block, int stride, int rows);

    /** The system after all rows. */
    protected abstract LinearSystem build(long observations, double logWeights);
}
