package org.atomstack.testkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures.CellShape;
import org.atomstack.testkit.RandomStructures.Options;
import org.atomstack.testkit.RandomStructures.Periodicity;

/**
 * jqwik {@link Arbitrary} factories built on {@link RandomStructures}, for property tests of
 * descriptors, models and anything else that consumes structures:
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<Structure> structures() {
 *     return StructureArbitraries.structures(RandomStructures.Options.defaults().atoms(1, 6));
 * }
 *
 * @Property(tries = 100)
 * void energyIsInvariantUnderRotation(@ForAll("structures") Structure s, @ForAll("rotations") double[][] q) { ... }
 * }</pre>
 *
 * <p>Each structure is generated from a jqwik-chosen seed and atom count, so a failing case is
 * reproducible from jqwik's reported seed, and shrinking reduces the number of atoms.
 */
public final class StructureArbitraries {
    private StructureArbitraries() {
    }

    /**
     * Structures with {@link Options#defaults()}: 1–8 atoms, 1–3 species, every periodicity
     * pattern (and no cell), well-conditioned and skewed triclinic cells.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Structure> structures() {
        return structures(Options.defaults());
    }

    /**
     * Structures generated with {@code options}; the atom count is drawn (and shrunk) by jqwik
     * within the options' range, everything else from a jqwik-chosen seed.
     *
     * @param options what to generate
     * @return the arbitrary
     */
    public static Arbitrary<Structure> structures(Options options) {
        return Combinators.combine(Arbitraries.integers().between(options.minAtoms(), options.maxAtoms()), seeds())
            .as((atoms, seed) -> RandomStructures.seeded(seed).structure(options.atoms(atoms, atoms)));
    }

    /**
     * Fully periodic structures in triclinic cells, positions left unwrapped (outside the cell).
     *
     * @return the arbitrary
     */
    public static Arbitrary<Structure> periodic() {
        return structures(Options.defaults().periodicity(Periodicity.FULL).unwrapped(true));
    }

    /**
     * Structures without any periodic direction (no cell, or a cell with pbc F F F).
     *
     * @return the arbitrary
     */
    public static Arbitrary<Structure> nonPeriodic() {
        return structures(Options.defaults().periodicity(Periodicity.NONE));
    }

    /**
     * Structures with one or two periodic directions (slabs and wires), unwrapped positions.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Structure> mixedPeriodic() {
        return structures(Options.defaults().periodicity(Periodicity.MIXED).unwrapped(true));
    }

    /**
     * Small, fully periodic cells with 1–3 atoms, including strongly skewed ones: a cutoff of a
     * few Å exceeds the cell and reaches several images of every atom, its own included.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Structure> smallCells() {
        return structures(Options.smallCells().cellShape(CellShape.ANY).unwrapped(true));
    }

    /**
     * Rotations uniform on SO(3), 3×3 matrices acting on column vectors.
     *
     * @return the arbitrary
     */
    public static Arbitrary<double[][]> rotations() {
        return seeds().map(seed -> RandomStructures.seeded(seed).rotation());
    }

    /**
     * Elements of O(3): rotations and improper rotations (reflections), each half of the time.
     *
     * @return the arbitrary
     */
    public static Arbitrary<double[][]> orthogonalMatrices() {
        return seeds().map(seed -> RandomStructures.seeded(seed).orthogonal());
    }

    /**
     * Uniform permutations of 0..n−1.
     *
     * @param n the length
     * @return the arbitrary
     */
    public static Arbitrary<int[]> permutations(int n) {
        return seeds().map(seed -> RandomStructures.seeded(seed).permutation(n));
    }

    /**
     * Seeds for {@link RandomStructures#seeded(long)}, for tests that draw several related inputs
     * from one generator.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Long> seeds() {
        return Arbitraries.longs().withoutEdgeCases();
    }
}
