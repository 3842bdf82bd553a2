package org.atomstack.basis.ace.internal;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Default length scales r0 of the radial transforms: approximate nearest-neighbour distances
 * (Å) of the elemental ground-state crystals, from the reference lattice constants that ASE
 * ships (fcc a/√2, bcc a√3/2, diamond a√3/4, hcp a). ACEpotentials uses the same quantity
 * (JuLIP's rnn) as its default r0. Elements not listed need an explicit {@code radial.r0}.
 */
final class ReferenceDistances {
    private static final double SQRT2 = Math.sqrt(2);
    private static final double SQRT3 = Math.sqrt(3);

    private static final Map<Integer, Double> NEAREST = Map.ofEntries(
        Map.entry(3, 3.49 * SQRT3 / 2),   // Li bcc
        Map.entry(4, 2.29),               // Be hcp
        Map.entry(6, 3.57 * SQRT3 / 4),   // C diamond
        Map.entry(11, 4.23 * SQRT3 / 2),  // Na bcc
        Map.entry(12, 3.21),              // Mg hcp
        Map.entry(13, 4.05 / SQRT2),      // Al fcc
        Map.entry(14, 5.43 * SQRT3 / 4),  // Si diamond
        Map.entry(19, 5.23 * SQRT3 / 2),  // K bcc
        Map.entry(20, 5.58 / SQRT2),      // Ca fcc
        Map.entry(22, 2.95),              // Ti hcp
        Map.entry(23, 3.02 * SQRT3 / 2),  // V bcc
        Map.entry(24, 2.88 * SQRT3 / 2),  // Cr bcc
        Map.entry(26, 2.87 * SQRT3 / 2),  // Fe bcc
        Map.entry(27, 2.51),              // Co hcp
        Map.entry(28, 3.52 / SQRT2),      // Ni fcc
        Map.entry(29, 3.61 / SQRT2),      // Cu fcc
        Map.entry(30, 2.66),              // Zn hcp
        Map.entry(32, 5.66 * SQRT3 / 4),  // Ge diamond
        Map.entry(40, 3.23),              // Zr hcp
        Map.entry(41, 3.30 * SQRT3 / 2),  // Nb bcc
        Map.entry(42, 3.15 * SQRT3 / 2),  // Mo bcc
        Map.entry(44, 2.71),              // Ru hcp
        Map.entry(45, 3.80 / SQRT2),      // Rh fcc
        Map.entry(46, 3.89 / SQRT2),      // Pd fcc
        Map.entry(47, 4.09 / SQRT2),      // Ag fcc
        Map.entry(72, 3.20),              // Hf hcp
        Map.entry(73, 3.31 * SQRT3 / 2),  // Ta bcc
        Map.entry(74, 3.16 * SQRT3 / 2),  // W bcc
        Map.entry(75, 2.76),              // Re hcp
        Map.entry(77, 3.84 / SQRT2),      // Ir fcc
        Map.entry(78, 3.92 / SQRT2),      // Pt fcc
        Map.entry(79, 4.08 / SQRT2),      // Au fcc
        Map.entry(82, 4.95 / SQRT2));     // Pb fcc

    private ReferenceDistances() {
    }

    /** The default r0 of element z, if tabulated. */
    static OptionalDouble of(int z) {
        Double d = NEAREST.get(z);
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }
}
