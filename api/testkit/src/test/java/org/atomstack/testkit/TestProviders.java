package org.atomstack.testkit;

import java.nio.file.Path;
import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.model.ModelTrainer;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.Version;
import org.atomstack.api.selection.Selector;
import org.atomstack.api.selection.SelectorProvider;
import org.atomstack.api.stack.StackContext;

/**
 * Minimal providers of the four kinds for registry tests (test sources only; never shipped).
 * "fake-descriptor" exists in three versions; "fake-shared" is both a selector and a model.
 * They are listed in META-INF/services of the test resources for the ServiceLoader registry.
 */
final class TestProviders {
    private TestProviders() {
    }

    /** Base of the fake descriptors: fixed id, version given by the subclass. */
    public abstract static class FakeDescriptor implements DescriptorProvider {
        @Override
        public String id() {
            return "fake-descriptor";
        }

        @Override
        public String description() {
            return "fake descriptor for registry tests";
        }

        @Override
        public Descriptor create(Parameters parameters, StackContext context) {
            throw new UnsupportedOperationException("test provider");
        }
    }

    /** fake-descriptor 1.0.0. */
    public static final class DescriptorV1 extends FakeDescriptor {
        @Override
        public Version version() {
            return Version.parse("1.0.0");
        }
    }

    /** fake-descriptor 1.5.0. */
    public static final class DescriptorV15 extends FakeDescriptor {
        @Override
        public Version version() {
            return Version.parse("1.5.0");
        }
    }

    /** fake-descriptor 2.0.0. */
    public static final class DescriptorV2 extends FakeDescriptor {
        @Override
        public Version version() {
            return Version.parse("2.0.0");
        }
    }

    /** A second descriptor id, so that lists of installed ids have more than one entry. */
    public static final class OtherDescriptor implements DescriptorProvider {
        @Override
        public String id() {
            return "another-descriptor";
        }

        @Override
        public Version version() {
            return Version.parse("0.9.1");
        }

        @Override
        public Descriptor create(Parameters parameters, StackContext context) {
            throw new UnsupportedOperationException("test provider");
        }
    }

    /** fake-shared as a selector, 1.2.0.beta. */
    public static final class SharedSelector implements SelectorProvider {
        @Override
        public String id() {
            return "fake-shared";
        }

        @Override
        public Version version() {
            return Version.parse("1.2.0.beta");
        }

        @Override
        public Selector create(Parameters parameters, StackContext context) {
            throw new UnsupportedOperationException("test provider");
        }
    }

    /** fake-shared as a model, 0.3.0. */
    public static final class SharedModel implements ModelProvider {
        @Override
        public String id() {
            return "fake-shared";
        }

        @Override
        public Version version() {
            return Version.parse("0.3.0");
        }

        @Override
        public ModelTrainer trainer(Parameters parameters, Descriptor descriptor, StackContext context) {
            throw new UnsupportedOperationException("test provider");
        }

        @Override
        public Model load(Path directory, Parameters parameters, Descriptor descriptor, StackContext context) {
            throw new UnsupportedOperationException("test provider");
        }
    }

    /** fake-backend 3.1.4, never available. */
    public static final class FakeBackend implements BackendProvider {
        @Override
        public String id() {
            return "fake-backend";
        }

        @Override
        public Version version() {
            return Version.parse("3.1.4");
        }

        @Override
        public Availability availability() {
            return Availability.unavailable("test provider");
        }

        @Override
        public Backend open() {
            throw new IllegalStateException("test provider");
        }
    }
}
