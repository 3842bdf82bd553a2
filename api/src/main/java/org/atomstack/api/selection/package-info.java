/**
 * The Selector SPI: choosing a subset of a basis (e.g. Langbein functional-independence
 * selection), from a basis exposed as functions of primitive variables with their Jacobian.
 *
 * <p>Package version 1.0.0.
 */
package org.atomstack.api.selection;
