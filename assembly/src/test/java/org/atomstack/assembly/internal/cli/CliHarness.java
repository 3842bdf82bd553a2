package org.atomstack.assembly.internal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.assembly.internal.wiring.AtomstackModule;
import org.atomstack.assembly.internal.wiring.Lifecycle;

/** Runs the CLI in-process with an explicit registry and captures its output. */
final class CliHarness {
    record Result(int status, String out, String err) {
    }

    private CliHarness() {
    }

    static Result run(PluginRegistry registry, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (Lifecycle lifecycle = new Lifecycle()) {
            status = Main.run(AtomstackModule.withRegistry(registry, lifecycle), args, new PrintWriter(out, true), new PrintWriter(err, true));
        }
        return new Result(status, out.toString(), err.toString());
    }
}
