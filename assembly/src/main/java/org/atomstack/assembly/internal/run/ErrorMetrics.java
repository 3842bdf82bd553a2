package org.atomstack.assembly.internal.run;

/**
 * Errors of a model on one dataset, in the units used by the Zuo et al. benchmark: energy per
 * atom in meV/atom, force components in eV/Å, stress components in GPa. NaN where the data
 * has no such labels.
 *
 * @param structures          structures evaluated
 * @param atoms               atoms evaluated
 * @param energyMaeMeVPerAtom mean |E_pred − E_ref| / N
 * @param energyRmseMeVPerAtom root mean square of (E_pred − E_ref) / N
 * @param forceMae            mean |F_pred − F_ref| over all force components
 * @param forceRmse           RMS over all force components
 * @param stressMaeGPa        mean |σ_pred − σ_ref| over the 6 Voigt components of periodic structures
 * @param stressRmseGPa       RMS over the same
 * @param microsecondsPerAtom inference wall time (energy, forces, stress) per atom
 */
public record ErrorMetrics(int structures, long atoms, double energyMaeMeVPerAtom, double energyRmseMeVPerAtom,
                           double forceMae, double forceRmse, double stressMaeGPa, double stressRmseGPa,
                           double microsecondsPerAtom) {
    /** eV/Å³ in GPa. */
    public static final double GPA_PER_EV_PER_A3 = 160.21766208;
}
