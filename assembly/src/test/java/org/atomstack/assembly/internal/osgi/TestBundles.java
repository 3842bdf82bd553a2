package org.atomstack.assembly.internal.osgi;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.EmbeddedResource;
import aQute.bnd.osgi.Jar;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.PluginProvider;

/**
 * Builds plugin bundles for the OSGi tests with bndlib, from provider classes of the test
 * sources: the provider's package is the bundle's private content, its class is listed in
 * {@code META-INF/services/<SPI>}, and the api packages are imported with the given
 * {@code Import-Package} instruction. Stateless.
 */
final class TestBundles {
    /** Imports every api package the provider uses from the host, api 1.x. */
    static final String API_1 = "org.atomstack.api.*;version=\"[1.0,2)\",*";

    private TestBundles() {
    }

    /** A descriptor plugin bundle {@code bsn} at {@code version} importing api 1.x, written into {@code dir}. */
    static Path descriptorBundle(Path dir, String bsn, String version, Class<? extends DescriptorProvider> provider) throws Exception {
        return bundle(dir, bsn, version, DescriptorProvider.class, provider, API_1, provider.getPackageName());
    }

    /**
     * A bundle with an explicit {@code Import-Package} instruction and private packages.
     *
     * @param spi             the SPI whose services file lists {@code provider}
     * @param importPackage   bnd Import-Package instruction
     * @param privatePackages bnd Private-Package instruction (packages copied into the bundle)
     * @param headers         further manifest headers or bnd instructions, as name, value pairs
     */
    static Path bundle(Path dir, String bsn, String version, Class<? extends PluginProvider> spi, Class<?> provider,
            String importPackage, String privatePackages, String... headers) throws Exception {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs: " + List.of(headers));
        }
        Path out = dir.resolve(bsn + "-" + version + ".jar");
        try (Builder builder = new Builder()) {
            builder.addClasspath(codeLocation(provider));
            builder.addClasspath(codeLocation(spi));
            builder.setProperty(Constants.BUNDLE_SYMBOLICNAME, bsn);
            builder.setProperty(Constants.BUNDLE_VERSION, version);
            builder.setProperty(Constants.PRIVATEPACKAGE, privatePackages);
            builder.setProperty(Constants.IMPORT_PACKAGE, importPackage);
            builder.setProperty(Constants.NOEXTRAHEADERS, "true");
            builder.setProperty("-noimportjava", "true");
            for (int i = 0; i < headers.length; i += 2) {
                builder.setProperty(headers[i], headers[i + 1]);
            }
            Jar jar = builder.build();
            if (!builder.getErrors().isEmpty()) {
                throw new IllegalStateException("bnd could not build " + bsn + ": " + builder.getErrors());
            }
            jar.putResource("META-INF/services/" + spi.getName(),
                new EmbeddedResource((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8), 0L));
            jar.write(out.toFile());
        }
        return out;
    }

    /** A plain jar with a manifest but no OSGi headers, holding one text file. */
    static Path plainJar(Path dir, String name) throws IOException {
        Path out = dir.resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "not a bundle");
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.putNextEntry(new JarEntry("README.txt"));
            jar.write("a library jar, not an OSGi bundle\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return out;
    }

    private static File codeLocation(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }
}
