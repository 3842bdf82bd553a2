package org.atomstack.assembly.internal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.assembly.internal.wiring.RuntimeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atomstack plugins}: every discovered plugin with kind, id, version, origin and status. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List the discovered plugins: kind, id, version, status and origin (jar, module or bundle).")
public final class PluginsCommand implements java.util.concurrent.Callable<Integer> {
    private final Provider<PluginRegistry> registry;
    private final RuntimeOptions options;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /** @param registry the registry (created lazily, after options are parsed) */
    @Inject
    public PluginsCommand(Provider<PluginRegistry> registry, RuntimeOptions options) {
        this.registry = registry;
        this.options = options;
    }

    @Override
    public Integer call() throws Exception {
        PluginRegistry reg = registry.get();
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, String>> rows = new ArrayList<>();
        for (Plugin<?> p : reg.plugins()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("kind", p.info().kind().label());
            row.put("id", p.info().id());
            row.put("version", p.info().version().toString());
            row.put("status", status(p));
            row.put("runtime", p.info().runtime());
            row.put("origin", p.info().origin());
            row.put("description", p.info().description());
            rows.add(row);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("runtime", options.runtime().name().toLowerCase(java.util.Locale.ROOT));
            doc.put("plugins", rows);
            doc.put("problems", reg.problems());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            out.flush();
            return 0;
        }
        if (rows.isEmpty()) {
            out.println("No plugins found (runtime " + options.runtime().name().toLowerCase(java.util.Locale.ROOT) + ").");
            out.println("A plugin is a jar on the module path or class path that registers a provider in");
            out.println("META-INF/services (and module-info 'provides'); with --runtime osgi, a bundle in the plugins folder.");
        } else {
            // long statuses (a backend's reason for being unavailable) go below the table
            List<String> notes = new ArrayList<>();
            List<List<String>> cells = new ArrayList<>();
            for (Map<String, String> r : rows) {
                String status = r.get("status");
                if (status.length() > STATUS_WIDTH) {
                    notes.add("[" + (notes.size() + 1) + "] " + r.get("id") + " " + r.get("version") + " " + status);
                    int word = status.indexOf(status.startsWith("unavailable") ? ':' : ' ');
                    status = status.substring(0, word < 0 ? STATUS_WIDTH : word) + " [" + notes.size() + "]";
                }
                cells.add(List.of(r.get("kind"), r.get("id"), r.get("version"), status, r.get("origin")));
            }
            Table.print(out, List.of("KIND", "ID", "VERSION", "STATUS", "ORIGIN"), cells);
            if (!notes.isEmpty()) {
                out.println();
                notes.forEach(out::println);
            }
        }
        if (!reg.problems().isEmpty()) {
            out.println();
            out.println("Problems:");
            for (String problem : reg.problems()) {
                out.println("  " + problem);
            }
        }
        out.flush();
        return 0;
    }

    /** Statuses longer than this are footnoted in the table. */
    private static final int STATUS_WIDTH = 48;

    private static String status(Plugin<?> p) {
        if (p.provider() instanceof BackendProvider b) {
            Availability a = b.availability();
            return a.available() ? "available (" + a.detail() + ")" : "unavailable: " + a.detail();
        }
        return "installed";
    }
}
