/**
 * What every stage of a stack is built with: the {@link org.atomstack.api.stack.StackContext}
 * (species, seed, registry, backend).
 *
 * <p>Package version 1.0.0.
 */
package org.atomstack.api.stack;
