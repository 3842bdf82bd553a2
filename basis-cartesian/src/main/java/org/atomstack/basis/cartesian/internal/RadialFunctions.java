package org.atomstack.basis.cartesian.internal;

/**
 * Radial channels R_n(r), n = 0..count−1, with a smooth cutoff: R_n and R_n' vanish at and
 * beyond {@link #cutoff()}. The descriptor only sees this interface, so the implementation can
 * be exchanged (e.g. for basis-ace's toolkit radial bases) without touching the invariants.
 * Implementations are immutable and thread-safe.
 */
public interface RadialFunctions {
    /**
     * Number of functions.
     *
     * @return count ≥ 1
     */
    int count();

    /**
     * Cutoff radius r_c, Å.
     *
     * @return r_c
     */
    double cutoff();

    /**
     * Values and first derivatives at distance r (both zero for r ≥ r_c).
     *
     * @param r           distance, Å, ≥ 0
     * @param values      receives count() values R_n(r)
     * @param derivatives receives count() values dR_n/dr, or null
     */
    void evaluate(double r, double[] values, double[] derivatives);
}
