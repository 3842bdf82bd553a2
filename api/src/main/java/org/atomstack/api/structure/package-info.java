/**
 * Atomic structures, their reference labels, datasets and neighbour lists.
 *
 * <p>Units: positions and cell vectors in Å, energies in eV, forces in eV/Å, stresses in
 * eV/Å³. All types here are immutable and validated on construction.
 *
 * <p>Package version 1.0.0 (see the module's {@code atomstack.bnd.exports}).
 */
package org.atomstack.api.structure;
