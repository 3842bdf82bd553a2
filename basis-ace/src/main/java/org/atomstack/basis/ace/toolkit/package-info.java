/**
 * The ACE toolkit, exported for reuse by other plugins: {@link
 * org.atomstack.basis.ace.toolkit.RealSphericalHarmonics} (real Y_lm with gradients and as
 * sparse polynomials), {@link org.atomstack.basis.ace.toolkit.ClebschGordan} (complex and real
 * coupling coefficients, real Gaunt coefficients, generalised couplings to rotation
 * invariants), {@link org.atomstack.basis.ace.toolkit.RadialBasisSpec} (polynomial and Bessel
 * radial bases with smooth cutoffs), {@link org.atomstack.basis.ace.toolkit.AceBasisSpec} /
 * {@link org.atomstack.basis.ace.toolkit.AceBasisSet} (total-degree ACE basis enumeration with
 * couplings), {@link org.atomstack.basis.ace.toolkit.ProductBasisEvaluator} (the atomic base and
 * the invariants built from its products, with derivatives) and {@link
 * org.atomstack.basis.ace.toolkit.AtomicEnvironments} (species-grouped neighbourhoods and the
 * per-atom feature loop). Lengths are in Å. All types are immutable and thread-safe, except the
 * per-thread scratch: {@code ProductBasisEvaluator.Workspace} and {@code AtomicEnvironments}.
 *
 * <p>Package version 0.1.0.
 */
package org.atomstack.basis.ace.toolkit;
