package org.atomstack.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.InvalidStructureException;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.Structure;

/**
 * Seeded generators of valid random structures, and the symmetry operations that property
 * tests apply to them (rotations, reflections, permutations, translations, wrapping).
 *
 * <p>A generator is created from a seed and is fully deterministic: the same seed and the same
 * sequence of calls give the same structures on every platform. Instances are not thread-safe
 * (each holds its own random state); create one per test or property try.
 *
 * <pre>{@code
 * RandomStructures random = RandomStructures.seeded(42);
 * Structure s = random.structure(RandomStructures.Options.defaults()
 *     .atoms(2, 6).periodicity(RandomStructures.Periodicity.MIXED).unwrapped(true));
 * Structure turned = RandomStructures.rotate(s, random.rotation());
 * }</pre>
 *
 * <p>Cells are general triclinic: a lower-triangular lattice with random edge ratios and tilts,
 * scaled to the requested volume per atom and then turned by a uniformly random rotation, so no
 * lattice vector is aligned with an axis. {@link CellShape#SKEWED} cells have large tilts, so
 * their plane spacings are much smaller than their edge lengths. With few atoms the cells are
 * small (a 1-atom cell at the default density has edges of 2–3 Å), so any cutoff of a few Å
 * reaches several periodic images, including an atom's own images.
 *
 * <p>Positions are placed by rejection sampling so that no two atoms, periodic images included,
 * are closer than {@link Options#minDistance()} (at least {@link Structure#MIN_DISTANCE}).
 */
public final class RandomStructures {
    private static final int CELL_TRIES = 10_000;
    private static final int PLACEMENT_TRIES = 2_000;
    private static final int STRUCTURE_TRIES = 200;

    /** Which lattice directions of a generated structure are periodic. */
    public enum Periodicity {
        /** No periodic direction: half of the structures have no cell, half a cell with pbc F F F. */
        NONE,
        /** All three directions periodic. */
        FULL,
        /** One or two periodic directions (one of the six mixed patterns, e.g. T F T). */
        MIXED,
        /** Any of the eight pbc patterns, or no cell at all (nine equally likely cases). */
        ANY
    }

    /** Shape of a generated cell. */
    public enum CellShape {
        /** Edge ratios within 0.75–1.33 and tilts up to half an edge (a reduced cell). */
        WELL_CONDITIONED,
        /** Edge ratios within 0.5–2 and tilts up to twice an edge: plane spacings far below edge lengths. */
        SKEWED,
        /** Either shape, equally likely. */
        ANY
    }

    private final long seed;
    private final RandomGenerator rng;
    private int count;

    private RandomStructures(long seed) {
        this.seed = seed;
        this.rng = new SplittableRandom(seed);
    }

    /**
     * A generator with the given seed.
     *
     * @param seed the seed; equal seeds give equal sequences of structures
     * @return a new generator
     */
    public static RandomStructures seeded(long seed) {
        return new RandomStructures(seed);
    }

    /**
     * The random source of this generator, for drawing further test inputs (cutoffs, shifts)
     * from the same seeded stream.
     *
     * @return the generator's random source (shared, not a copy)
     */
    public RandomGenerator random() {
        return rng;
    }

    // ------------------------------------------------------------------ structures

    /**
     * A random structure with {@link Options#defaults()}.
     *
     * @return a valid structure without labels
     */
    public Structure structure() {
        return structure(Options.defaults());
    }

    /**
     * A random structure: the atom count, species, periodicity, cell and positions are drawn as
     * described by {@code options}. The structure carries no labels; its name records the seed
     * and the call number, e.g. {@code "random(seed=42)#3"}.
     *
     * @param options what to generate
     * @return a valid structure
     * @throws IllegalStateException if no placement satisfying the minimum distance was found
     *                               (the density is too high for the minimum distance)
     */
    public Structure structure(Options options) {
        Objects.requireNonNull(options, "options");
        String name = "random(seed=" + seed + ")#" + (count++);
        for (int attempt = 0; attempt < STRUCTURE_TRIES; attempt++) {
            int n = between(options.minAtoms, options.maxAtoms);
            boolean[] pbc = options.pbc != null ? options.pbc.clone() : periodicityPattern(options.periodicity);
            boolean withCell = pbc != null;
            double volume = n * uniform(options.minVolumePerAtom, options.maxVolumePerAtom);
            double minDistance = effectiveMinDistance(options.minDistance);
            Cell cell = null;
            if (withCell) {
                try {
                    cell = cell(options.shape, pbc, Math.max(volume, 1.0), minDistance);
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(name + ": could not place " + n + " atoms with minimum distance "
                        + options.minDistance + " Å: " + e.getMessage() + "; raise the volume per atom", e);
                }
            }
            double[] frac = place(n, cell, pbc, Math.max(volume, 1.0), minDistance);
            if (frac == null) {
                continue;
            }
            double[] positions = new double[3 * n];
            if (cell == null) {
                double side = Math.cbrt(Math.max(volume, 1.0));
                for (int i = 0; i < 3 * n; i++) {
                    positions[i] = side * frac[i];
                }
            } else {
                if (options.unwrapped) {
                    unwrap(frac, pbc);
                }
                for (int i = 0; i < n; i++) {
                    cell.toCartesian(frac, 3 * i, positions, 3 * i);
                }
            }
            try {
                return Structure.of(name, positions, numbers(n, options), cell, Labels.NONE);
            } catch (InvalidStructureException e) {
                // rounding put two atoms a hair below the limit; draw again
            }
        }
        throw new IllegalStateException(name + ": could not place atoms with minimum distance " + options.minDistance
            + " Å at " + options.minVolumePerAtom + "–" + options.maxVolumePerAtom
            + " Å³ per atom; lower the minimum distance or raise the volume per atom");
    }

    /**
     * A random cell of the given shape and periodicity with the given volume, turned by a random
     * rotation, whose plane spacing along every periodic direction is at least
     * {@code minPlaneSpacing} (so no atom is within that distance of its own periodic image).
     *
     * @param shape           well-conditioned, skewed or either
     * @param pbc             periodicity along a, b, c (3 flags)
     * @param volume          volume in Å³, &gt; 0
     * @param minPlaneSpacing smallest allowed plane spacing along periodic directions, Å
     * @return the cell
     * @throws IllegalStateException if no such cell was found (spacing too large for the volume)
     */
    public Cell cell(CellShape shape, boolean[] pbc, double volume, double minPlaneSpacing) {
        if (pbc.length != 3) {
            throw new IllegalArgumentException("pbc needs 3 flags, got " + pbc.length);
        }
        if (!(volume > 0) || !Double.isFinite(volume)) {
            throw new IllegalArgumentException("volume must be finite and > 0, got " + volume);
        }
        for (int attempt = 0; attempt < CELL_TRIES; attempt++) {
            boolean skewed = shape == CellShape.SKEWED || (shape == CellShape.ANY && rng.nextBoolean());
            double ratioLo = skewed ? 0.5 : 0.75;
            double ratioHi = skewed ? 2.0 : 1.0 / 0.75;
            double tilt = skewed ? 2.0 : 0.5;
            double lx = 1.0;
            double ly = logUniform(ratioLo, ratioHi);
            double lz = logUniform(ratioLo, ratioHi);
            double xy = uniform(-tilt, tilt) * lx;
            double xz = uniform(-tilt, tilt) * lx;
            double yz = uniform(-tilt, tilt) * ly;
            double scale = Math.cbrt(volume / (lx * ly * lz));
            double[][] lower = {{lx, 0, 0}, {xy, ly, 0}, {xz, yz, lz}};
            double[][] q = rotation();
            double[] m = new double[9];
            for (int r = 0; r < 3; r++) {
                for (int k = 0; k < 3; k++) {
                    double v = 0;
                    for (int l = 0; l < 3; l++) {
                        v += q[k][l] * lower[r][l];
                    }
                    m[3 * r + k] = scale * v;
                }
            }
            Cell c = Cell.of(m, pbc);
            boolean ok = true;
            for (int d = 0; d < 3; d++) {
                ok &= !pbc[d] || c.planeSpacing(d) >= minPlaneSpacing;
            }
            if (ok) {
                return c;
            }
        }
        throw new IllegalStateException("no " + shape + " cell of volume " + volume + " Å³ has plane spacings >= " + minPlaneSpacing + " Å");
    }

    /**
     * A random periodicity pattern for {@code periodicity}, or {@code null} for "no cell".
     *
     * @param periodicity which patterns are allowed
     * @return three pbc flags, or null when the structure should have no cell
     */
    public boolean[] periodicityPattern(Periodicity periodicity) {
        switch (periodicity) {
            case FULL:
                return new boolean[] {true, true, true};
            case NONE:
                return rng.nextBoolean() ? null : new boolean[3];
            case MIXED: {
                int bits = 1 + rng.nextInt(6); // 1..6: not 0 (none) and not 7 (all)
                return bitsToPbc(bits);
            }
            default: {
                int bits = rng.nextInt(9); // 8 = no cell
                return bits == 8 ? null : bitsToPbc(bits);
            }
        }
    }

    private static boolean[] bitsToPbc(int bits) {
        return new boolean[] {(bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0};
    }

    // ------------------------------------------------------------------ symmetry operations

    /**
     * A rotation drawn uniformly (Haar measure) from SO(3), as a 3×3 matrix acting on column
     * vectors (x' = Q x), determinant +1. Built from a uniformly random unit quaternion.
     *
     * @return a new 3×3 rotation matrix
     */
    public double[][] rotation() {
        double w;
        double x;
        double y;
        double z;
        double norm;
        do {
            w = rng.nextGaussian();
            x = rng.nextGaussian();
            y = rng.nextGaussian();
            z = rng.nextGaussian();
            norm = Math.sqrt(w * w + x * x + y * y + z * z);
        } while (norm < 1e-6);
        w /= norm;
        x /= norm;
        y /= norm;
        z /= norm;
        return new double[][] {
            {1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)},
            {2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)},
            {2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)}
        };
    }

    /**
     * An improper rotation (a reflection composed with a uniform rotation), determinant −1,
     * uniform on that coset of O(3).
     *
     * @return a new 3×3 orthogonal matrix with determinant −1
     */
    public double[][] reflection() {
        double[][] q = rotation();
        for (int k = 0; k < 3; k++) {
            q[k][0] = -q[k][0];
        }
        return q;
    }

    /**
     * A uniformly random element of O(3): a {@link #rotation()} or a {@link #reflection()}, each
     * with probability ½.
     *
     * @return a new 3×3 orthogonal matrix
     */
    public double[][] orthogonal() {
        return rng.nextBoolean() ? rotation() : reflection();
    }

    /**
     * A uniformly random permutation of 0..n−1 (Fisher–Yates).
     *
     * @param n length, ≥ 0
     * @return the permutation
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation length must be >= 0, got " + n);
        }
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

    /**
     * A random translation vector with components uniform in [−maxComponent, maxComponent].
     *
     * @param maxComponent bound of each component, Å
     * @return 3 components
     */
    public double[] translation(double maxComponent) {
        return new double[] {uniform(-maxComponent, maxComponent), uniform(-maxComponent, maxComponent), uniform(-maxComponent, maxComponent)};
    }

    /**
     * The structure turned by an orthogonal matrix {@code q} (x' = Q x for every position and
     * every lattice vector; fractional coordinates and pbc are unchanged). Labels transform
     * covariantly: energy and weight are unchanged, forces become Q F and the stress Q σ Qᵀ.
     * A reflection (det Q = −1) is allowed. The name is kept.
     *
     * @param s the structure
     * @param q a 3×3 orthogonal matrix (QᵀQ = I within 1e-9)
     * @return the transformed structure
     * @throws IllegalArgumentException if q is not 3×3 orthogonal
     */
    public static Structure rotate(Structure s, double[][] q) {
        checkOrthogonal(q);
        int n = s.atomCount();
        double[] x = s.positions();
        double[] out = new double[3 * n];
        for (int i = 0; i < n; i++) {
            apply(q, x, 3 * i, out, 3 * i);
        }
        Cell cell = s.cell().map(c -> {
            double[] m = c.matrix();
            double[] rm = new double[9];
            for (int r = 0; r < 3; r++) {
                apply(q, m, 3 * r, rm, 3 * r);
            }
            return Cell.of(rm, c.pbc());
        }).orElse(null);
        Labels.Builder labels = s.labels().toBuilder();
        s.labels().forces().ifPresent(f -> {
            double[] rf = new double[f.length];
            for (int i = 0; i < f.length / 3; i++) {
                apply(q, f, 3 * i, rf, 3 * i);
            }
            labels.forces(rf);
        });
        s.labels().stress().ifPresent(v -> {
            double[][] sigma = {{v[0], v[5], v[4]}, {v[5], v[1], v[3]}, {v[4], v[3], v[2]}};
            double[][] r = new double[3][3];
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    double sum = 0;
                    for (int k = 0; k < 3; k++) {
                        for (int l = 0; l < 3; l++) {
                            sum += q[a][k] * sigma[k][l] * q[b][l];
                        }
                    }
                    r[a][b] = sum;
                }
            }
            labels.stress(new double[] {r[0][0], r[1][1], r[2][2], r[1][2], r[0][2], r[0][1]});
        });
        return Structure.of(s.name(), out, s.numbers(), cell, labels.build());
    }

    /**
     * The structure with its atoms reordered: atom k of the result is atom {@code order[k]} of
     * {@code s} (position, atomic number and force row). Cell, energy, stress, weight and name
     * are unchanged.
     *
     * @param s     the structure
     * @param order a permutation of 0..atomCount−1
     * @return the permuted structure
     * @throws IllegalArgumentException if {@code order} is not such a permutation
     */
    public static Structure permute(Structure s, int[] order) {
        int n = s.atomCount();
        if (order.length != n) {
            throw new IllegalArgumentException("permutation has " + order.length + " entries for " + n + " atoms");
        }
        boolean[] seen = new boolean[n];
        for (int k : order) {
            if (k < 0 || k >= n || seen[k]) {
                throw new IllegalArgumentException("not a permutation of 0.." + (n - 1) + ": " + Arrays.toString(order));
            }
            seen[k] = true;
        }
        double[] x = s.positions();
        int[] z = s.numbers();
        double[] px = new double[3 * n];
        int[] pz = new int[n];
        for (int k = 0; k < n; k++) {
            System.arraycopy(x, 3 * order[k], px, 3 * k, 3);
            pz[k] = z[order[k]];
        }
        Labels.Builder labels = s.labels().toBuilder();
        s.labels().forces().ifPresent(f -> {
            double[] pf = new double[3 * n];
            for (int k = 0; k < n; k++) {
                System.arraycopy(f, 3 * order[k], pf, 3 * k, 3);
            }
            labels.forces(pf);
        });
        return Structure.of(s.name(), px, pz, s.cell().orElse(null), labels.build());
    }

    /**
     * The structure with every atom moved by {@code t} (the cell stays); labels and name are
     * unchanged, since a rigid translation changes no energy, force or stress.
     *
     * @param s the structure
     * @param t translation, 3 components, Å
     * @return the translated structure
     */
    public static Structure translate(Structure s, double[] t) {
        if (t.length != 3) {
            throw new IllegalArgumentException("translation needs 3 components, got " + t.length);
        }
        double[] x = s.positions();
        for (int i = 0; i < x.length; i++) {
            x[i] += t[i % 3];
        }
        return Structure.of(s.name(), x, s.numbers(), s.cell().orElse(null), s.labels());
    }

    /**
     * The structure with every atom moved by whole lattice vectors along the periodic directions
     * so that its fractional coordinates there lie in [0, 1) (up to rounding). Non-periodic directions are left
     * alone, and a structure without a cell is returned unchanged. Labels and name are kept:
     * this is the same physical structure.
     *
     * @param s the structure
     * @return the wrapped structure
     */
    public static Structure wrapIntoCell(Structure s) {
        if (s.cell().isEmpty() || !s.cell().get().anyPeriodic()) {
            return s;
        }
        Cell c = s.cell().get();
        int n = s.atomCount();
        double[] x = s.positions();
        double[] frac = new double[3];
        double[] out = x.clone();
        for (int i = 0; i < n; i++) {
            c.toFractional(x, 3 * i, frac, 0);
            for (int d = 0; d < 3; d++) {
                if (c.periodic(d)) {
                    double shift = Math.floor(frac[d]);
                    for (int k = 0; k < 3; k++) {
                        out[3 * i + k] -= shift * c.vector(d, k);
                    }
                }
            }
        }
        return Structure.of(s.name(), out, s.numbers(), c, s.labels());
    }

    /**
     * A supercell: {@code s} repeated {@code na × nb × nc} times along its lattice vectors. Atom
     * order: all atoms of the copy (0,0,0) first, then (0,0,1), ..., with the last index fastest.
     * Energy scales with the number of copies, forces are repeated, stress and weight kept.
     *
     * @param s  a structure with a cell
     * @param na copies along a, ≥ 1
     * @param nb copies along b, ≥ 1
     * @param nc copies along c, ≥ 1
     * @return the supercell, named like {@code s} with the repetition appended
     */
    public static Structure repeat(Structure s, int na, int nb, int nc) {
        Cell c = s.cell().orElseThrow(() -> new IllegalArgumentException(s.name() + " has no cell to repeat"));
        if (na < 1 || nb < 1 || nc < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1, got " + na + "x" + nb + "x" + nc);
        }
        int n = s.atomCount();
        int copies = na * nb * nc;
        double[] x = s.positions();
        int[] z = s.numbers();
        double[] out = new double[3 * n * copies];
        int[] zs = new int[n * copies];
        int atom = 0;
        for (int a = 0; a < na; a++) {
            for (int b = 0; b < nb; b++) {
                for (int cc = 0; cc < nc; cc++) {
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < 3; k++) {
                            out[3 * atom + k] = x[3 * i + k] + a * c.vector(0, k) + b * c.vector(1, k) + cc * c.vector(2, k);
                        }
                        zs[atom++] = z[i];
                    }
                }
            }
        }
        double[] m = c.matrix();
        int[] reps = {na, nb, nc};
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                m[3 * r + k] *= reps[r];
            }
        }
        Labels old = s.labels();
        Labels.Builder labels = old.toBuilder();
        old.energy().ifPresent(e -> labels.energy(e * copies));
        old.forces().ifPresent(f -> {
            double[] rf = new double[f.length * copies];
            for (int k = 0; k < copies; k++) {
                System.arraycopy(f, 0, rf, k * f.length, f.length);
            }
            labels.forces(rf);
        });
        return Structure.of(s.name() + "x" + na + "x" + nb + "x" + nc, out, zs, Cell.of(m, c.pbc()), labels.build());
    }

    // ------------------------------------------------------------------ internals

    private static double effectiveMinDistance(double requested) {
        // a little above the validation limit, so rounding never trips Structure's own check
        return Math.max(requested, Structure.MIN_DISTANCE * (1 + 1e-6));
    }

    /** Rejection sampling in fractional coordinates of [0,1)³ (of a cube of the volume without a cell). */
    private double[] place(int n, Cell cell, boolean[] pbc, double volume, double minDistance) {
        double[] frac = new double[3 * n];
        double[] h = cell != null ? cell.matrix() : cubeMatrix(volume);
        boolean[] periodic = pbc != null ? pbc : new boolean[3];
        double min2 = minDistance * minDistance;
        for (int i = 0; i < n; i++) {
            boolean placed = false;
            for (int t = 0; t < PLACEMENT_TRIES && !placed; t++) {
                frac[3 * i] = rng.nextDouble();
                frac[3 * i + 1] = rng.nextDouble();
                frac[3 * i + 2] = rng.nextDouble();
                placed = true;
                for (int j = 0; j < i && placed; j++) {
                    placed = closestImageDistance2(frac, i, j, h, periodic) >= min2;
                }
            }
            if (!placed) {
                return null;
            }
        }
        return frac;
    }

    private static double closestImageDistance2(double[] frac, int i, int j, double[] h, boolean[] periodic) {
        double[] ds = new double[3];
        for (int d = 0; d < 3; d++) {
            ds[d] = frac[3 * j + d] - frac[3 * i + d];
            if (periodic[d]) {
                ds[d] -= Math.rint(ds[d]);
            }
        }
        // with |ds_d| <= 1/2 and plane spacings >= the minimum distance, shifts beyond ±1 are farther
        double best = Double.POSITIVE_INFINITY;
        int ra = periodic[0] ? 1 : 0;
        int rb = periodic[1] ? 1 : 0;
        int rc = periodic[2] ? 1 : 0;
        for (int a = -ra; a <= ra; a++) {
            for (int b = -rb; b <= rb; b++) {
                for (int c = -rc; c <= rc; c++) {
                    double sa = ds[0] + a;
                    double sb = ds[1] + b;
                    double sc = ds[2] + c;
                    double r2 = 0;
                    for (int k = 0; k < 3; k++) {
                        double r = sa * h[k] + sb * h[3 + k] + sc * h[6 + k];
                        r2 += r * r;
                    }
                    best = Math.min(best, r2);
                }
            }
        }
        return best;
    }

    private static double[] cubeMatrix(double volume) {
        double side = Math.cbrt(volume);
        return new double[] {side, 0, 0, 0, side, 0, 0, 0, side};
    }

    /** Whole-lattice-vector shifts: independent per atom along periodic directions, common along the others. */
    private void unwrap(double[] frac, boolean[] pbc) {
        int n = frac.length / 3;
        for (int d = 0; d < 3; d++) {
            int common = rng.nextInt(5) - 2;
            for (int i = 0; i < n; i++) {
                frac[3 * i + d] += pbc[d] ? rng.nextInt(5) - 2 : common;
            }
        }
    }

    private int[] numbers(int n, Options o) {
        int[] pool = o.speciesPool;
        int k = between(o.minSpecies, Math.min(o.maxSpecies, pool.length));
        int[] order = permutation(pool.length);
        int[] chosen = new int[k];
        for (int i = 0; i < k; i++) {
            chosen[i] = pool[order[i]];
        }
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            z[i] = i < k ? chosen[i] : chosen[rng.nextInt(k)];
        }
        int[] p = permutation(n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = z[p[i]];
        }
        return out;
    }

    private int between(int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    private double uniform(double lo, double hi) {
        return lo == hi ? lo : lo + (hi - lo) * rng.nextDouble();
    }

    private double logUniform(double lo, double hi) {
        return Math.exp(uniform(Math.log(lo), Math.log(hi)));
    }

    private static void apply(double[][] q, double[] v, int offset, double[] out, int outOffset) {
        for (int a = 0; a < 3; a++) {
            out[outOffset + a] = q[a][0] * v[offset] + q[a][1] * v[offset + 1] + q[a][2] * v[offset + 2];
        }
    }

    private static void checkOrthogonal(double[][] q) {
        if (q.length != 3 || q[0].length != 3 || q[1].length != 3 || q[2].length != 3) {
            throw new IllegalArgumentException("need a 3x3 matrix");
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = q[0][a] * q[0][b] + q[1][a] * q[1][b] + q[2][a] * q[2][b];
                if (!(Math.abs(dot - (a == b ? 1 : 0)) <= 1e-9)) {
                    throw new IllegalArgumentException("matrix is not orthogonal: " + Arrays.deepToString(q));
                }
            }
        }
    }

    /**
     * What {@link #structure(Options)} generates. Immutable; every {@code with}-style method
     * returns a modified copy.
     *
     * <p>Defaults: 1–8 atoms, 1–3 species from H, C, O, Si and Mo, any periodicity, any cell
     * shape, 10–20 Å³ per atom, minimum distance 1 Å, positions inside the cell.
     */
    public static final class Options {
        private static final Options DEFAULTS = new Options(1, 8, 1, 3, new int[] {1, 6, 8, 14, 42},
            Periodicity.ANY, null, CellShape.ANY, 10, 20, 1.0, false);

        private final int minAtoms;
        private final int maxAtoms;
        private final int minSpecies;
        private final int maxSpecies;
        private final int[] speciesPool;
        private final Periodicity periodicity;
        private final boolean[] pbc;
        private final CellShape shape;
        private final double minVolumePerAtom;
        private final double maxVolumePerAtom;
        private final double minDistance;
        private final boolean unwrapped;

        private Options(int minAtoms, int maxAtoms, int minSpecies, int maxSpecies, int[] speciesPool, Periodicity periodicity,
                        boolean[] pbc, CellShape shape, double minVolumePerAtom, double maxVolumePerAtom, double minDistance,
                        boolean unwrapped) {
            this.minAtoms = minAtoms;
            this.maxAtoms = maxAtoms;
            this.minSpecies = minSpecies;
            this.maxSpecies = maxSpecies;
            this.speciesPool = speciesPool;
            this.periodicity = periodicity;
            this.pbc = pbc;
            this.shape = shape;
            this.minVolumePerAtom = minVolumePerAtom;
            this.maxVolumePerAtom = maxVolumePerAtom;
            this.minDistance = minDistance;
            this.unwrapped = unwrapped;
        }

        /**
         * The default options (see the class description).
         *
         * @return the defaults
         */
        public static Options defaults() {
            return DEFAULTS;
        }

        /**
         * Small periodic cells: 1–3 atoms, full periodicity, any shape. At the default density
         * their edges are 2–5 Å, so cutoffs of a few Å span several periodic images.
         *
         * @return options for small cells
         */
        public static Options smallCells() {
            return DEFAULTS.atoms(1, 3).periodicity(Periodicity.FULL);
        }

        /**
         * Number of atoms drawn uniformly from [min, max].
         *
         * @param min at least 0
         * @param max at least min
         * @return modified options
         */
        public Options atoms(int min, int max) {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("need 0 <= min <= max atoms, got " + min + ".." + max);
            }
            return new Options(min, max, minSpecies, maxSpecies, speciesPool, periodicity, pbc, shape,
                minVolumePerAtom, maxVolumePerAtom, minDistance, unwrapped);
        }

        /**
         * Number of distinct species drawn uniformly from [min, max] (capped by the pool size);
         * each chosen species occurs at least once when there are enough atoms.
         *
         * @param min at least 1
         * @param max at least min
         * @return modified options
         */
        public Options species(int min, int max) {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException("need 1 <= min <= max species, got " + min + ".." + max);
            }
            return new Options(minAtoms, maxAtoms, min, max, speciesPool, periodicity, pbc, shape,
                minVolumePerAtom, maxVolumePerAtom, minDistance, unwrapped);
        }

        /**
         * The atomic numbers species are drawn from.
         *
         * @param atomicNumbers distinct values in 1..118, at least one
         * @return modified options
         */
        public Options speciesPool(int... atomicNumbers) {
            int[] pool = atomicNumbers.clone();
            if (pool.length == 0 || Arrays.stream(pool).distinct().count() != pool.length) {
                throw new IllegalArgumentException("species pool must be non-empty and distinct: " + Arrays.toString(pool));
            }
            for (int z : pool) {
                if (z < 1 || z > Elements.MAX_Z) {
                    throw new IllegalArgumentException("atomic number " + z + " is outside 1.." + Elements.MAX_Z);
                }
            }
            return new Options(minAtoms, maxAtoms, minSpecies, maxSpecies, pool, periodicity, pbc, shape,
                minVolumePerAtom, maxVolumePerAtom, minDistance, unwrapped);
        }

        /**
         * Which periodicity patterns are drawn; clears a fixed {@link #pbc(boolean, boolean, boolean)}.
         *
         * @param p the periodicity
         * @return modified options
         */
        public Options periodicity(Periodicity p) {
            return new Options(minAtoms, maxAtoms, minSpecies, maxSpecies, speciesPool, Objects.requireNonNull(p), null, shape,
                minVolumePerAtom, maxVolumePerAtom, minDistance, unwrapped);
        }

        /**
         * A fixed periodicity pattern (always with a cell), e.g. {@code pbc(true, false, true)}.
         *
         * @param a periodic along a
         * @param b periodic along b
         * @param c periodic along c
         * @return modified options
         */
        public Options pbc(boolean a, boolean b, boolean c) {
            return new Options(minAtoms, maxAtoms, minSpecies, maxSpecies, speciesPool, periodicity, new boolean[] {a, b, c}, shape,
                minVolumePerAtom, maxVolumePerAtom, minDistance, unwrapped);
        }

        /**
         * The cell shape.
         *
         * @param s the shape
         * @return modified options
         */
        public Options cellShape(CellShape s) {
            return new Options(minAtoms, maxAtoms, minSpecies, maxSpecies, speciesPool, periodicity, pbc, Objects.requireNonNull(s),
                minVolumePerAtom, maxVolumePerAtom, minDistance, unwrapped);
        }

        /**
         * Volume per atom drawn uniformly from [min, max], Å³ (sets the cell size).
         *
         * @param min &gt; 0
         * @param max at least min
         * @return modified options
         */
        public Options volumePerAtom(double min, double max) {
            if (!(min > 0) || !(max >= min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("need 0 < min <= max volume per atom, got " + min + ".." + max);
            }
            return new Options(minAtoms, maxAtoms, minSpecies, maxSpecies, speciesPool, periodicity, pbc, shape,
                min, max, minDistance, unwrapped);
        }

        /**
         * Smallest distance between two atoms, periodic images included, Å.
         *
         * @param d at least {@link Structure#MIN_DISTANCE}
         * @return modified options
         */
        public Options minDistance(double d) {
            if (!(d >= Structure.MIN_DISTANCE) || !Double.isFinite(d)) {
                throw new IllegalArgumentException("minimum distance must be >= " + Structure.MIN_DISTANCE + " Å, got " + d);
            }
            return new Options(minAtoms, maxAtoms, minSpecies, maxSpecies, speciesPool, periodicity, pbc, shape,
                minVolumePerAtom, maxVolumePerAtom, d, unwrapped);
        }

        /**
         * Whether to leave positions unwrapped: each atom is moved by −2..2 whole lattice
         * vectors along each periodic direction (so fractional coordinates may be negative or
         * above 1), and all atoms together by −2..2 lattice vectors along non-periodic ones.
         *
         * @param u true for unwrapped positions
         * @return modified options
         */
        public Options unwrapped(boolean u) {
            return new Options(minAtoms, maxAtoms, minSpecies, maxSpecies, speciesPool, periodicity, pbc, shape,
                minVolumePerAtom, maxVolumePerAtom, minDistance, u);
        }

        /**
         * Smallest atom count.
         *
         * @return smallest atom count
         */
        public int minAtoms() {
            return minAtoms;
        }

        /**
         * Largest atom count.
         *
         * @return largest atom count
         */
        public int maxAtoms() {
            return maxAtoms;
        }

        /**
         * Smallest number of species.
         *
         * @return smallest number of species
         */
        public int minSpecies() {
            return minSpecies;
        }

        /**
         * Largest number of species.
         *
         * @return largest number of species
         */
        public int maxSpecies() {
            return maxSpecies;
        }

        /**
         * The atomic numbers species are drawn from (a copy).
         *
         * @return the atomic numbers species are drawn from (a copy)
         */
        public int[] speciesPool() {
            return speciesPool.clone();
        }

        /**
         * The periodicity drawn when no fixed pattern is set.
         *
         * @return the periodicity drawn when no fixed pattern is set
         */
        public Periodicity periodicity() {
            return periodicity;
        }

        /**
         * The fixed pbc pattern (a copy), or null when drawn from {@link #periodicity()}.
         *
         * @return the fixed pbc pattern (a copy), or null when drawn from {@link #periodicity()}
         */
        public boolean[] pbc() {
            return pbc == null ? null : pbc.clone();
        }

        /**
         * The cell shape.
         *
         * @return the cell shape
         */
        public CellShape cellShape() {
            return shape;
        }

        /**
         * Smallest volume per atom, Å³.
         *
         * @return smallest volume per atom, Å³
         */
        public double minVolumePerAtom() {
            return minVolumePerAtom;
        }

        /**
         * Largest volume per atom, Å³.
         *
         * @return largest volume per atom, Å³
         */
        public double maxVolumePerAtom() {
            return maxVolumePerAtom;
        }

        /**
         * Smallest distance between atoms, Å.
         *
         * @return smallest distance between atoms, Å
         */
        public double minDistance() {
            return minDistance;
        }

        /**
         * Whether positions are left unwrapped.
         *
         * @return whether positions are left unwrapped
         */
        public boolean unwrapped() {
            return unwrapped;
        }

        @Override
        public String toString() {
            return "Options[atoms " + minAtoms + ".." + maxAtoms + ", species " + minSpecies + ".." + maxSpecies
                + " of " + Arrays.toString(speciesPool) + ", " + (pbc != null ? "pbc " + Arrays.toString(pbc) : periodicity)
                + ", " + shape + ", " + minVolumePerAtom + ".." + maxVolumePerAtom + " Å³/atom, min distance " + minDistance
                + " Å" + (unwrapped ? ", unwrapped" : "") + "]";
        }
    }
}
