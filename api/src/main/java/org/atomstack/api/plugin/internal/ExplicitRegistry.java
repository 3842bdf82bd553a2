package org.atomstack.api.plugin.internal;

import java.util.ArrayList;
import java.util.List;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginProvider;
import org.atomstack.api.plugin.PluginRegistry;

/** A fixed list of explicitly registered providers. */
public final class ExplicitRegistry implements PluginRegistry {
    private final List<Plugin<?>> plugins;

    /** @param providers the providers, in any order */
    public ExplicitRegistry(List<? extends PluginProvider> providers) {
        List<Plugin<?>> list = new ArrayList<>();
        for (PluginProvider p : providers) {
            list.add(new Plugin<>(Origins.info(p, Origins.codeLocation(p.getClass()), "explicit"), p));
        }
        list.sort(Origins.ORDER);
        this.plugins = List.copyOf(list);
    }

    @Override
    public List<Plugin<?>> plugins() {
        return plugins;
    }

    @Override
    public String toString() {
        return "explicit registry of " + plugins.size() + " plugins";
    }
}
