package org.atomstack.purification.internal;

import java.util.Arrays;
import java.util.Locale;
import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.AceBasisSpec;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;

/**
 * Appendix C.2 / Table 2 of the purification paper: for one-species bases with the default
 * envelope (1 − y)²(1 + y)² (polynomial degree 4), whether the basis is closed under purification
 * (K′ = K at the level of invariants, i.e. the canonical and self-interacting bases span the same
 * space), how many invariants K′ \ K adds, and the size of P (a command-line tool).
 *
 * <pre>
 *   java -cp purification/target/classes:basis-ace/target/classes:api/target/classes \
 *     org.atomstack.purification.internal.ClosureTable [D1,D2,D3,D4 ...]
 * </pre>
 * Degrees in ACEpotentials' convention (n from 1), as in the paper's first column; default: the 12
 * rows of Table 2. w_L = 1.5.
 */
public final class ClosureTable {
    private ClosureTable() {
    }

    /**
     * Entry point.
     *
     * @param args degree tuples "D1,D2,..." in ACEpotentials' convention (default: Table 2)
     */
    public static void main(String[] args) {
        String[] rows = args.length > 0 ? args : new String[] {"22,18,14,10", "24,20,16,12", "26,22,18,14", "18,15,12,9", "20,17,14,11",
            "22,19,16,13", "18,16,14,12", "20,18,16,14", "22,20,18,16", "17,16,15,14", "19,18,17,16", "21,20,19,18"};
        RadialBasisSpec radial = RadialBasisSpec.polynomial(1, 5.0, 0, RadialBasisSpec.Transform.LINEAR, Double.NaN, Double.NaN, Double.NaN,
            2, 2, RadialBasisSpec.Polynomials.JACOBI);
        System.out.println("| D^ACEpot | D (ours) | basis functions | extra invariants (K' \\ K) | non-zeros of P | closed (equivalent) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String row : rows) {
            double[] acepot = Arrays.stream(row.split(",")).mapToDouble(Double::parseDouble).toArray();
            double[] d = new double[acepot.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = acepot[i] - (i + 1);
            }
            AceBasisSet basis = new AceBasisSpec(new int[] {42}, d.length, d, 1.5, -1, -1).build();
            int[] all = new int[basis.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            PurificationOperator op = PurificationOperator.build(basis, new RadialProducts[] {new RadialProducts(radial, 1e-10, 4)},
                new AngularProducts(), all);
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %s |%n", row, format(d), basis.size(), op.extensions().size(),
                op.nonZeros(), op.extensions().isEmpty() ? "yes" : "no");
            System.out.flush();
        }
    }

    private static String format(double[] d) {
        StringBuilder sb = new StringBuilder();
        for (double v : d) {
            sb.append(sb.length() == 0 ? "" : ",").append((int) v);
        }
        return sb.toString();
    }
}
