package org.atomstack.backend.cuda.internal;

import java.util.Arrays;
import org.atomstack.api.tensor.Shape;

/**
 * Packs an iteration space and two operands' element strides into the kernels' by-value
 * {@code struct Strides} (atomstack_kernels.cu): {@code rank}, {@code dims[16]}, {@code a[16]},
 * {@code b[16]}, all 64-bit. Axes of size 1 are dropped and neighbouring axes that are
 * contiguous in both operands are merged (the CPU backend's {@code Strided} does the same), so
 * equal shapes become rank 1 and the kernels' index arithmetic stays short. Stateless.
 */
final class StridePack {
    /** Axes the struct holds after merging. */
    static final int MAX_RANK = 16;
    /** Length of the packed struct in longs. */
    static final int LONGS = 1 + 3 * MAX_RANK;

    private StridePack() {
    }

    /**
     * The packed struct for an iteration over {@code dims} with operand strides {@code a} and
     * {@code b} (each of the same length as dims).
     *
     * @throws IllegalArgumentException when more than {@link #MAX_RANK} axes remain after merging
     */
    static long[] pack(int[] dims, long[] a, long[] b) {
        if (a.length != dims.length || b.length != dims.length) {
            throw new IllegalArgumentException("stride vectors " + Arrays.toString(a) + " and " + Arrays.toString(b)
                + " do not match dimensions " + Arrays.toString(dims));
        }
        long[] d = new long[dims.length];
        long[] sa = new long[dims.length];
        long[] sb = new long[dims.length];
        int r = 0;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 1) {
                continue;
            }
            if (r > 0 && sa[r - 1] == a[i] * dims[i] && sb[r - 1] == b[i] * dims[i]) {
                d[r - 1] *= dims[i];
                sa[r - 1] = a[i];
                sb[r - 1] = b[i];
            } else {
                d[r] = dims[i];
                sa[r] = a[i];
                sb[r] = b[i];
                r++;
            }
        }
        if (r == 0) {
            d = new long[] {1};
            sa = new long[] {0};
            sb = new long[] {0};
            r = 1;
        }
        if (r > MAX_RANK) {
            throw new IllegalArgumentException("the cuda backend addresses at most " + MAX_RANK
                + " non-contiguous axes in one operation, this one has " + r + " (dimensions " + Arrays.toString(dims) + ")");
        }
        long[] packed = new long[LONGS];
        packed[0] = r;
        System.arraycopy(d, 0, packed, 1, r);
        System.arraycopy(sa, 0, packed, 1 + MAX_RANK, r);
        System.arraycopy(sb, 0, packed, 1 + 2 * MAX_RANK, r);
        return packed;
    }

    /** Product of {@code d[from..to-1]}. */
    static long prod(int[] d, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= d[i];
        }
        return p;
    }

    /** Row-major element strides of {@code dims}. */
    static long[] rowMajor(int[] dims) {
        long[] st = new long[dims.length];
        long s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= dims[i];
        }
        return st;
    }

    /** Strides of an operand of shape {@code operand} broadcast (NumPy rules) over {@code outDims}: 0 on broadcast axes. */
    static long[] broadcastStrides(Shape operand, int[] outDims) {
        long[] st = new long[outDims.length];
        int shift = outDims.length - operand.rank();
        long stride = 1;
        for (int i = operand.rank() - 1; i >= 0; i--) {
            int d = operand.dim(i);
            st[i + shift] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return st;
    }
}
