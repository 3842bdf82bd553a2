package org.atomstack.model.hipnn.internal;

import java.util.Arrays;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Structure;

/**
 * Per-species energy offsets from the composition, fitted before training: the weighted least
 * squares solution of E_s ≈ Σ_k n_{s,k} e⁰_k over the structures s with an energy label
 * (n_{s,k} atoms of species k, weight w_s = {@link org.atomstack.api.structure.Labels#weight()}),
 * from the normal equations (AᵀWA + λI) e⁰ = AᵀWy with a tiny ridge λ = 10⁻¹⁰ · tr(AᵀWA)/S,
 * which only matters when compositions are collinear (then the minimum-norm-like solution is
 * taken). Without energy labels the offsets are zero. Stateless.
 */
final class OffsetFit {
    private OffsetFit() {
    }

    /**
     * Fits the offsets.
     *
     * @param data    the training structures
     * @param species atomic numbers, in the model's species order
     * @return e⁰ per species, eV
     * @throws IllegalArgumentException naming the structure when it holds an element outside {@code species}
     */
    static double[] fit(Dataset data, int[] species) {
        int k = species.length;
        double[] ata = new double[k * k];
        double[] aty = new double[k];
        boolean any = false;
        for (Structure st : data.structures()) {
            if (st.labels().energy().isEmpty()) {
                continue;
            }
            double w = st.labels().weight();
            double[] counts = new double[k];
            for (int z : st.numbers()) {
                int idx = indexOf(species, z);
                if (idx < 0) {
                    throw new IllegalArgumentException(st.name() + " contains atomic number " + z + ", outside the species "
                        + Arrays.toString(species));
                }
                counts[idx]++;
            }
            double y = st.labels().energy().getAsDouble();
            for (int a = 0; a < k; a++) {
                aty[a] += w * counts[a] * y;
                for (int b = 0; b < k; b++) {
                    ata[a * k + b] += w * counts[a] * counts[b];
                }
            }
            any |= w > 0;
        }
        if (!any) {
            return new double[k];
        }
        double trace = 0;
        for (int a = 0; a < k; a++) {
            trace += ata[a * k + a];
        }
        double ridge = 1e-10 * trace / k;
        for (int a = 0; a < k; a++) {
            ata[a * k + a] += ridge;
        }
        return solve(ata, aty, k);
    }

    /** Gaussian elimination with partial pivoting of the k × k system m·x = rhs. */
    private static double[] solve(double[] m, double[] rhs, int k) {
        double[] a = m.clone();
        double[] b = rhs.clone();
        for (int col = 0; col < k; col++) {
            int piv = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(a[r * k + col]) > Math.abs(a[piv * k + col])) {
                    piv = r;
                }
            }
            if (a[piv * k + col] == 0) {
                continue;
            }
            if (piv != col) {
                for (int c = 0; c < k; c++) {
                    double t = a[col * k + c];
                    a[col * k + c] = a[piv * k + c];
                    a[piv * k + c] = t;
                }
                double t = b[col];
                b[col] = b[piv];
                b[piv] = t;
            }
            for (int r = col + 1; r < k; r++) {
                double f = a[r * k + col] / a[col * k + col];
                for (int c = col; c < k; c++) {
                    a[r * k + c] -= f * a[col * k + c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < k; c++) {
                s -= a[r * k + c] * x[c];
            }
            x[r] = a[r * k + r] == 0 ? 0 : s / a[r * k + r];
        }
        return x;
    }

    private static int indexOf(int[] table, int z) {
        for (int i = 0; i < table.length; i++) {
            if (table[i] == z) {
                return i;
            }
        }
        return -1;
    }
}
