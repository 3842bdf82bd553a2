package org.atomstack.assembly.internal.cli;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;

/** Lets picocli create commands and mixins through Guice (constructor injection). */
final class GuiceFactory implements CommandLine.IFactory {
    private final Injector injector;

    GuiceFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.getName().startsWith("org.atomstack.")) {
            try {
                return injector.getInstance(type);
            } catch (ConfigurationException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
