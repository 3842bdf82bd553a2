package org.atomstack.assembly.internal.wiring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.plugin.PluginRegistry;

/**
 * Resolves {@code --backend auto|cpu|NAME} against the installed backend plugins and says
 * why: {@code auto} takes the available backend of highest priority (accelerators above cpu)
 * and names each one it passed over with its reason; a named backend must be installed and
 * available.
 */
public final class BackendChooser {
    private final PluginRegistry registry;

    /** @param registry where backends are found */
    public BackendChooser(PluginRegistry registry) {
        this.registry = registry;
    }

    /**
     * The chosen backend and the explanation to print.
     *
     * @param plugin the chosen backend plugin
     * @param reason one line saying which runs and why
     */
    public record Choice(Plugin<BackendProvider> plugin, String reason) {
    }

    /**
     * Chooses a backend.
     *
     * @param requested "auto" or a backend id
     * @throws PluginException when none can run, naming every installed backend and its reason
     */
    public Choice choose(String requested) {
        List<Plugin<BackendProvider>> all = registry.plugins(BackendProvider.class);
        String want = requested.strip().toLowerCase(Locale.ROOT);
        if (all.isEmpty()) {
            throw new PluginException("no backend plugin is installed (requested '" + requested + "'); see 'atomstack plugins'");
        }
        if (!want.equals("auto")) {
            Plugin<BackendProvider> p = registry.find(BackendProvider.class, want);
            Availability a = p.provider().availability();
            if (!a.available()) {
                throw new PluginException("backend '" + want + "' is installed but unavailable: " + a.detail());
            }
            return new Choice(p, "backend " + want + " (requested) on " + a.detail());
        }
        List<Plugin<BackendProvider>> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt((Plugin<BackendProvider> p) -> p.provider().priority()).reversed()
            .thenComparing(p -> p.info().id()));
        List<String> skipped = new ArrayList<>();
        for (Plugin<BackendProvider> p : sorted) {
            Availability a = p.provider().availability();
            if (a.available()) {
                String why = "backend " + p.info().id() + " (auto) on " + a.detail()
                    + (skipped.isEmpty() ? "" : "; passed over: " + String.join("; ", skipped));
                return new Choice(p, why);
            }
            skipped.add(p.info().id() + " unavailable: " + a.detail());
        }
        throw new PluginException("no installed backend is available: " + String.join("; ", skipped));
    }
}
