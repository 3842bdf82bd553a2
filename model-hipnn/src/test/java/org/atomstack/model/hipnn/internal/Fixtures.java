package org.atomstack.model.hipnn.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.Structure;

/**
 * Test data: distorted bcc supercells and small clusters, labelled by a smooth pair potential
 * φ(r) = ε_ij ((r0/r)⁸ − 2 (r0/r)⁴) (1 − (r/rc)²)² (r &lt; rc = 4.5 Å, r0 = 2.75 Å) with exact
 * energies, forces and stresses, plus a per-species constant; and the CPU backend.
 */
final class Fixtures {
    static final double RC = 4.5;
    static final double R0 = 2.75;

    private Fixtures() {
    }

    /** The CPU backend, found through the service loader. */
    static Backend cpu() {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.id().equals("cpu")) {
                return p.open();
            }
        }
        throw new IllegalStateException("the cpu backend is not on the test class path");
    }

    /** A stack context for {@code species} on {@code backend}. */
    static StackContext context(int[] species, long seed, Backend backend) {
        return StackContext.of(species, seed, PluginRegistry.serviceLoader(Fixtures.class.getClassLoader()), backend);
    }

    /** Model-stage parameters from alternating keys and values. */
    static Parameters parameters(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Parameters.of("model", m);
    }

    /**
     * A bcc supercell of reps³ cubic cells (2 atoms each), lattice constant {@code a} scaled by a
     * random strain of ±{@code strain}, atoms displaced by up to {@code shake} Å (0 and 0: a perfect
     * crystal), species drawn from {@code numbers}; labelled.
     */
    static Structure bcc(SplittableRandom rng, String name, int reps, double a, double strain, double shake, int... numbers) {
        double[] h = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                h[3 * i + j] = reps * a * ((i == j ? 1 : 0) + jitter(rng, strain));
            }
        }
        int n = 2 * reps * reps * reps;
        double[] x = new double[3 * n];
        int[] z = new int[n];
        int k = 0;
        for (int i = 0; i < reps; i++) {
            for (int j = 0; j < reps; j++) {
                for (int l = 0; l < reps; l++) {
                    for (int b = 0; b < 2; b++) {
                        double[] f = {(i + 0.5 * b) / reps, (j + 0.5 * b) / reps, (l + 0.5 * b) / reps};
                        for (int c = 0; c < 3; c++) {
                            x[3 * k + c] = f[0] * h[c] + f[1] * h[3 + c] + f[2] * h[6 + c] + jitter(rng, shake);
                        }
                        z[k] = numbers[rng.nextInt(numbers.length)];
                        k++;
                    }
                }
            }
        }
        return label(Structure.of(name, x, z, Cell.periodic(h), Labels.NONE));
    }

    /** Uniform in (−w, w), or exactly 0 without a draw when w = 0 (a perfect crystal). */
    private static double jitter(SplittableRandom rng, double w) {
        return w == 0 ? 0 : rng.nextDouble(-w, w);
    }

    /** A non-periodic cluster of {@code n} atoms at least 2.1 Å apart in a sphere, labelled. */
    static Structure cluster(SplittableRandom rng, String name, int n, int... numbers) {
        double[] x = new double[3 * n];
        int placed = 0;
        double radius = 1.6 * Math.cbrt(n);
        while (placed < n) {
            double[] p = {rng.nextDouble(-radius, radius), rng.nextDouble(-radius, radius), rng.nextDouble(-radius, radius)};
            boolean ok = true;
            for (int i = 0; i < placed && ok; i++) {
                double d2 = 0;
                for (int c = 0; c < 3; c++) {
                    d2 += (p[c] - x[3 * i + c]) * (p[c] - x[3 * i + c]);
                }
                ok = d2 > 2.1 * 2.1;
            }
            if (ok) {
                System.arraycopy(p, 0, x, 3 * placed, 3);
                placed++;
            }
        }
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            z[i] = numbers[rng.nextInt(numbers.length)];
        }
        return label(Structure.of(name, x, z, null, Labels.NONE));
    }

    /** A labelled dataset of {@code count} bcc cells. */
    static Dataset bccSet(long seed, int count, int reps, int... numbers) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Structure> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(bcc(rng, "bcc-" + i, reps, 3.16, 0.03, 0.15, numbers));
        }
        return Dataset.of("bcc", out);
    }

    private static double epsilon(int zi, int zj) {
        return 0.3 + 0.01 * ((zi + zj) % 7);
    }

    private static double atomEnergy(int z) {
        return -10 - 0.1 * (z % 5);
    }

    /** Labels from the pair potential (energy, forces, and stress for periodic cells). */
    static Structure label(Structure s) {
        org.atomstack.api.structure.NeighborList nl = org.atomstack.api.structure.NeighborList.build(s, RC);
        int n = s.atomCount();
        double e = 0;
        double[] grad = new double[3 * nl.edgeCount()];
        for (int i = 0; i < n; i++) {
            e += atomEnergy(s.number(i));
        }
        for (int k = 0; k < nl.edgeCount(); k++) {
            double r = nl.distance(k);
            double eps = epsilon(s.number(nl.centre(k)), s.number(nl.neighbor(k)));
            double q = R0 / r;
            double q4 = q * q * q * q;
            double core = q4 * q4 - 2 * q4;
            double dcore = (-8 * q4 * q4 + 8 * q4) / r;
            double t = 1 - (r / RC) * (r / RC);
            double fc = t * t;
            double dfc = -4 * t * r / (RC * RC);
            // each pair appears twice (i→j and j→i): half the pair energy per directed edge
            e += 0.5 * eps * core * fc;
            double dphi = 0.5 * eps * (dcore * fc + core * dfc);
            for (int c = 0; c < 3; c++) {
                grad[3 * k + c] = dphi * nl.vector(k, c) / r;
            }
        }
        Labels.Builder b = Labels.builder().energy(e).forces(nl.forces(grad));
        if (s.cell().isPresent() && s.periodic(0) && s.periodic(1) && s.periodic(2)) {
            b.stress(nl.stress(grad, s.cell().get().volume()));
        }
        return s.withLabels(b.build());
    }
}
