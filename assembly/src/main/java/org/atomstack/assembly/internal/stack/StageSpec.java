package org.atomstack.assembly.internal.stack;

import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.VersionRange;

/**
 * One stage of a stack file: the plugin id, an optional version range, and the stage's
 * parameters (every other key of the section).
 *
 * @param plugin     plugin id
 * @param version    accepted versions
 * @param parameters the remaining keys, with error paths like "stack s.yaml: descriptor.cutoff"
 */
public record StageSpec(String plugin, VersionRange version, Parameters parameters) {
}
