package org.atomstack.model.hipnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For every variant, on a two-species periodic cell and a non-periodic cluster with random
 * weights: forces equal −∂E/∂x and stresses (1/V) ∂E/∂ε by central finite differences,
 * energies are invariant (forces covariant) under rotation, translation and permutation of
 * the atoms, and the per-edge and per-atom summation orders agree.
 */
class DerivativesAndSymmetryTest extends CpuBackendTest {
    /** A small two-species network of {@code variant} with random (seeded) parameters. */
    static HipnnModel model(String variant, Backend backend) {
        HipnnSettings s = HipnnSettings.parse(Fixtures.parameters("variant", variant, "width", 5, "interactions", 2, "onsite", 1,
            "sensitivities", 4, "cutoff", 4.0, "lower_cutoff", 1.5, "tensor_order", 2, "activation", "silu"));
        HipnnNetwork net = new HipnnNetwork(s, new int[] {41, 42}, new double[] {-3.0, -4.0}, 10);
        return new HipnnModel(net, perturbed(net, 17), backend);
    }

    /** Initial parameters with every value (biases, group-norm affine too) nudged randomly, so no term is trivially zero. */
    static org.atomstack.api.train.ParameterSet perturbed(HipnnNetwork net, long seed) {
        org.atomstack.api.train.ParameterSet p = net.initialParameters(seed);
        double[] flat = p.flatten();
        SplittableRandom rng = new SplittableRandom(seed + 1);
        for (int i = 0; i < flat.length; i++) {
            flat[i] += rng.nextDouble(-0.1, 0.1);
        }
        return p.withFlat(flat);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hipnn", "hipnn-ts", "hip-hop"})
    void summationOrdersGiveTheSameEnergiesAndForces(String variant) {
        HipnnModel auto = model(variant, backend);
        HipnnNetwork a = auto.network();
        for (HipnnNetwork.Order order : HipnnNetwork.Order.values()) {
            HipnnModel other = new HipnnModel(new HipnnNetwork(a.settings(), a.species(), a.offsets(), a.neighbours(), order),
                auto.trainedParameters(), backend);
            for (Structure s : new Structure[] {cell(6), cluster(7)}) {
                NeighborList nl = NeighborList.build(s, auto.cutoff());
                Prediction p = auto.predict(s, nl, true, false);
                Prediction q = other.predict(s, nl, true, false);
                assertEquals(p.energy(), q.energy(), 1e-10 * (1 + Math.abs(p.energy())), variant + " " + order);
                double[] fp = p.forces().orElseThrow();
                double[] fq = q.forces().orElseThrow();
                for (int k = 0; k < fp.length; k++) {
                    assertEquals(fp[k], fq[k], 1e-10, variant + " " + order + " force " + k);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hipnn", "hipnn-ts", "hip-hop"})
    void atomsWithoutNeighboursHaveFiniteEnergiesAndZeroForces(String variant) {
        HipnnModel m = model(variant, backend);
        Structure lonely = Structure.of("lonely", new double[] {0, 0, 0, 9, 0, 0, 0, 9, 0}, new int[] {41, 42, 42}, null, Labels.NONE);
        NeighborList nl = NeighborList.build(lonely, m.cutoff());
        assertEquals(0, nl.edgeCount());
        Prediction p = m.predict(lonely, nl, true, false);
        assertTrue(Double.isFinite(p.energy()));
        for (double f : p.forces().orElseThrow()) {
            assertEquals(0, f, 0.0);
        }
        // the energy is additive over the isolated atoms
        Structure one = Structure.of("one", new double[] {0, 0, 0}, new int[] {42}, null, Labels.NONE);
        Structure other = Structure.of("other", new double[] {0, 0, 0}, new int[] {41}, null, Labels.NONE);
        assertEquals(energy(m, other) + 2 * energy(m, one), p.energy(), 1e-12);
    }

    private static Structure cell(long seed) {
        return Fixtures.bcc(new SplittableRandom(seed), "cell", 2, 3.1, 0.04, 0.2, 41, 42);
    }

    private static Structure cluster(long seed) {
        return Fixtures.cluster(new SplittableRandom(seed), "cluster", 7, 41, 42);
    }

    private static double energy(HipnnModel m, Structure s) {
        return m.predict(s, NeighborList.build(s, m.cutoff()), false, false).energy();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hipnn", "hipnn-ts", "hip-hop"})
    void forcesAreMinusTheEnergyGradient(String variant) {
        HipnnModel m = model(variant, backend);
        for (Structure s : new Structure[] {cell(1), cluster(2)}) {
            double[] f = m.predict(s, NeighborList.build(s, m.cutoff()), true, false).forces().orElseThrow();
            double h = 1e-5;
            double scale = 0;
            for (double v : f) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 1e-3, "forces are not trivially zero");
            double[] x = s.positions();
            for (int k = 0; k < x.length; k++) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[k] += h;
                minus[k] -= h;
                double fd = -(energy(m, s.withPositions(plus)) - energy(m, s.withPositions(minus))) / (2 * h);
                assertEquals(fd, f[k], 1e-6 * (1 + scale), variant + " " + s.name() + " force component " + k);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hipnn", "hipnn-ts", "hip-hop"})
    void stressIsTheStrainDerivativeOverTheVolume(String variant) {
        HipnnModel m = model(variant, backend);
        Structure s = cell(3);
        double[] sigma = m.predict(s, NeighborList.build(s, m.cutoff()), true, true).stress().orElseThrow();
        double volume = s.cell().orElseThrow().volume();
        int[][] voigt = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
        double h = 1e-6;
        for (int v = 0; v < 6; v++) {
            double fd = (energy(m, strained(s, voigt[v][0], voigt[v][1], h)) - energy(m, strained(s, voigt[v][0], voigt[v][1], -h)))
                / (2 * h) / volume;
            assertEquals(fd, sigma[v], 1e-7, variant + " stress component " + v);
        }
    }

    /** Positions and cell rows mapped x → x·(I + ε) with the single entry ε_ab = d. */
    private static Structure strained(Structure s, int a, int b, double d) {
        double[] x = s.positions();
        for (int i = 0; i < s.atomCount(); i++) {
            x[3 * i + b] += d * s.position(i, a);
        }
        Cell c = s.cell().orElseThrow();
        double[] h = c.matrix();
        for (int r = 0; r < 3; r++) {
            h[3 * r + b] += d * c.matrix()[3 * r + a];
        }
        return Structure.of(s.name(), x, s.numbers(), Cell.of(h, new boolean[] {s.periodic(0), s.periodic(1), s.periodic(2)}), Labels.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hipnn", "hipnn-ts", "hip-hop"})
    void invariantUnderRotationTranslationAndPermutation(String variant) {
        HipnnModel m = model(variant, backend);
        SplittableRandom rng = new SplittableRandom(9);
        for (Structure s : new Structure[] {cell(4), cluster(5)}) {
            Prediction p = m.predict(s, NeighborList.build(s, m.cutoff()), true, false);
            double[] f = p.forces().orElseThrow();
            double tol = 1e-9 * (1 + Math.abs(p.energy()));
            // rotation (proper, random axis and angle) of positions and cell
            double[][] rot = rotation(rng);
            Structure rotated = transform(s, rot, new double[3]);
            Prediction pr = m.predict(rotated, NeighborList.build(rotated, m.cutoff()), true, false);
            assertEquals(p.energy(), pr.energy(), tol, variant + " rotation");
            double[] fr = pr.forces().orElseThrow();
            for (int i = 0; i < s.atomCount(); i++) {
                for (int c = 0; c < 3; c++) {
                    double expected = 0;
                    for (int k = 0; k < 3; k++) {
                        expected += rot[c][k] * f[3 * i + k];
                    }
                    assertEquals(expected, fr[3 * i + c], 1e-9, variant + " rotated force");
                }
            }
            // translation
            Structure moved = transform(s, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[] {0.37, -1.2, 2.9});
            assertEquals(p.energy(), energy(m, moved), tol, variant + " translation");
            // permutation
            int n = s.atomCount();
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = n - 1 - i;
            }
            double[] x = new double[3 * n];
            int[] z = new int[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(s.positions(), 3 * perm[i], x, 3 * i, 3);
                z[i] = s.number(perm[i]);
            }
            Structure permuted = Structure.of(s.name(), x, z, s.cell().orElse(null), Labels.NONE);
            Prediction pp = m.predict(permuted, NeighborList.build(permuted, m.cutoff()), true, false);
            assertEquals(p.energy(), pp.energy(), tol, variant + " permutation");
            double[] fp = pp.forces().orElseThrow();
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(f[3 * perm[i] + c], fp[3 * i + c], 1e-9, variant + " permuted force");
                }
            }
        }
    }

    private static double[][] rotation(SplittableRandom rng) {
        double[] axis = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
        double norm = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        double ux = axis[0] / norm;
        double uy = axis[1] / norm;
        double uz = axis[2] / norm;
        double t = rng.nextDouble(0.3, 3.0);
        double c = Math.cos(t);
        double s = Math.sin(t);
        return new double[][] {
            {c + ux * ux * (1 - c), ux * uy * (1 - c) - uz * s, ux * uz * (1 - c) + uy * s},
            {uy * ux * (1 - c) + uz * s, c + uy * uy * (1 - c), uy * uz * (1 - c) - ux * s},
            {uz * ux * (1 - c) - uy * s, uz * uy * (1 - c) + ux * s, c + uz * uz * (1 - c)}};
    }

    /** x → R·x + t for positions and R applied to the cell rows. */
    private static Structure transform(Structure s, double[][] rot, double[] shift) {
        double[] x = s.positions();
        double[] out = new double[x.length];
        for (int i = 0; i < s.atomCount(); i++) {
            for (int c = 0; c < 3; c++) {
                double v = shift[c];
                for (int k = 0; k < 3; k++) {
                    v += rot[c][k] * x[3 * i + k];
                }
                out[3 * i + c] = v;
            }
        }
        Cell cell = null;
        if (s.cell().isPresent()) {
            double[] h = s.cell().get().matrix();
            double[] hr = new double[9];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    for (int k = 0; k < 3; k++) {
                        hr[3 * r + c] += rot[c][k] * h[3 * r + k];
                    }
                }
            }
            cell = Cell.of(hr, new boolean[] {s.periodic(0), s.periodic(1), s.periodic(2)});
        }
        return Structure.of(s.name(), out, s.numbers(), cell, Labels.NONE);
    }
}
