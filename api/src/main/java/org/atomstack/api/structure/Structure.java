package org.atomstack.api.structure;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An atomic structure: Cartesian positions (Å), atomic numbers, an optional {@link Cell} with
 * periodic flags, reference {@link Labels} and a name used in messages (e.g. "test.json#3").
 *
 * <p>Validated on construction: positions finite, atomic numbers in 1..118, forces (if any)
 * one row per atom, and no two atoms (including periodic images) closer than
 * {@link #MIN_DISTANCE}. Without a cell the structure is non-periodic. Immutable.
 */
public final class Structure {
    /** Closest allowed approach of two atoms, in Å; closer atoms are an input error. */
    public static final double MIN_DISTANCE = 0.1;

    private final String name;
    private final double[] positions;
    private final int[] numbers;
    private final Cell cell;
    private final Labels labels;

    private Structure(String name, double[] positions, int[] numbers, Cell cell, Labels labels) {
        this.name = name;
        this.positions = positions;
        this.numbers = numbers;
        this.cell = cell;
        this.labels = labels;
    }

    /**
     * Creates and validates a structure.
     *
     * @param name      a short name for messages (file and record), not null
     * @param positions Cartesian positions, 3 per atom, Å
     * @param numbers   atomic numbers, one per atom
     * @param cell      the cell, or {@code null} for an isolated (non-periodic) structure
     * @param labels    reference labels ({@link Labels#NONE} if none)
     * @throws InvalidStructureException naming the structure, atom and problem
     */
    public static Structure of(String name, double[] positions, int[] numbers, Cell cell, Labels labels) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
        if (positions.length != 3 * numbers.length) {
            throw new InvalidStructureException(name + ": " + numbers.length + " atoms but " + positions.length + " position values");
        }
        for (int i = 0; i < positions.length; i++) {
            if (!Double.isFinite(positions[i])) {
                throw new InvalidStructureException(name + ": position of atom " + i / 3 + " is not finite: " + positions[i]);
            }
        }
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] < 1 || numbers[i] > Elements.MAX_Z) {
                throw new InvalidStructureException(name + ": atom " + i + " has atomic number " + numbers[i] + ", outside 1.." + Elements.MAX_Z);
            }
        }
        try {
            labels.checkAtomCount(numbers.length);
        } catch (InvalidStructureException e) {
            throw new InvalidStructureException(name + ": " + e.getMessage());
        }
        Structure s = new Structure(name, positions.clone(), numbers.clone(), cell, labels);
        s.checkMinimumDistance();
        return s;
    }

    private void checkMinimumDistance() {
        if (numbers.length == 0) {
            return;
        }
        NeighborList close = NeighborList.build(this, MIN_DISTANCE);
        if (close.edgeCount() > 0) {
            int e = 0;
            throw new InvalidStructureException(String.format(java.util.Locale.ROOT,
                "%s: atoms %d and %d are %.4f Å apart (closer than %.1f Å; overlapping atoms)",
                name, close.centre(e), close.neighbor(e), close.distance(e), MIN_DISTANCE));
        }
    }

    /** Name used in messages. */
    public String name() {
        return name;
    }

    /** Number of atoms. */
    public int atomCount() {
        return numbers.length;
    }

    /** Positions, 3 per atom, Å (a copy). */
    public double[] positions() {
        return positions.clone();
    }

    /** Coordinate {@code k} (0..2) of atom {@code i}, Å. */
    public double position(int i, int k) {
        return positions[3 * i + k];
    }

    /** Atomic numbers (a copy). */
    public int[] numbers() {
        return numbers.clone();
    }

    /** Atomic number of atom {@code i}. */
    public int number(int i) {
        return numbers[i];
    }

    /** Distinct atomic numbers present, ascending. */
    public int[] species() {
        return Arrays.stream(numbers).distinct().sorted().toArray();
    }

    /** The cell, if any. */
    public Optional<Cell> cell() {
        return Optional.ofNullable(cell);
    }

    /** Whether lattice direction {@code i} is periodic (false without a cell). */
    public boolean periodic(int i) {
        return cell != null && cell.periodic(i);
    }

    /** Reference labels. */
    public Labels labels() {
        return labels;
    }

    /**
     * The same structure with other labels.
     *
     * @throws InvalidStructureException naming the structure when the forces do not have one row per atom
     */
    public Structure withLabels(Labels newLabels) {
        Objects.requireNonNull(newLabels, "labels");
        try {
            newLabels.checkAtomCount(numbers.length);
        } catch (InvalidStructureException e) {
            throw new InvalidStructureException(name + ": " + e.getMessage());
        }
        return new Structure(name, positions, numbers, cell, newLabels);
    }

    /** The same atoms at new positions (validated again); labels are dropped. */
    public Structure withPositions(double[] newPositions) {
        return of(name, newPositions, numbers, cell, Labels.NONE);
    }

    /** The same structure under another name. */
    public Structure withName(String newName) {
        return new Structure(Objects.requireNonNull(newName), positions, numbers, cell, labels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Structure s && name.equals(s.name) && Arrays.equals(positions, s.positions)
            && Arrays.equals(numbers, s.numbers) && Objects.equals(cell, s.cell) && labels.equals(s.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(positions), Arrays.hashCode(numbers), cell, labels);
    }

    @Override
    public String toString() {
        return "Structure[" + name + ", " + numbers.length + " atoms" + (cell == null ? "" : ", " + cell) + "]";
    }
}
