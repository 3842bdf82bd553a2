/**
 * The Model SPI: potentials that predict total energies and, by derivative, forces and
 * stresses, trained from datasets. A {@link org.atomstack.api.model.ModelTrainer} holds the
 * configuration; the trained {@link org.atomstack.api.model.Model} is the immutable result.
 *
 * <p>Package version 1.0.0.
 */
package org.atomstack.api.model;
