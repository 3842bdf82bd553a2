/**
 * The Backend SPI: compute devices chosen at run time ({@code --backend auto|cpu|NAME}).
 * A provider reports whether it can run here ({@link org.atomstack.api.backend.Availability})
 * and opens a {@link org.atomstack.api.backend.Backend} whose resources are released by
 * {@code close()}.
 *
 * <p>Package version 1.0.0.
 */
package org.atomstack.api.backend;
