package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.atomstack.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * The packed {@code struct Strides}: layout, axis merging, and that the kernels' offset
 * arithmetic ({@code strided_offsets} in atomstack_kernels.cu, mirrored here) over the packed form
 * addresses the same elements as the unmerged strides.
 */
class StridePackTest {
    @Test
    void layoutIsRankThenSixteenDimsThenSixteenStridesOfEachOperand() {
        long[] p = StridePack.pack(new int[] {2, 3}, new long[] {3, 1}, new long[] {0, 1});
        assertEquals(StridePack.LONGS, p.length);
        assertEquals(1 + 3 * 16, p.length);
        assertEquals(2, p[0]);
        assertArrayEquals(new long[] {2, 3}, Arrays.copyOfRange(p, 1, 3));
        assertArrayEquals(new long[] {3, 1}, Arrays.copyOfRange(p, 17, 19));
        assertArrayEquals(new long[] {0, 1}, Arrays.copyOfRange(p, 33, 35));
    }

    @Test
    void equalShapesCollapseToOneContiguousAxis() {
        int[] dims = {4, 5, 6};
        long[] rm = StridePack.rowMajor(dims);
        long[] p = StridePack.pack(dims, rm, rm);
        assertEquals(1, p[0]);
        assertEquals(120, p[1]);
        assertEquals(1, p[17]);
        assertEquals(1, p[33]);
    }

    @Test
    void unitAxesDropAndAScalarIsOneElement() {
        long[] p = StridePack.pack(new int[] {1, 7, 1}, new long[] {7, 1, 1}, new long[] {0, 0, 0});
        assertEquals(1, p[0]);
        assertEquals(7, p[1]);
        assertEquals(0, p[33]);
        long[] s = StridePack.pack(new int[0], new long[0], new long[0]);
        assertEquals(1, s[0]);
        assertEquals(1, s[1]);
    }

    @Test
    void broadcastStridesAreZeroOnBroadcastAxes() {
        assertArrayEquals(new long[] {0, 1, 0}, StridePack.broadcastStrides(Shape.of(3, 1), new int[] {2, 3, 5}));
        assertArrayEquals(new long[] {0, 0}, StridePack.broadcastStrides(Shape.scalar(), new int[] {2, 3}));
        assertArrayEquals(new long[] {4, 1}, StridePack.broadcastStrides(Shape.of(2, 4), new int[] {2, 4}));
    }

    @Test
    void packedOffsetsAddressTheSameElementsAsTheOriginalStrides() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int rank = rng.nextInt(0, 6);
            int[] dims = new int[rank];
            long[] a = new long[rank];
            long[] b = new long[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = rng.nextInt(1, 5);
            }
            long[] rm = StridePack.rowMajor(dims);
            int[] perm = shuffle(rank, rng);
            for (int i = 0; i < rank; i++) {
                a[i] = rng.nextInt(4) == 0 ? 0 : rm[i];
                b[i] = rm[perm[i]];
            }
            long[] p = StridePack.pack(dims, a, b);
            long n = StridePack.prod(dims, 0, rank);
            for (long i = 0; i < n; i++) {
                long[] expected = offsets(dims, a, b, i);
                long[] got = kernelOffsets(p, i);
                assertArrayEquals(expected, got, Arrays.toString(dims) + " a=" + Arrays.toString(a) + " b=" + Arrays.toString(b) + " item " + i);
            }
        }
    }

    @Test
    void moreThanSixteenNonContiguousAxesAreRejected() {
        int[] dims = new int[17];
        long[] a = new long[17];
        long[] b = new long[17];
        for (int i = 0; i < 17; i++) {
            dims[i] = 2;
            a[i] = 1L << (2 * (16 - i)); // gaps between every axis: nothing merges
            b[i] = 1L << (16 - i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StridePack.pack(dims, a, b));
        assertEquals(true, e.getMessage().contains("at most 16"), e.getMessage());
    }

    /** Direct offsets through unmerged strides. */
    private static long[] offsets(int[] dims, long[] a, long[] b, long i) {
        long oa = 0;
        long ob = 0;
        for (int d = dims.length - 1; d >= 0; d--) {
            long r = i % dims[d];
            i /= dims[d];
            oa += r * a[d];
            ob += r * b[d];
        }
        return new long[] {oa, ob};
    }

    /** strided_offsets of atomstack_kernels.cu over the packed struct. */
    private static long[] kernelOffsets(long[] s, long i) {
        int rank = (int) s[0];
        if (rank == 1) {
            return new long[] {i * s[17], i * s[33]};
        }
        long oa = 0;
        long ob = 0;
        for (int d = rank - 1; d >= 0; d--) {
            long q = i / s[1 + d];
            long r = i - q * s[1 + d];
            oa += r * s[17 + d];
            ob += r * s[33 + d];
            i = q;
        }
        return new long[] {oa, ob};
    }

    private static int[] shuffle(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
