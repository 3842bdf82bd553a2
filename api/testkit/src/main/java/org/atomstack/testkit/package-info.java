/**
 * Contract suites and fixtures for plugin authors.
 *
 * <p>Package version 1.0.0.
 */
package org.atomstack.testkit;
