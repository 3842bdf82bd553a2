package org.atomstack.basis.ace.toolkit;

import java.util.SplittableRandom;

/** Random orthogonal matrices and vectors for tests. */
final class Rotations {
    private Rotations() {
    }

    /** A Haar-random rotation (x' = Q x); with {@code reflect}, composed with x → −x. */
    static double[][] random(SplittableRandom rng, boolean reflect) {
        double w;
        double x;
        double y;
        double z;
        double n;
        do {
            w = rng.nextGaussian(0, 1);
            x = rng.nextGaussian(0, 1);
            y = rng.nextGaussian(0, 1);
            z = rng.nextGaussian(0, 1);
            n = Math.sqrt(w * w + x * x + y * y + z * z);
        } while (n < 1e-6);
        w /= n;
        x /= n;
        y /= n;
        z /= n;
        double s = reflect ? -1 : 1;
        return new double[][] {
            {s * (1 - 2 * (y * y + z * z)), s * 2 * (x * y - z * w), s * 2 * (x * z + y * w)},
            {s * 2 * (x * y + z * w), s * (1 - 2 * (x * x + z * z)), s * 2 * (y * z - x * w)},
            {s * 2 * (x * z - y * w), s * 2 * (y * z + x * w), s * (1 - 2 * (x * x + y * y))}
        };
    }

    static double[] apply(double[][] q, double[] v) {
        double[] out = new double[3];
        for (int a = 0; a < 3; a++) {
            out[a] = q[a][0] * v[0] + q[a][1] * v[1] + q[a][2] * v[2];
        }
        return out;
    }

    static double[] randomVector(SplittableRandom rng) {
        return new double[] {rng.nextGaussian(0, 1), rng.nextGaussian(0, 1), rng.nextGaussian(0, 1)};
    }
}
