package org.atomstack.purification.internal;

/**
 * Packs an entry of the atomic base A_{z n l m} = Σ_{j: z_j = z} R_n(r_ij) Y_lm(r̂_ij) into one
 * int: neighbour species index z (0..63), radial index n (0..255), degree l (0..63) and order
 * m (|m| ≤ l), as ((z·256 + n)·64 + l)·128 + (m + 63). The "orbital" (z, n, l) is key &gt;&gt;&gt; 7,
 * so sorting keys sorts by orbital, then m. Static helpers only.
 */
final class AtomKey {
    /** Largest radial index that fits. */
    static final int MAX_N = 255;
    /** Largest species index that fits. */
    static final int MAX_SPECIES = 63;

    private AtomKey() {
    }

    /**
     * The key of (z, n, l, m).
     *
     * @throws IllegalArgumentException when a component does not fit
     */
    static int of(int z, int n, int l, int m) {
        if (z < 0 || z > MAX_SPECIES || n < 0 || n > MAX_N || l < 0 || l > 63 || Math.abs(m) > l) {
            throw new IllegalArgumentException("atomic-base entry (z " + z + ", n " + n + ", l " + l + ", m " + m
                + ") outside the supported range (z <= " + MAX_SPECIES + ", n <= " + MAX_N + ", l <= 63)");
        }
        return (((z << 8 | n) << 6 | l) << 7) | (m + 63);
    }

    /** The orbital (z, n, l) of a key, packed as ((z·256 + n)·64 + l). */
    static int orbital(int key) {
        return key >>> 7;
    }

    /** The key of orbital o with order m. */
    static int withM(int orbital, int m) {
        return orbital << 7 | (m + 63);
    }

    static int species(int key) {
        return key >>> 21;
    }

    static int n(int key) {
        return (key >>> 13) & 255;
    }

    static int l(int key) {
        return (key >>> 7) & 63;
    }

    static int m(int key) {
        return (key & 127) - 63;
    }

    /** Species of an orbital. */
    static int orbitalSpecies(int orbital) {
        return orbital >>> 14;
    }

    /** n of an orbital. */
    static int orbitalN(int orbital) {
        return (orbital >>> 6) & 255;
    }

    /** l of an orbital. */
    static int orbitalL(int orbital) {
        return orbital & 63;
    }
}
