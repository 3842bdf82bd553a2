package org.atomstack.purification.internal;

import java.util.Arrays;

/**
 * An immutable tuple of ints with value equality, used as a hash key: a monomial of the atomic
 * base (sorted {@link AtomKey}s), an orbital type, an m-tuple.
 */
final class IntTuple implements Comparable<IntTuple> {
    private final int[] values;
    private final int hash;

    /** Wraps {@code values} without copying; the caller must not modify the array afterwards. */
    IntTuple(int[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    /** Length. */
    int length() {
        return values.length;
    }

    /** Entry t. */
    int get(int t) {
        return values[t];
    }

    /** The entries (a copy). */
    int[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntTuple t && t.hash == hash && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Shorter first, then lexicographic. */
    @Override
    public int compareTo(IntTuple o) {
        if (values.length != o.values.length) {
            return Integer.compare(values.length, o.values.length);
        }
        return Arrays.compare(values, o.values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
