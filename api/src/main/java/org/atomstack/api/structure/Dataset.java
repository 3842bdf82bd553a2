package org.atomstack.api.structure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * An ordered, immutable collection of labelled structures with a name (usually the file it
 * came from). Subsets and splits keep the original order of the chosen structures and are
 * deterministic for a seed, so two stacks given the same seed see identical data.
 */
public final class Dataset {
    private final String name;
    private final List<Structure> structures;

    private Dataset(String name, List<Structure> structures) {
        this.name = name;
        this.structures = structures;
    }

    /** A dataset of the given structures. */
    public static Dataset of(String name, List<Structure> structures) {
        Objects.requireNonNull(name, "name");
        return new Dataset(name, List.copyOf(structures));
    }

    /** Name of the dataset. */
    public String name() {
        return name;
    }

    /** The structures, in order (unmodifiable). */
    public List<Structure> structures() {
        return structures;
    }

    /** Number of structures. */
    public int size() {
        return structures.size();
    }

    /** Whether the dataset has no structures. */
    public boolean isEmpty() {
        return structures.isEmpty();
    }

    /** Total number of atoms. */
    public long atomCount() {
        long n = 0;
        for (Structure s : structures) {
            n += s.atomCount();
        }
        return n;
    }

    /** Atom count per atomic number, ascending by Z. */
    public java.util.SortedMap<Integer, Long> speciesCounts() {
        TreeMap<Integer, Long> counts = new TreeMap<>();
        for (Structure s : structures) {
            for (int z : s.numbers()) {
                counts.merge(z, 1L, Long::sum);
            }
        }
        return Collections.unmodifiableSortedMap(counts);
    }

    /** Distinct atomic numbers present, ascending. */
    public int[] species() {
        return speciesCounts().keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The structures at {@code indices} (kept in ascending index order). */
    public Dataset subset(String subsetName, int[] indices) {
        int[] sorted = indices.clone();
        Arrays.sort(sorted);
        List<Structure> out = new ArrayList<>(sorted.length);
        for (int i : sorted) {
            out.add(structures.get(i));
        }
        return new Dataset(subsetName, List.copyOf(out));
    }

    /**
     * A seeded random subset of {@code count} structures (without replacement), in original order.
     *
     * @throws IllegalArgumentException if count is negative or larger than the dataset
     */
    public Dataset randomSubset(int count, long seed) {
        if (count < 0 || count > structures.size()) {
            throw new IllegalArgumentException("cannot take " + count + " structures from dataset '" + name + "' of " + structures.size());
        }
        int[] perm = permutation(structures.size(), seed);
        return subset(name + "[" + count + "@" + seed + "]", Arrays.copyOf(perm, count));
    }

    /**
     * Splits into two parts, the first with round(fraction·size) structures chosen at random
     * with {@code seed}; both parts keep the original order.
     */
    public Dataset[] split(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("split fraction must be in [0, 1], got " + fraction);
        }
        int n = structures.size();
        int k = (int) Math.round(fraction * n);
        int[] perm = permutation(n, seed);
        return new Dataset[] {
            subset(name + "[split " + fraction + "@" + seed + " a]", Arrays.copyOfRange(perm, 0, k)),
            subset(name + "[split " + fraction + "@" + seed + " b]", Arrays.copyOfRange(perm, k, n))
        };
    }

    /** Concatenation of this dataset and another. */
    public Dataset concat(String newName, Dataset other) {
        List<Structure> all = new ArrayList<>(structures);
        all.addAll(other.structures);
        return new Dataset(newName, List.copyOf(all));
    }

    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random rng = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + structures.size() + " structures]";
    }
}
