package org.atomstack.api.plugin;

import java.util.Objects;

/**
 * A semantic version major.minor.micro with an optional qualifier ("1.2.0", "0.1.0.beta").
 * Text form round-trips through {@link #parse}; ordering ignores nothing (qualifiers compare
 * as strings, the empty qualifier first), as in OSGi.
 *
 * @param major     ≥ 0
 * @param minor     ≥ 0
 * @param micro     ≥ 0
 * @param qualifier possibly empty, never null
 */
public record Version(int major, int minor, int micro, String qualifier) implements Comparable<Version> {
    /** 0.0.0, used when a provider's version cannot be determined. */
    public static final Version UNKNOWN = new Version(0, 0, 0, "");

    /** Validates the components. */
    public Version {
        Objects.requireNonNull(qualifier, "qualifier");
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException("version components must be >= 0: " + major + "." + minor + "." + micro);
        }
    }

    /**
     * Parses "1", "1.2", "1.2.3", "1.2.3.qualifier" or Maven-style "1.2.3-SNAPSHOT".
     *
     * @throws IllegalArgumentException quoting the text when it is not a version
     */
    public static Version parse(String text) {
        String t = text.strip();
        String qualifier = "";
        int dash = t.indexOf('-');
        if (dash >= 0) {
            qualifier = t.substring(dash + 1);
            t = t.substring(0, dash);
        }
        String[] parts = t.split("\\.", 4);
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int micro = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            if (parts.length > 3) {
                qualifier = parts[3];
            }
            return new Version(major, minor, micro, qualifier);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a version: '" + text + "'", e);
        }
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(micro, o.micro);
        }
        return c != 0 ? c : qualifier.compareTo(o.qualifier);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro + (qualifier.isEmpty() ? "" : "." + qualifier);
    }
}
