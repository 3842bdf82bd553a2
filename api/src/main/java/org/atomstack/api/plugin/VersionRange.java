package org.atomstack.api.plugin;

/**
 * A version range in OSGi syntax: "[1.0,2.0)" (1.0 ≤ v &lt; 2.0), "(1.0,2.0]", or a bare
 * version "1.2" meaning v ≥ 1.2. {@link #ANY} accepts every version.
 *
 * @param floor          lower bound
 * @param floorInclusive whether the lower bound is included
 * @param ceiling        upper bound, or {@code null} for none
 * @param ceilingInclusive whether the upper bound is included
 */
public record VersionRange(Version floor, boolean floorInclusive, Version ceiling, boolean ceilingInclusive) {
    /** Every version. */
    public static final VersionRange ANY = new VersionRange(Version.UNKNOWN, true, null, false);

    /**
     * Parses a range.
     *
     * @throws IllegalArgumentException quoting the text when it is malformed, has a malformed
     *                                  bound, or contains no version (e.g. "[2.0,1.0)", "[1.0,1.0)")
     */
    public static VersionRange parse(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.equals("*")) {
            return ANY;
        }
        char first = t.charAt(0);
        if (first != '[' && first != '(') {
            return new VersionRange(Version.parse(t), true, null, false);
        }
        char last = t.charAt(t.length() - 1);
        int comma = t.indexOf(',');
        if (comma < 0 || (last != ']' && last != ')')) {
            throw new IllegalArgumentException("not a version range: '" + text + "' (expected e.g. [1.0,2.0))");
        }
        Version lo;
        Version hi;
        try {
            lo = Version.parse(t.substring(1, comma));
            hi = Version.parse(t.substring(comma + 1, t.length() - 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a version range: '" + text + "' (" + e.getMessage() + ")", e);
        }
        int order = lo.compareTo(hi);
        if (order > 0 || (order == 0 && (first != '[' || last != ']'))) {
            throw new IllegalArgumentException("empty version range: '" + text + "'");
        }
        return new VersionRange(lo, first == '[', hi, last == ']');
    }

    /** Whether {@code v} lies in the range. */
    public boolean includes(Version v) {
        int lo = v.compareTo(floor);
        if (lo < 0 || (lo == 0 && !floorInclusive)) {
            return false;
        }
        if (ceiling == null) {
            return true;
        }
        int hi = v.compareTo(ceiling);
        return hi < 0 || (hi == 0 && ceilingInclusive);
    }

    @Override
    public String toString() {
        if (ceiling == null) {
            return this.equals(ANY) ? "*" : floor.toString();
        }
        return (floorInclusive ? "[" : "(") + floor + "," + ceiling + (ceilingInclusive ? "]" : ")");
    }
}
