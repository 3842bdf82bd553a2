package org.atomstack.purification.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.AceBasisSpec;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;

/**
 * Table 1 of the purification paper: condition numbers of the Gram matrices of the canonical and
 * self-interacting invariants of correlation order N for J = N particles (a command-line tool,
 * not part of the plugin's behaviour).
 *
 * <p>Setting: one species; one-particle functions φ_nlm = R_n Y_lm with the polynomial radial
 * basis in the linear transform y = 2r/r_c − 1 (r_c = 1) with envelope (1 − y)²(1 + y)² and Jacobi
 * polynomials, so that the φ_nlm are orthonormal for μ = (uniform r in [0, r_c]) × (uniform
 * direction); w_L = 1.5. For each order N and total degree D (n from 0; ACE1x/ACEpotentials
 * count n from 1, so their degree is D + N) the order-N functions of the ace basis are evaluated on
 * S = factor × (their number) samples of N points drawn from μ^⊗N: self-interacting B = C·AA, and
 * canonical 𝔅 = T·B′ with the purification operator (which needs lower-order functions of the
 * extended K′). The Gram matrix G = (1/S) Σ f fᵀ is scaled by its diagonal, D^{−½} G D^{−½}, and
 * κ = λ_max/λ_min. For the canonical basis the expected value is 1 (orthogonality), up to sampling
 * error.
 *
 * <pre>
 *   java -cp purification/target/classes:basis-ace/target/classes:api/target/classes \
 *     org.atomstack.purification.internal.GramConditioning [--orders 2,3,4] [--degrees 10,12,14,16]
 *     [--ace1x | --ours] [--factor 70] [--seed 1]
 * </pre>
 * {@code --ace1x} (default) reads the degrees in the paper's convention (D_ours = D − N).
 */
public final class GramConditioning {
    private GramConditioning() {
    }

    /** One cell of the table. */
    record Cell(int order, int degree, int functions, int samples, double canonical, double selfInteracting, int extension) {
    }

    /**
     * Entry point.
     *
     * @param args see the class description
     */
    public static void main(String[] args) {
        int[] orders = {2, 3, 4};
        int[] degrees = {10, 12, 14, 16};
        boolean ace1x = true;
        int factor = 70;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--orders" -> orders = ints(args[++i]);
                case "--degrees" -> degrees = ints(args[++i]);
                case "--ace1x" -> ace1x = true;
                case "--ours" -> ace1x = false;
                case "--factor" -> factor = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                    + "'; usage: [--orders 2,3,4] [--degrees 10,12,14,16] [--ace1x | --ours] [--factor 70] [--seed 1]");
            }
        }
        PrintStream out = System.out;
        List<Cell> cells = new ArrayList<>();
        for (int n : orders) {
            for (int d : degrees) {
                int ours = ace1x ? d - n : d;
                Cell c = cell(n, ours, factor, seed + 1000L * n + d);
                cells.add(c);
                out.printf(Locale.ROOT, "N = %d, D = %d (ours %d): %d functions, %d samples, %d extra invariants; "
                    + "κ canonical %.3g, self-interacting %.3g%n", n, d, ours, c.functions(), c.samples(), c.extension(), c.canonical(),
                    c.selfInteracting());
                out.flush();
            }
        }
        out.println();
        out.println(table(cells, orders, degrees, ace1x));
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.split(",")).mapToInt(t -> Integer.parseInt(t.strip())).toArray();
    }

    /** The Markdown table: one row pair per order, one column per degree. */
    static String table(List<Cell> cells, int[] orders, int[] degrees, boolean ace1x) {
        Map<String, Cell> by = new TreeMap<>();
        for (Cell c : cells) {
            by.put(c.order() + "/" + c.degree(), c);
        }
        StringBuilder sb = new StringBuilder("| N | basis | ");
        for (int d : degrees) {
            sb.append("D = ").append(d).append(" | ");
        }
        sb.append("\n|---|---|");
        for (int d : degrees) {
            sb.append("---|");
        }
        sb.append('\n');
        for (int n : orders) {
            for (int kind = 0; kind < 3; kind++) {
                sb.append("| ").append(kind == 0 ? String.valueOf(n) : "").append(" | ")
                    .append(kind == 0 ? "functions" : kind == 1 ? "canonical" : "self-interacting").append(" | ");
                for (int d : degrees) {
                    Cell c = by.get(n + "/" + (ace1x ? d - n : d));
                    sb.append(kind == 0 ? String.valueOf(c.functions()) : String.format(Locale.ROOT, "%.2g",
                        kind == 1 ? c.canonical() : c.selfInteracting())).append(" | ");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** κ of both bases for order n and total degree d (our convention). */
    static Cell cell(int n, int d, int factor, long seed) {
        double[] deg = new double[n];
        Arrays.fill(deg, d);
        AceBasisSet basis = new AceBasisSpec(new int[] {42}, n, deg, 1.5, -1, -1).build();
        List<Integer> rowList = new ArrayList<>();
        for (int k = 0; k < basis.size(); k++) {
            if (basis.function(k).order() == n) {
                rowList.add(k);
            }
        }
        int[] rows = rowList.stream().mapToInt(Integer::intValue).toArray();
        int m = rows.length;
        RadialBasisSpec radial = RadialBasisSpec.polynomial(1, 1.0, 0, RadialBasisSpec.Transform.LINEAR, Double.NaN, Double.NaN, Double.NaN,
            2, 2, RadialBasisSpec.Polynomials.JACOBI);
        PurificationOperator op = PurificationOperator.build(basis, new RadialProducts[] {new RadialProducts(radial, 1e-10, 4)},
            new AngularProducts(), rows);
        CanonicalEvaluator canonical = evaluator(basis, op, rows, radial, true);
        CanonicalEvaluator self = evaluator(basis, op, rows, radial, false);
        int samples = factor * m;
        double[][] gc = new double[m][m];
        double[][] gs = new double[m][m];
        CanonicalEvaluator.Workspace wc = canonical.workspace();
        CanonicalEvaluator.Workspace ws = self.workspace();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] vec = new double[3 * n];
        double[] dist = new double[n];
        int[] species = new int[n];
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < n; j++) {
                double r = rnd.nextDouble();
                double cz = 2 * rnd.nextDouble() - 1;
                double phi = 2 * Math.PI * rnd.nextDouble();
                double sz = Math.sqrt(Math.max(0, 1 - cz * cz));
                vec[3 * j] = r * sz * Math.cos(phi);
                vec[3 * j + 1] = r * sz * Math.sin(phi);
                vec[3 * j + 2] = r * cz;
                dist[j] = r;
            }
            canonical.evaluate(wc, n, vec, dist, species);
            self.evaluate(ws, n, vec, dist, species);
            accumulate(gc, wc.values);
            accumulate(gs, ws.values);
        }
        return new Cell(n, d, m, samples, condition(gc), condition(gs), op.extensions().size());
    }

    private static CanonicalEvaluator evaluator(AceBasisSet basis, PurificationOperator op, int[] rows, RadialBasisSpec radial,
                                                boolean purified) {
        int m = rows.length;
        List<ProductInvariant> inner = new ArrayList<>();
        int[][] rowInner = new int[m][];
        double[][] rowValues = new double[m][];
        int[] columns = new int[m];
        if (purified) {
            Map<Integer, Integer> innerOf = new TreeMap<>();
            for (int r = 0; r < m; r++) {
                for (int col : op.columns(r)) {
                    innerOf.put(col, 0);
                }
            }
            for (Map.Entry<Integer, Integer> e : innerOf.entrySet()) {
                e.setValue(inner.size());
                int col = e.getKey();
                inner.add(col < basis.size() ? ProductInvariant.of(basis, col) : op.extensions().get(col - basis.size()));
            }
            for (int r = 0; r < m; r++) {
                int[] oc = op.columns(r);
                rowInner[r] = new int[oc.length];
                for (int p = 0; p < oc.length; p++) {
                    rowInner[r][p] = innerOf.get(oc[p]);
                }
                rowValues[r] = op.values(r).clone();
                columns[r] = r;
            }
        } else {
            for (int r = 0; r < m; r++) {
                inner.add(ProductInvariant.of(basis, rows[r]));
                rowInner[r] = new int[] {r};
                rowValues[r] = new double[] {1};
                columns[r] = r;
            }
        }
        return new CanonicalEvaluator(inner, rowInner, rowValues, columns, new RadialBasisSpec[] {radial});
    }

    private static void accumulate(double[][] g, double[] f) {
        int m = f.length;
        for (int i = 0; i < m; i++) {
            double fi = f[i];
            double[] row = g[i];
            for (int j = 0; j <= i; j++) {
                row[j] += fi * f[j];
            }
        }
    }

    /** κ of D^{−½} G D^{−½} (lower triangle of G). */
    static double condition(double[][] g) {
        int m = g.length;
        double[] s = new double[m];
        for (int i = 0; i < m; i++) {
            s[i] = 1 / Math.sqrt(g[i][i]);
        }
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = g[i][j] * s[i] * s[j];
                a[j][i] = a[i][j];
            }
        }
        double[] lambda = SymmetricEigenvalues.of(a);
        return lambda[m - 1] / lambda[0];
    }
}
