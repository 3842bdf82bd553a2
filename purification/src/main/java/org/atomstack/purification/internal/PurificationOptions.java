package org.atomstack.purification.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.atomstack.api.plugin.Parameters;

/**
 * The options of the {@code purification} section of a canonical-ace (or ace) descriptor stage:
 * {@code tolerance} (largest relative residual accepted from the least-squares linearisation of
 * radial products, Eq. 19, used for non-polynomial radial bases; default 1e-10, in (0, 1)) and
 * {@code radial_extra} (how far the ν range of that fit grows per extra factor; default 4, the
 * growth of the default polynomial envelope; 0..40). The polynomial radial bases are linearised
 * exactly and ignore both. Immutable.
 *
 * @param tolerance   accepted relative residual of the least-squares fallback
 * @param radialExtra ν growth per factor of the least-squares fallback
 * @param path        the parameter path of the section, for messages
 */
record PurificationOptions(double tolerance, int radialExtra, String path) {
    static final double DEFAULT_TOLERANCE = 1e-10;
    static final int DEFAULT_RADIAL_EXTRA = 4;

    /**
     * Reads the section (absent: defaults).
     *
     * @throws org.atomstack.api.plugin.PluginException naming the parameter path and quoting the bad value
     */
    static PurificationOptions parse(Parameters section) {
        section.checkKnown("tolerance", "radial_extra");
        double tol = section.number("tolerance", DEFAULT_TOLERANCE);
        if (!(tol > 0) || !(tol < 1)) {
            throw section.error("tolerance", "must be in (0, 1), got " + tol);
        }
        int extra = section.integer("radial_extra", DEFAULT_RADIAL_EXTRA);
        if (extra < 0 || extra > 40) {
            throw section.error("radial_extra", "must be in 0..40, got " + extra);
        }
        return new PurificationOptions(tol, extra, section.path());
    }

    /** The options as parameter values (all explicit). */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tolerance", tolerance);
        m.put("radial_extra", radialExtra);
        return m;
    }
}
