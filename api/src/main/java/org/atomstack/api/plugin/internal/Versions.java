package org.atomstack.api.plugin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.atomstack.api.plugin.Version;

/**
 * Finds the version of the code a class came from: the module descriptor's version on the
 * module path, else {@code Implementation-Version} or {@code Bundle-Version} of the jar or
 * class folder manifest (bnd writes one into the class folder too), else 0.0.0.
 */
public final class Versions {
    private Versions() {
    }

    /** The version of the module, jar or class folder holding {@code type}. */
    public static Version of(Class<?> type) {
        Module m = type.getModule();
        if (m.isNamed() && m.getDescriptor() != null) {
            Optional<String> raw = m.getDescriptor().rawVersion();
            Optional<Version> v = raw.flatMap(Versions::parse);
            if (v.isPresent()) {
                return v.get();
            }
        }
        Package p = type.getPackage();
        if (p != null && p.getImplementationVersion() != null) {
            Optional<Version> v = parse(p.getImplementationVersion());
            if (v.isPresent()) {
                return v.get();
            }
        }
        return manifest(type).flatMap(Versions::fromManifest).orElse(Version.UNKNOWN);
    }

    private static Optional<Version> fromManifest(Manifest mf) {
        Attributes a = mf.getMainAttributes();
        for (String key : new String[] {"Implementation-Version", "Bundle-Version"}) {
            String v = a.getValue(key);
            if (v != null) {
                Optional<Version> parsed = parse(v);
                if (parsed.isPresent()) {
                    return parsed;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Manifest> manifest(Class<?> type) {
        try {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            URL loc = cs == null ? null : cs.getLocation();
            if (loc == null || !"file".equals(loc.getProtocol())) {
                return Optional.empty();
            }
            Path path = Path.of(URI.create(loc.toString()));
            if (Files.isDirectory(path)) {
                Path mf = path.resolve("META-INF/MANIFEST.MF");
                if (Files.isRegularFile(mf)) {
                    try (InputStream in = Files.newInputStream(mf)) {
                        return Optional.of(new Manifest(in));
                    }
                }
                return Optional.empty();
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                return Optional.ofNullable(jar.getManifest());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Version> parse(String text) {
        try {
            return Optional.of(Version.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
