package org.atomstack.assembly.internal.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;

/**
 * Summary statistics of a dataset, as printed by {@code atomstack data stats}: counts, species,
 * energy per atom range, force-norm quantiles and neighbours per atom at a cutoff.
 *
 * @param name               dataset name
 * @param structures         number of structures
 * @param atoms              number of atoms
 * @param periodic           structures with at least one periodic direction
 * @param species            atom count per element symbol, ascending Z
 * @param energyLabelled     structures with an energy
 * @param energyPerAtom      min, mean, max of E/N in eV/atom over labelled structures (empty if none)
 * @param forceLabelledAtoms atoms with a force label
 * @param forceNormQuantiles |F| at quantiles 0, 0.05, 0.5, 0.95, 1 in eV/Å (empty if none)
 * @param stressLabelled     structures with a stress
 * @param cutoff             cutoff used for neighbour counts, Å
 * @param neighbors          min, mean, max neighbours per atom within the cutoff
 */
public record DataStatistics(String name, int structures, long atoms, int periodic, Map<String, Long> species,
                             int energyLabelled, double[] energyPerAtom, long forceLabelledAtoms,
                             double[] forceNormQuantiles, int stressLabelled, double cutoff, double[] neighbors) {

    /** Quantile levels of {@link #forceNormQuantiles}. */
    public static final double[] FORCE_QUANTILES = {0, 0.05, 0.5, 0.95, 1};

    /**
     * Computes the statistics; neighbour lists are built in parallel over structures.
     *
     * @param cutoff radius for neighbour counts, Å (&gt; 0)
     */
    public static DataStatistics of(Dataset data, double cutoff) {
        Map<String, Long> species = new LinkedHashMap<>();
        SortedMap<Integer, Long> counts = data.speciesCounts();
        counts.forEach((z, n) -> species.put(Elements.symbol(z), n));
        int periodic = 0;
        int energyLabelled = 0;
        int stressLabelled = 0;
        double eMin = Double.POSITIVE_INFINITY;
        double eMax = Double.NEGATIVE_INFINITY;
        double eSum = 0;
        long forceAtoms = 0;
        for (Structure s : data.structures()) {
            if (s.periodic(0) || s.periodic(1) || s.periodic(2)) {
                periodic++;
            }
            if (s.labels().energy().isPresent() && s.atomCount() > 0) {
                double e = s.labels().energy().getAsDouble() / s.atomCount();
                eMin = Math.min(eMin, e);
                eMax = Math.max(eMax, e);
                eSum += e;
                energyLabelled++;
            }
            if (s.labels().hasForces()) {
                forceAtoms += s.atomCount();
            }
            if (s.labels().stress().isPresent()) {
                stressLabelled++;
            }
        }
        double[] norms = new double[(int) forceAtoms];
        int k = 0;
        for (Structure s : data.structures()) {
            if (s.labels().hasForces()) {
                double[] f = s.labels().forces().orElseThrow();
                for (int i = 0; i < s.atomCount(); i++) {
                    norms[k++] = Math.sqrt(f[3 * i] * f[3 * i] + f[3 * i + 1] * f[3 * i + 1] + f[3 * i + 2] * f[3 * i + 2]);
                }
            }
        }
        Arrays.sort(norms);
        double[] q = new double[0];
        if (norms.length > 0) {
            q = new double[FORCE_QUANTILES.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = quantile(norms, FORCE_QUANTILES[i]);
            }
        }
        long[] nb = data.structures().parallelStream().map(s -> {
            NeighborList nl = NeighborList.build(s, cutoff);
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < s.atomCount(); i++) {
                min = Math.min(min, nl.neighborCount(i));
                max = Math.max(max, nl.neighborCount(i));
            }
            return new long[] {min, nl.edgeCount(), max};
        }).reduce(new long[] {Long.MAX_VALUE, 0, 0}, (a, b) -> new long[] {Math.min(a[0], b[0]), a[1] + b[1], Math.max(a[2], b[2])});
        long atoms = data.atomCount();
        double[] neighbors = atoms == 0 ? new double[0] : new double[] {nb[0], (double) nb[1] / atoms, nb[2]};
        double[] energy = energyLabelled == 0 ? new double[0] : new double[] {eMin, eSum / energyLabelled, eMax};
        return new DataStatistics(data.name(), data.size(), atoms, periodic, species, energyLabelled, energy,
            forceAtoms, q, stressLabelled, cutoff, neighbors);
    }

    /** Linear-interpolation quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
