package org.atomstack.basis.ace.toolkit;

import org.junit.jupiter.api.Test;

class AceBasisSpecTest {
    @Test
    void explore() {
        int[][] acePot = {{22, 18, 14, 10}, {24, 20, 16, 12}, {26, 22, 18, 14}, {18, 15, 12, 9}, {20, 17, 14, 11}, {22, 19, 16, 13}, {18, 16, 14, 12}, {20, 18, 16, 14}, {22, 20, 18, 16}, {17, 16, 15, 14}, {19, 18, 17, 16}, {21, 20, 19, 18}, {18, 14, 10, 6}, {20, 16, 12, 8}};
        for (int[] d : acePot) {
            double[] d0 = new double[4];
            for (int i = 0; i < 4; i++) {
                d0[i] = d[i] - (i + 1);
            }
            long t = System.nanoTime();
            AceBasisSet a = new AceBasisSpec(new int[] {42}, 4, d0, 1.5, -1, 6).build();
            double[] d15 = new double[4];
            for (int i = 0; i < 4; i++) {
                d15[i] = d[i] - (i + 1);
            }
            AceBasisSet b = new AceBasisSpec(new int[] {42}, 4, d15, 1.5, -1, -1).build();
            System.out.println(java.util.Arrays.toString(d) + " wL=1.5,lmax6: " + a.size() + " " + java.util.Arrays.toString(a.countByOrder())
                + "  wL=1.5: " + b.size() + " " + java.util.Arrays.toString(b.countByOrder()) + " " + (System.nanoTime() - t) / 1e6 + " ms");
        }
    }
}
