package org.atomstack.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginKind;
import org.atomstack.api.plugin.PluginProvider;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.plugin.Version;
import org.atomstack.api.selection.SelectorProvider;
import org.junit.jupiter.api.Test;

/**
 * Contract every plugin provider must pass. Subclass it in the plugin's tests and return the
 * provider from {@link #provider()}:
 *
 * <pre>{@code
 * class AceProviderContractTest extends PluginProviderContract<AceProvider> {
 *     protected AceProvider provider() { return new AceProvider(); }
 * }
 * }</pre>
 *
 * <p>Checks: a well-formed stable id, a kind matching the SPI implemented, a declared version,
 * a description, a public no-argument constructor, registration in
 * {@code META-INF/services}, and discovery through the ServiceLoader registry.
 *
 * @param <P> the provider type
 */
public abstract class PluginProviderContract<P extends PluginProvider> {

    /** For subclasses. */
    protected PluginProviderContract() {
    }

    /**
     * The provider under test.
     *
     * @return a new or shared instance of the provider
     */
    protected abstract P provider();

    @Test
    void idIsLowerCaseWordsJoinedByDashes() {
        String id = provider().id();
        assertNotNull(id, "id");
        assertTrue(id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), "id '" + id + "' must be lower case words joined by '-'");
    }

    @Test
    void idIsStableAcrossInstances() throws ReflectiveOperationException {
        P a = provider();
        PluginProvider b = a.getClass().getConstructor().newInstance();
        assertEquals(a.id(), b.id());
    }

    @Test
    void kindMatchesTheImplementedSpi() {
        P p = provider();
        PluginKind expected = p instanceof DescriptorProvider ? PluginKind.DESCRIPTOR
            : p instanceof SelectorProvider ? PluginKind.SELECTOR
            : p instanceof ModelProvider ? PluginKind.MODEL
            : p instanceof BackendProvider ? PluginKind.BACKEND : null;
        assertNotNull(expected, p.getClass() + " implements none of the four SPIs");
        assertEquals(expected, p.kind());
    }

    @Test
    void declaresAVersion() {
        assertNotEquals(Version.UNKNOWN, provider().version(),
            "version comes from the module descriptor or the jar manifest (Implementation-Version)");
    }

    @Test
    void describesItself() {
        assertFalse(provider().description().isBlank(), "description must not be blank");
    }

    @Test
    void hasAPublicNoArgumentConstructor() throws NoSuchMethodException {
        Class<?> type = provider().getClass();
        assertTrue(Modifier.isPublic(type.getModifiers()), type + " must be public");
        assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()));
    }

    @Test
    void isListedInMetaInfServices() throws IOException {
        P p = provider();
        String service = spiOf(p).getName();
        List<URL> files = Collections.list(p.getClass().getClassLoader().getResources("META-INF/services/" + service));
        boolean listed = false;
        for (URL url : files) {
            try (InputStream in = url.openStream();
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                listed |= r.lines().map(l -> l.replaceAll("#.*", "").strip()).anyMatch(p.getClass().getName()::equals);
            }
        }
        assertTrue(listed, p.getClass().getName() + " is not listed in META-INF/services/" + service);
    }

    @Test
    void isDiscoveredByTheServiceLoaderRegistry() {
        P p = provider();
        PluginRegistry registry = PluginRegistry.serviceLoader(p.getClass().getClassLoader());
        Plugin<? extends PluginProvider> found = registry.find(spiOf(p), p.id());
        assertEquals(p.getClass(), found.provider().getClass());
        assertEquals(p.kind(), found.info().kind());
    }

    private static Class<? extends PluginProvider> spiOf(PluginProvider p) {
        if (p instanceof DescriptorProvider) {
            return DescriptorProvider.class;
        }
        if (p instanceof SelectorProvider) {
            return SelectorProvider.class;
        }
        if (p instanceof ModelProvider) {
            return ModelProvider.class;
        }
        return BackendProvider.class;
    }
}
