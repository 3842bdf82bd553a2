package org.atomstack.basis.ace.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.Elements;
import org.atomstack.basis.ace.toolkit.AceBasisSpec;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec.Kind;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec.Polynomials;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec.Transform;

/**
 * The validated parameters of an ACE descriptor (see the module README for the reference), and
 * their canonical map form that recreates the same basis. Public only for the toolkit's
 * {@link org.atomstack.basis.ace.toolkit.AceParameters}, which wraps it (the package is not
 * exported). Immutable.
 */
public final class AceConfig {
    static final double DEFAULT_WL = 1.5;
    static final double MAX_CUTOFF = 30;

    private final String path;
    final double cutoff;
    final int order;
    final double[] degree;
    final double wL;
    final int nmax;
    final int lmax;
    final int[] species;
    final Kind kind;
    final Transform transform;
    final Polynomials polynomials;
    final double p;
    final double q;
    final int envelope;
    final int envelopeInner;
    final double inner;
    /** r0 per (centre, neighbour) species index pair; NaN where unused. */
    final double[][] r0;
    /** The r0 parameter in canonical form: a Double, a map, or null when unused. */
    private final Object r0Canonical;
    /** Whether the canonical (purified) basis was asked for (delegated to the canonical-ace plugin). */
    final boolean purify;
    /** The {@code purification} section as given (options of the canonical-ace plugin), or null. */
    final Map<String, Object> purification;

    private AceConfig(String path, double cutoff, int order, double[] degree, double wL, int nmax, int lmax, int[] species, Kind kind,
                      Transform transform, Polynomials polynomials, double p, double q, int envelope, int envelopeInner, double inner,
                      double[][] r0, Object r0Canonical, boolean purify, Map<String, Object> purification) {
        this.path = path;
        this.cutoff = cutoff;
        this.order = order;
        this.degree = degree;
        this.wL = wL;
        this.nmax = nmax;
        this.lmax = lmax;
        this.species = species;
        this.kind = kind;
        this.transform = transform;
        this.polynomials = polynomials;
        this.p = p;
        this.q = q;
        this.envelope = envelope;
        this.envelopeInner = envelopeInner;
        this.inner = inner;
        this.r0 = r0;
        this.r0Canonical = r0Canonical;
        this.purify = purify;
        this.purification = purification;
    }

    /**
     * Reads and validates the parameters.
     *
     * @param params  the stage's parameters
     * @param context the stack context (species default)
     * @return the configuration
     * @throws PluginException naming the parameter path and quoting the bad value
     */
    public static AceConfig parse(Parameters params, StackContext context) {
        params.checkKnown("cutoff", "order", "degree", "wL", "nmax", "lmax", "species", "radial", "selection", "purify", "purification");
        double cutoff = params.number("cutoff");
        if (!(cutoff > 0) || cutoff > MAX_CUTOFF) {
            throw params.error("cutoff", "must be > 0 and <= " + MAX_CUTOFF + " Å, got " + cutoff);
        }
        int order = params.integer("order");
        if (order < 1 || order > AceBasisSpec.MAX_ORDER) {
            throw params.error("order", "correlation order must be in 1.." + AceBasisSpec.MAX_ORDER + ", got " + order);
        }
        double[] degree = parseDegree(params, order);
        double wL = params.number("wL", DEFAULT_WL);
        if (!(wL > 0)) {
            throw params.error("wL", "angular weight must be > 0, got " + wL);
        }
        int nmax = params.integer("nmax", -1);
        if (params.has("nmax") && (nmax < 0 || nmax > 199)) {
            throw params.error("nmax", "must be in 0..199, got " + nmax);
        }
        int lmax = params.integer("lmax", -1);
        if (params.has("lmax") && (lmax < 0 || lmax > 20)) {
            throw params.error("lmax", "must be in 0..20, got " + lmax);
        }
        int[] species = parseSpecies(params, context);

        Parameters radial = params.section("radial");
        radial.checkKnown("kind", "transform", "r0", "p", "q", "envelope", "envelope_inner", "inner", "polynomials");
        Kind kind = radial.choice("kind", Kind.class, Kind.POLYNOMIAL);
        Transform transform = null;
        Polynomials polynomials = null;
        double p = Double.NaN;
        double q = Double.NaN;
        int envelope;
        int envelopeInner = 0;
        double inner = 0;
        double[][] r0 = new double[species.length][species.length];
        for (double[] row : r0) {
            Arrays.fill(row, Double.NaN);
        }
        Object r0Canonical = null;
        if (kind == Kind.BESSEL) {
            for (String k : List.of("transform", "r0", "p", "q", "envelope_inner", "inner", "polynomials")) {
                if (radial.has(k)) {
                    throw radial.error(k, "only applies to kind 'polynomial' (the bessel basis has a fixed form and no inner cutoff)");
                }
            }
            envelope = radial.integer("envelope", 6);
            if (envelope < 2 || envelope > 16) {
                throw radial.error("envelope", "bessel envelope power must be in 2..16, got " + envelope);
            }
        } else {
            transform = radial.choice("transform", Transform.class, Transform.AGNESI);
            polynomials = radial.choice("polynomials", Polynomials.class, Polynomials.JACOBI);
            envelope = radial.integer("envelope", 2);
            if (envelope < 2 || envelope > 16) {
                throw radial.error("envelope", "power of the cutoff envelope (1-y)^e must be in 2..16 for a smooth cutoff, got " + envelope);
            }
            envelopeInner = radial.integer("envelope_inner", 2);
            if (envelopeInner < 0 || envelopeInner > 16) {
                throw radial.error("envelope_inner", "must be in 0..16, got " + envelopeInner);
            }
            inner = radial.number("inner", 0);
            if (!(inner >= 0) || !(inner < cutoff)) {
                throw radial.error("inner", "inner cutoff must be in [0, cutoff = " + cutoff + "), got " + inner);
            }
            if (inner > 0 && envelopeInner < 2) {
                throw radial.error("envelope_inner", "an inner cutoff needs envelope_inner >= 2 for smoothness, got " + envelopeInner);
            }
            switch (transform) {
                case AGNESI -> {
                    p = radial.number("p", 2);
                    q = radial.number("q", 4);
                    if (!(p >= 1) || !(q >= p) || q > 32) {
                        throw radial.error(radial.has("q") ? "q" : "p", "Agnesi transform needs 1 <= p <= q <= 32, got p = " + p + ", q = " + q);
                    }
                }
                case POWER -> {
                    if (radial.has("q")) {
                        throw radial.error("q", "only applies to the agnesi transform");
                    }
                    p = radial.number("p", 2);
                    if (!(p > 0) || p > 32) {
                        throw radial.error("p", "power transform exponent must be in (0, 32], got " + p);
                    }
                }
                case LINEAR -> {
                    for (String k : List.of("r0", "p", "q")) {
                        if (radial.has(k)) {
                            throw radial.error(k, "the linear transform has no parameter " + k);
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
            if (transform != Transform.LINEAR) {
                r0Canonical = parseR0(radial, species, inner, r0);
            }
        }
        boolean purify = params.bool("purify", false);
        Map<String, Object> purification = params.has("purification") ? params.section("purification").asMap() : null;
        AceConfig config = new AceConfig(params.path(), cutoff, order, degree, wL, nmax, lmax, species, kind, transform, polynomials, p, q,
            envelope, envelopeInner, inner, r0, r0Canonical, purify, purification);
        // construct every radial basis once, so residual inconsistencies surface here with the path
        for (int c = 0; c < species.length; c++) {
            for (int z = 0; z < species.length; z++) {
                try {
                    config.radial(c, z, 1);
                } catch (IllegalArgumentException e) {
                    throw radial.error(kind == Kind.BESSEL ? "kind" : "transform", e.getMessage() + " (pair "
                        + Elements.symbol(species[c]) + "-" + Elements.symbol(species[z]) + ")");
                }
            }
        }
        return config;
    }

    private static double[] parseDegree(Parameters params, int order) {
        Object raw = params.raw("degree");
        double[] degree;
        if (raw instanceof List<?>) {
            degree = params.numbers("degree", null);
            if (degree.length != order) {
                throw params.error("degree", "need one total degree per order 1.." + order + " (or a single number), got "
                    + degree.length + ": " + Arrays.toString(degree));
            }
        } else {
            double d = params.number("degree");
            degree = new double[order];
            Arrays.fill(degree, d);
        }
        for (int i = 0; i < degree.length; i++) {
            if (!(degree[i] >= 0) || degree[i] > 60) {
                throw params.error("degree", "total degrees must be in 0..60, got " + Arrays.toString(degree));
            }
        }
        return degree;
    }

    private static int[] parseSpecies(Parameters params, StackContext context) {
        if (!params.has("species")) {
            return context.species();
        }
        List<Object> list = params.list("species");
        if (list.isEmpty()) {
            throw params.error("species", "needs at least one species");
        }
        int[] z = new int[list.size()];
        for (int i = 0; i < z.length; i++) {
            Object v = list.get(i);
            try {
                if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    z[i] = n.intValue();
                    Elements.symbol(z[i]);
                } else if (v instanceof String s) {
                    z[i] = Elements.atomicNumber(s);
                } else {
                    throw new IllegalArgumentException("expected an element symbol or atomic number, got " + v);
                }
            } catch (IllegalArgumentException e) {
                throw params.error("species[" + i + "]", e.getMessage());
            }
        }
        int[] sorted = Arrays.stream(z).distinct().sorted().toArray();
        if (sorted.length != z.length) {
            throw params.error("species", "species must be distinct, got " + list);
        }
        return sorted;
    }

    /** Fills r0[c][z]; returns the canonical parameter (a Double or a map). */
    private static Object parseR0(Parameters radial, int[] species, double inner, double[][] r0) {
        int s = species.length;
        Object raw = radial.raw("r0");
        if (raw != null && !(raw instanceof Map)) {
            double v = radial.number("r0");
            if (!(v > inner)) {
                throw radial.error("r0", "must exceed the inner cutoff " + inner + " Å, got " + v);
            }
            for (double[] row : r0) {
                Arrays.fill(row, v);
            }
            return v;
        }
        Parameters map = radial.section("r0");
        double[] perSpecies = new double[s];
        Arrays.fill(perSpecies, Double.NaN);
        Map<String, Double> pairs = new LinkedHashMap<>();
        for (String key : map.keys()) {
            String[] parts = key.split("-", -1);
            if (parts.length > 2) {
                throw map.error(key, "expected an element symbol (e.g. Cu) or a pair (e.g. Cu-Ni)");
            }
            int[] idx = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                int z;
                try {
                    z = Elements.atomicNumber(parts[i]);
                } catch (IllegalArgumentException e) {
                    throw map.error(key, e.getMessage());
                }
                idx[i] = Arrays.binarySearch(species, z);
                if (idx[i] < 0) {
                    throw map.error(key, Elements.symbol(z) + " is not among the species " + symbols(species));
                }
            }
            double v = map.number(key);
            if (!(v > inner)) {
                throw map.error(key, "must exceed the inner cutoff " + inner + " Å, got " + v);
            }
            if (idx.length == 1) {
                perSpecies[idx[0]] = v;
            } else {
                r0[idx[0]][idx[1]] = v;
                r0[idx[1]][idx[0]] = v;
                pairs.put(Elements.symbol(species[Math.min(idx[0], idx[1])]) + "-" + Elements.symbol(species[Math.max(idx[0], idx[1])]), v);
            }
        }
        Map<String, Object> canonical = new LinkedHashMap<>();
        for (int i = 0; i < s; i++) {
            if (Double.isNaN(perSpecies[i])) {
                boolean needed = false;
                for (int j = 0; j < s; j++) {
                    needed |= Double.isNaN(r0[i][j]);
                }
                if (!needed) {
                    continue;
                }
                OptionalDouble d = ReferenceDistances.of(species[i]);
                if (d.isEmpty()) {
                    throw radial.error("r0", "no default length scale for " + Elements.symbol(species[i]) + " (Z = " + species[i]
                        + "); give radial.r0 as a number or a map like {" + Elements.symbol(species[i]) + ": 2.5}");
                }
                if (!(d.getAsDouble() > inner)) {
                    throw radial.error("r0", "the default r0 = " + d.getAsDouble() + " Å of " + Elements.symbol(species[i])
                        + " does not exceed the inner cutoff " + inner + " Å; give radial.r0");
                }
                perSpecies[i] = d.getAsDouble();
            }
            canonical.put(Elements.symbol(species[i]), perSpecies[i]);
        }
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                if (Double.isNaN(r0[i][j])) {
                    r0[i][j] = 0.5 * (perSpecies[i] + perSpecies[j]);
                }
            }
        }
        canonical.putAll(pairs);
        return canonical;
    }

    private static String symbols(int[] species) {
        List<String> out = new ArrayList<>();
        for (int z : species) {
            out.add(Elements.symbol(z));
        }
        return out.toString();
    }

    /**
     * The basis specification.
     *
     * @return the specification
     */
    public AceBasisSpec basisSpec() {
        return new AceBasisSpec(species, order, degree, wL, nmax, lmax);
    }

    /**
     * The radial basis of a (centre, neighbour) species pair with {@code count} functions.
     *
     * @param centre    centre species index
     * @param neighbour neighbour species index
     * @param count     number of functions
     * @return the radial basis
     */
    public RadialBasisSpec radial(int centre, int neighbour, int count) {
        if (kind == Kind.BESSEL) {
            return RadialBasisSpec.bessel(count, cutoff, envelope);
        }
        return RadialBasisSpec.polynomial(count, cutoff, inner, transform, r0[centre][neighbour], p, q, envelope, envelopeInner, polynomials);
    }

    /**
     * The canonical parameter map (without selection and without {@code purify}; with the
     * {@code purification} section when one was given).
     *
     * @return a new mutable map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", cutoff);
        m.put("order", order);
        List<Object> d = new ArrayList<>();
        for (double v : degree) {
            d.add(v);
        }
        m.put("degree", d);
        m.put("wL", wL);
        if (nmax >= 0) {
            m.put("nmax", nmax);
        }
        if (lmax >= 0) {
            m.put("lmax", lmax);
        }
        List<Object> sp = new ArrayList<>();
        for (int z : species) {
            sp.add(Elements.symbol(z));
        }
        m.put("species", sp);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", kind.name().toLowerCase(Locale.ROOT));
        if (kind == Kind.POLYNOMIAL) {
            r.put("transform", transform.name().toLowerCase(Locale.ROOT));
            if (r0Canonical != null) {
                r.put("r0", r0Canonical);
            }
            if (transform != Transform.LINEAR) {
                r.put("p", p);
            }
            if (transform == Transform.AGNESI) {
                r.put("q", q);
            }
            r.put("polynomials", polynomials.name().toLowerCase(Locale.ROOT));
            r.put("envelope", envelope);
            r.put("envelope_inner", envelopeInner);
            r.put("inner", inner);
        } else {
            r.put("envelope", envelope);
        }
        m.put("radial", r);
        if (purification != null) {
            m.put("purification", purification);
        }
        return m;
    }

    /**
     * The parameter path this configuration was read from.
     *
     * @return the path
     */
    public String path() {
        return path;
    }

    /**
     * r_c in Å.
     *
     * @return the cutoff
     */
    public double cutoff() {
        return cutoff;
    }

    /**
     * The species, ascending (a copy).
     *
     * @return atomic numbers
     */
    public int[] species() {
        return species.clone();
    }

    /**
     * Whether {@code purify: true} was given.
     *
     * @return the flag
     */
    public boolean purify() {
        return purify;
    }

    /**
     * The {@code purification} section as given, or null.
     *
     * @return an unmodifiable view, or null
     */
    public Map<String, Object> purification() {
        return purification == null ? null : java.util.Collections.unmodifiableMap(purification);
    }
}
