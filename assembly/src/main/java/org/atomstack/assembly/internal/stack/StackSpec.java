package org.atomstack.assembly.internal.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed stack file:
 *
 * <pre>{@code
 * name: ace-linear-Mo            # optional; default the file name
 * seed: 1                        # optional; default 1
 * descriptor:                    # optional for models with their own features
 *   plugin: ace                  # plugin id (required)
 *   version: "[0.1,1.0)"         # optional version range of the plugin
 *   cutoff: 5.0                  # every other key is a parameter of the plugin
 * selector:                      # optional: a selection applied to the descriptor
 *   plugin: langbein
 *   # file: sel.json              # or read one written by 'atomstack select' (no other keys then)
 * model:
 *   plugin: linear
 *   solver: blr
 * }</pre>
 *
 * @param name       stack name
 * @param source     the file it came from (for messages), or a pseudo-path for inline stacks
 * @param seed       seed for every random choice of the stack
 * @param descriptor the descriptor stage, if any
 * @param selector   the selector stage, if any
 * @param model      the model stage
 * @param document   the whole document as read (saved with models)
 */
public record StackSpec(String name, Path source, long seed, Optional<StageSpec> descriptor, Optional<StageSpec> selector,
                        StageSpec model, Map<String, Object> document) {
}
