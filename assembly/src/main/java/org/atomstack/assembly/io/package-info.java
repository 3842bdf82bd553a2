/**
 * Reading and writing structure data: extended XYZ (ASE conventions) and the pymatgen/mlearn
 * JSON of the Zuo et al. benchmark. Errors name the file, frame/record, line and problem.
 *
 * <p>Package version 0.1.0.
 */
package org.atomstack.assembly.io;
