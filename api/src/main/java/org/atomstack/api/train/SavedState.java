package org.atomstack.api.train;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The state of a stateful training component (optimiser, learning-rate schedule) as named
 * arrays of doubles, in insertion order, so it can be written into a checkpoint and restored
 * bit for bit. Counters are stored as doubles (exact below 2^53). Immutable: arrays are copied
 * in and out.
 */
public final class SavedState {
    /** A state with no entries. */
    public static final SavedState EMPTY = new Builder().build();

    private final Map<String, double[]> entries;

    private SavedState(Map<String, double[]> entries) {
        this.entries = entries;
    }

    /** A builder with no entries. */
    public static Builder builder() {
        return new Builder();
    }

    /** Entry names in insertion order (unmodifiable). */
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** Whether an entry of this name exists. */
    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /**
     * The array stored under {@code name} (a copy).
     *
     * @throws NoSuchElementException naming the missing entry and the present ones
     */
    public double[] get(String name) {
        return require(name).clone();
    }

    /**
     * The single value stored under {@code name}.
     *
     * @throws NoSuchElementException when absent
     * @throws IllegalStateException when the entry does not hold exactly one value
     */
    public double scalar(String name) {
        double[] v = require(name);
        if (v.length != 1) {
            throw new IllegalStateException("state entry '" + name + "' holds " + v.length + " values, not one");
        }
        return v[0];
    }

    private double[] require(String name) {
        double[] v = entries.get(name);
        if (v == null) {
            throw new NoSuchElementException("no state entry '" + name + "'; present: " + entries.keySet());
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SavedState s) || !entries.keySet().equals(s.entries.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : entries.entrySet()) {
            if (!Arrays.equals(e.getValue(), s.entries.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Map.Entry<String, double[]> e : entries.entrySet()) {
            h = 31 * h + (e.getKey().hashCode() ^ Arrays.hashCode(e.getValue()));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SavedState[");
        entries.forEach((k, v) -> b.append(b.length() > 11 ? ", " : "").append(k).append('[').append(v.length).append(']'));
        return b.append(']').toString();
    }

    /** Builder of {@link SavedState}; a later entry of the same name replaces an earlier one. */
    public static final class Builder {
        private final Map<String, double[]> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /** Stores a copy of {@code values} under {@code name}. */
        public Builder put(String name, double[] values) {
            Objects.requireNonNull(name, "name");
            entries.put(name, values.clone());
            return this;
        }

        /** Stores one value under {@code name}. */
        public Builder put(String name, double value) {
            return put(name, new double[] {value});
        }

        /** The state. */
        public SavedState build() {
            Map<String, double[]> copy = new LinkedHashMap<>();
            entries.forEach((k, v) -> copy.put(k, v.clone()));
            return new SavedState(copy);
        }
    }
}
