package org.atomstack.assembly.internal.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * The packages the host's api exports, read from the {@code Export-Package} header that bnd
 * writes into the api's manifest, so that the system bundle exports exactly what the api
 * bundle would export, with the same semantic versions. Stateless; thread-safe.
 */
final class ApiPackages {
    /** The manifest header that lists the exported packages. */
    static final String EXPORT_PACKAGE = "Export-Package";

    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    /**
     * One exported package.
     *
     * @param name    package name
     * @param version its version as written in the header ("0.0.0" when the header gives none)
     */
    record ExportedPackage(String name, String version) {
        /** The package as a clause of {@code org.osgi.framework.system.packages.extra}. */
        String clause() {
            return name + ";version=\"" + version + "\"";
        }

        @Override
        public String toString() {
            return name + " " + version;
        }
    }

    private ApiPackages() {
    }

    /**
     * The packages exported by the code that contains {@code apiType} (a class of the api),
     * read from that code's manifest: the module's own manifest when the api is a named module,
     * else the manifest of the jar or class directory the class was loaded from.
     *
     * @throws IOException when the manifest cannot be found or read, has no Export-Package
     *                     header, or does not export the package of {@code apiType}
     */
    static List<ExportedPackage> of(Class<?> apiType) throws IOException {
        Manifest manifest = manifestOf(apiType);
        String header = manifest.getMainAttributes().getValue(EXPORT_PACKAGE);
        if (header == null || header.isBlank()) {
            throw new IOException("the manifest of " + where(apiType) + " has no " + EXPORT_PACKAGE
                + " header; the api must be built with bnd");
        }
        List<ExportedPackage> packages = parse(header);
        if (packages.stream().noneMatch(p -> p.name().equals(apiType.getPackageName()))) {
            throw new IOException("the manifest of " + where(apiType) + " does not export " + apiType.getPackageName()
                + " (exports: " + packages + "); it is not the api's manifest");
        }
        return packages;
    }

    /**
     * Parses an OSGi {@code Export-Package} header: comma-separated clauses of one or more
     * package names followed by attributes ({@code version=...}) and directives ({@code uses:=...}),
     * where quoted strings may contain commas and semicolons. Directives are dropped.
     *
     * @throws IllegalArgumentException quoting the clause when it names no package
     */
    static List<ExportedPackage> parse(String header) {
        List<ExportedPackage> out = new ArrayList<>();
        for (String clause : split(header, ',')) {
            if (clause.isBlank()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            String version = "0.0.0";
            for (String part : split(clause, ';')) {
                String p = part.strip();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    names.add(p);
                } else if (eq == 0) {
                    throw new IllegalArgumentException("malformed Export-Package clause: '" + clause.strip() + "'");
                } else if (p.charAt(eq - 1) != ':' && p.substring(0, eq).strip().equals("version")) {
                    version = unquote(p.substring(eq + 1).strip());
                }
            }
            if (names.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("malformed Export-Package clause: '" + clause.strip() + "'");
            }
            for (String name : names) {
                out.add(new ExportedPackage(name, version));
            }
        }
        return List.copyOf(out);
    }

    /** The value of {@code org.osgi.framework.system.packages.extra} that exports {@code packages}. */
    static String systemPackagesExtra(List<ExportedPackage> packages) {
        return packages.stream().map(ExportedPackage::clause).collect(Collectors.joining(","));
    }

    private static Manifest manifestOf(Class<?> type) throws IOException {
        Module module = type.getModule();
        if (module.isNamed()) {
            // META-INF is not a package, so the resource is not encapsulated.
            try (InputStream in = module.getResourceAsStream(MANIFEST)) {
                if (in != null) {
                    return new Manifest(in);
                }
            }
        }
        Path code = codePath(type);
        if (Files.isDirectory(code)) {
            Path file = code.resolve(MANIFEST);
            if (!Files.isRegularFile(file)) {
                throw new IOException("no " + MANIFEST + " in " + code + " (the classes of " + type.getName() + ")");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new Manifest(in);
            }
        }
        try (JarFile jar = new JarFile(code.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw new IOException("no manifest in " + code);
            }
            return manifest;
        }
    }

    private static Path codePath(Class<?> type) throws IOException {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            throw new IOException("cannot locate the code of " + type.getName() + " to read its manifest");
        }
        try {
            return Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new IOException("cannot read the manifest of " + type.getName() + " at " + cs.getLocation(), e);
        }
    }

    private static String where(Class<?> type) {
        Module m = type.getModule();
        if (m.isNamed()) {
            return "module " + m.getName();
        }
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        return cs == null || cs.getLocation() == null ? type.getName() : cs.getLocation().toString();
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
