package org.atomstack.backend.cuda.internal;

/**
 * The 1-D launch configuration of a grid-stride kernel over {@code items} work items: blocks
 * of {@link #BLOCK} threads, as many blocks as the items need but at most
 * {@link #BLOCKS_PER_MULTIPROCESSOR} per multiprocessor (the threads then loop), and never more
 * than the grid limit {@code 2^31 - 1}.
 *
 * @param grid  blocks (gridDim.x, ≥ 1)
 * @param block threads per block (blockDim.x)
 */
record LaunchGeometry(int grid, int block) {
    /** Threads per block: a multiple of the warp size that every device of compute capability ≥ 7.5 runs with the kernels' register use. */
    static final int BLOCK = 256;
    /** Resident blocks per multiprocessor worth launching before threads loop instead. */
    static final int BLOCKS_PER_MULTIPROCESSOR = 32;

    /** Validates the fields. */
    LaunchGeometry {
        if (grid < 1 || block < 1) {
            throw new IllegalArgumentException("launch needs grid >= 1 and block >= 1, got " + grid + " x " + block);
        }
    }

    /**
     * The configuration for {@code items} (≥ 1) work items on a device with
     * {@code multiprocessors} (≥ 1) multiprocessors.
     */
    static LaunchGeometry of(long items, int multiprocessors) {
        if (items < 1) {
            throw new IllegalArgumentException("a launch needs at least one work item, got " + items);
        }
        if (multiprocessors < 1) {
            throw new IllegalArgumentException("multiprocessor count must be >= 1, got " + multiprocessors);
        }
        long needed = items / BLOCK + (items % BLOCK == 0 ? 0 : 1);
        long cap = (long) multiprocessors * BLOCKS_PER_MULTIPROCESSOR;
        return new LaunchGeometry((int) Math.min(Math.min(needed, cap), Integer.MAX_VALUE), BLOCK);
    }

    /** Threads launched in all. */
    long threads() {
        return (long) grid * block;
    }
}
