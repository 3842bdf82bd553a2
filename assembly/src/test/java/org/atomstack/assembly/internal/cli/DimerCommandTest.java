package org.atomstack.assembly.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atomstack.api.structure.Dataset;
import org.atomstack.assembly.io.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atomstack dimer} on a model fitted with the real ace and linear plugins. */
class DimerCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheCurveItsSlopeAndTheSmoothnessSummary() throws Exception {
        Dataset d = DataFiles.read(FitEvalTest.MO.resolve("training.json")).randomSubset(20, 3);
        Path train = tmp.resolve("train.xyz");
        DataFiles.writeExtendedXyz(d, train);
        Path fit = tmp.resolve("fit");
        CliHarness.Result f = CliHarness.run(FitEvalTest.REGISTRY, "fit", "--stack", FitEvalTest.STACK.toString(), "--train", train.toString(),
            "--out", fit.toString());
        assertEquals(0, f.status(), f.err());
        Path csv = tmp.resolve("dimer.csv");
        Path png = tmp.resolve("dimer.png");
        CliHarness.Result r = CliHarness.run(FitEvalTest.REGISTRY, "dimer", "--model", fit.toString(), "--from", "2.0", "--step", "0.01",
            "--out", csv.toString(), "--png", png.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("E'' sign chg") && r.out().contains(fit.toString()), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("r,E " + fit + ",dE/dr " + fit), lines.get(0));
        int n = lines.size() - 1;
        double[] r0 = new double[n];
        double[] e = new double[n];
        double[] de = new double[n];
        for (int i = 0; i < n; i++) {
            String[] p = lines.get(i + 1).split(",");
            r0[i] = Double.parseDouble(p[0]);
            e[i] = Double.parseDouble(p[1]);
            de[i] = Double.parseDouble(p[2]);
        }
        assertEquals(2.0, r0[0], 1e-12);
        assertEquals(0, e[n - 1], 1e-9, "at the cutoff the dimer energy is that of two isolated atoms");
        for (int i = 1; i < n - 1; i++) {
            double fd = (e[i + 1] - e[i - 1]) / (r0[i + 1] - r0[i - 1]);
            assertEquals(fd, de[i], 2e-3 * (1 + Math.abs(fd)), "dE/dr from the forces vs the energies at r = " + r0[i]);
        }
        byte[] b = Files.readAllBytes(png);
        assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G');
    }

    @Test
    void withoutModelsItSaysWhatToGive() {
        CliHarness.Result r = CliHarness.run(FitEvalTest.REGISTRY, "dimer", "--out", tmp.resolve("x.csv").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("--model DIR") && r.err().contains("--study DIR"), r.err());
    }
}
