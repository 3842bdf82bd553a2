package org.atomstack.model.linear.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.structure.Elements;

/**
 * The validated configuration of the {@code linear} model stage (see the module README for
 * the reference). Parsing reports every problem through {@link Parameters#error}, so messages
 * name the full parameter path and quote the bad value. {@link #toParameters()} writes the
 * configuration back with every default made explicit, so a saved model records exactly how
 * it was fitted. Immutable.
 */
final class LinearSettings {
    /** The keys this stage accepts. */
    static final String[] KEYS = {"e0", "weights", "config_weights", "prior", "regularizer", "solver", "system", "pair", "threads"};

    /** How the per-species reference energies E0(Z) are obtained. */
    enum E0Mode {
        /** Free, unregularised parameters fitted jointly with the coefficients (default). */
        FIT,
        /** Least-squares fit of the energies on the composition alone, before the main fit. */
        AVERAGE,
        /** Given values in eV ({@code e0: {Mo: -10.8}}). */
        GIVEN
    }

    /** Diagonal of the Tikhonov operator Γ. */
    enum Prior {
        /** The descriptor's smoothness prior when it offers one, else the identity (default). */
        AUTO,
        /** Γ = I. */
        IDENTITY,
        /** Γ_kk = γ(k) from {@code Descriptor.smoothnessPrior()}; an error when the descriptor has none. */
        SMOOTHNESS
    }

    /** Which condensed form to accumulate. */
    enum Form {
        /** The solver's preferred form: normal equations for ridge and blr, QR for tsvd and rrqr. */
        AUTO,
        /** Normal equations. */
        NORMAL,
        /** Streaming TSQR factor. */
        QR
    }

    /**
     * Weights of the three kinds of observation; they multiply the residuals (rows of the
     * design matrix), as in ACEpotentials.jl.
     *
     * @param energy weight of the per-atom energy row
     * @param forces weight of each force component row
     * @param stress weight of each virial-per-atom row
     */
    record ObservationWeights(double energy, double forces, double stress) {
        /** The defaults of ACEpotentials.jl: energy 30, forces 1, stress (virial) 1. */
        static final ObservationWeights DEFAULTS = new ObservationWeights(30, 1, 1);
    }

    /**
     * The pair term's settings.
     *
     * @param cutoff r_c in Å
     * @param basis  radial functions per species pair
     */
    record PairSpec(double cutoff, int basis) {
        /** Default number of radial functions per species pair. */
        static final int DEFAULT_BASIS = 6;
    }

    private final String path;
    private final E0Mode e0Mode;
    private final SortedMap<Integer, Double> e0Values;
    private final ObservationWeights weights;
    private final Map<String, Double> configWeights;
    private final Prior prior;
    private final String regularizer;
    private final Solver solver;
    private final Form form;
    private final PairSpec pair;
    private final Integer threads;

    private LinearSettings(String path, E0Mode e0Mode, SortedMap<Integer, Double> e0Values, ObservationWeights weights,
                           Map<String, Double> configWeights, Prior prior, String regularizer, Solver solver, Form form,
                           PairSpec pair, Integer threads) {
        this.path = path;
        this.e0Mode = e0Mode;
        this.e0Values = Collections.unmodifiableSortedMap(new TreeMap<>(e0Values));
        this.weights = weights;
        this.configWeights = Collections.unmodifiableMap(new LinkedHashMap<>(configWeights));
        this.prior = prior;
        this.regularizer = regularizer;
        this.solver = solver;
        this.form = form;
        this.pair = pair;
        this.threads = threads;
    }

    /**
     * Parses and validates the stage parameters.
     *
     * @throws org.atomstack.api.plugin.PluginException naming the parameter path and the bad value
     */
    static LinearSettings parse(Parameters p) {
        p.checkKnown(KEYS);
        E0Mode e0Mode = E0Mode.FIT;
        SortedMap<Integer, Double> e0Values = new TreeMap<>();
        if (p.has("e0")) {
            if (p.raw("e0") instanceof Map) {
                e0Mode = E0Mode.GIVEN;
                Parameters e0 = p.section("e0");
                for (String symbol : e0.keys()) {
                    int z;
                    try {
                        z = Elements.atomicNumber(symbol);
                    } catch (IllegalArgumentException e) {
                        throw e0.error(symbol, "'" + symbol + "' is not a chemical element");
                    }
                    if (e0Values.put(z, e0.number(symbol)) != null) {
                        throw e0.error(symbol, "element " + Elements.symbol(z) + " is given twice");
                    }
                }
                if (e0Values.isEmpty()) {
                    throw p.error("e0", "an empty map; give a value in eV per species, or 'fit' or 'average'");
                }
            } else {
                String mode = p.string("e0").strip().toLowerCase(Locale.ROOT);
                e0Mode = switch (mode) {
                    case "fit" -> E0Mode.FIT;
                    case "average" -> E0Mode.AVERAGE;
                    default -> throw p.error("e0", "'" + p.string("e0") + "' is not one of [fit, average] or a map {symbol: eV}");
                };
            }
        }
        ObservationWeights weights = ObservationWeights.DEFAULTS;
        if (p.has("weights")) {
            Parameters w = p.section("weights");
            w.checkKnown("energy", "forces", "stress");
            weights = new ObservationWeights(
                nonNegative(w, "energy", ObservationWeights.DEFAULTS.energy()),
                nonNegative(w, "forces", ObservationWeights.DEFAULTS.forces()),
                nonNegative(w, "stress", ObservationWeights.DEFAULTS.stress()));
        }
        Map<String, Double> configWeights = new LinkedHashMap<>();
        if (p.has("config_weights")) {
            Parameters cw = p.section("config_weights");
            for (String type : cw.keys()) {
                configWeights.put(type, nonNegative(cw, type, 1));
            }
        }
        Prior prior = p.choice("prior", Prior.class, Prior.AUTO);
        String regularizer = p.string("regularizer", "none").strip();
        if (regularizer.isEmpty() || !regularizer.matches("[A-Za-z0-9_-]+")) {
            throw p.error("regularizer", "expected 'none' or the name of a regulariser the descriptor offers (e.g. purification), got '"
                + regularizer + "'");
        }
        Solver solver = parseSolver(p);
        Form form = p.choice("system", Form.class, Form.AUTO);
        PairSpec pair = null;
        if (p.has("pair")) {
            Parameters ps = p.section("pair");
            ps.checkKnown("cutoff", "basis");
            double cutoff = ps.number("cutoff");
            if (!(cutoff > 0)) {
                throw ps.error("cutoff", "must be > 0 Å, got " + cutoff);
            }
            int basis = ps.integer("basis", PairSpec.DEFAULT_BASIS);
            if (basis < 1) {
                throw ps.error("basis", "must be >= 1, got " + basis);
            }
            pair = new PairSpec(cutoff, basis);
        }
        Integer threads = null;
        if (p.has("threads")) {
            threads = p.integer("threads");
            if (threads < 1) {
                throw p.error("threads", "must be >= 1, got " + threads);
            }
        }
        return new LinearSettings(p.path(), e0Mode, e0Values, weights, configWeights, prior,
            regularizer.equalsIgnoreCase("none") ? null : regularizer, solver, form, pair, threads);
    }

    private static Solver parseSolver(Parameters p) {
        if (!p.has("solver")) {
            return new BayesianSolver(BayesianSolver.DEFAULT_TOLERANCE, BayesianSolver.DEFAULT_MAX_ITERATIONS);
        }
        Parameters s;
        String method;
        if (p.raw("solver") instanceof Map) {
            s = p.section("solver");
            method = s.string("method", "blr").strip().toLowerCase(Locale.ROOT);
        } else {
            s = Parameters.empty(p.path().isEmpty() ? "solver" : p.path() + ".solver");
            method = p.string("solver").strip().toLowerCase(Locale.ROOT);
        }
        switch (method) {
            case "ridge" -> {
                s.checkKnown("method", "lambda");
                double lambda = s.number("lambda", RidgeSolver.DEFAULT_LAMBDA);
                if (!(lambda >= 0)) {
                    throw s.error("lambda", "must be >= 0, got " + lambda);
                }
                return new RidgeSolver(lambda);
            }
            case "tsvd" -> {
                s.checkKnown("method", "rtol");
                return new TruncatedSvdSolver(rtol(s, TruncatedSvdSolver.DEFAULT_RTOL));
            }
            case "rrqr" -> {
                s.checkKnown("method", "rtol");
                return new RrqrSolver(rtol(s, RrqrSolver.DEFAULT_RTOL));
            }
            case "blr" -> {
                s.checkKnown("method", "tolerance", "max_iterations");
                double tol = s.number("tolerance", BayesianSolver.DEFAULT_TOLERANCE);
                if (!(tol > 0)) {
                    throw s.error("tolerance", "must be > 0, got " + tol);
                }
                int max = s.integer("max_iterations", BayesianSolver.DEFAULT_MAX_ITERATIONS);
                if (max < 1) {
                    throw s.error("max_iterations", "must be >= 1, got " + max);
                }
                return new BayesianSolver(tol, max);
            }
            default -> {
                String key = p.raw("solver") instanceof Map ? "method" : null;
                String problem = "'" + method + "' is not one of [blr, ridge, tsvd, rrqr]";
                throw key == null ? p.error("solver", problem) : s.error(key, problem);
            }
        }
    }

    private static double rtol(Parameters s, double fallback) {
        double rtol = s.number("rtol", fallback);
        if (!(rtol >= 0 && rtol < 1)) {
            throw s.error("rtol", "must be in [0, 1), got " + rtol);
        }
        return rtol;
    }

    private static double nonNegative(Parameters p, String key, double fallback) {
        double v = p.number(key, fallback);
        if (!(v >= 0)) {
            throw p.error(key, "must be >= 0, got " + v);
        }
        return v;
    }

    /** The parameter path (for messages). */
    String path() {
        return path;
    }

    /** How E0 is obtained. */
    E0Mode e0Mode() {
        return e0Mode;
    }

    /** Given E0 values in eV by atomic number (empty unless {@link E0Mode#GIVEN}). */
    SortedMap<Integer, Double> e0Values() {
        return e0Values;
    }

    /** Observation weights. */
    ObservationWeights weights() {
        return weights;
    }

    /** Residual multipliers by configuration type (unlisted types: 1). */
    Map<String, Double> configWeights() {
        return configWeights;
    }

    /** The prior choice. */
    Prior prior() {
        return prior;
    }

    /** The name of the descriptor's regulariser combined with the prior, or null for none. */
    String regularizer() {
        return regularizer;
    }

    /** The solver. */
    Solver solver() {
        return solver;
    }

    /** The form choice as given. */
    Form form() {
        return form;
    }

    /** The form to accumulate: the given one, or the solver's preferred one for {@link Form#AUTO}. */
    SystemForm resolvedForm() {
        return switch (form) {
            case AUTO -> solver.preferredForm();
            case NORMAL -> SystemForm.NORMAL;
            case QR -> SystemForm.QR;
        };
    }

    /** The pair term's settings, or null without a pair term. */
    PairSpec pair() {
        return pair;
    }

    /** Worker threads: as given, else the available processors. */
    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The configuration with every default explicit (threads only when given: results do not
     * depend on it).
     */
    Parameters toParameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e0Mode == E0Mode.GIVEN) {
            Map<String, Object> e0 = new LinkedHashMap<>();
            e0Values.forEach((z, v) -> e0.put(Elements.symbol(z), v));
            m.put("e0", e0);
        } else {
            m.put("e0", e0Mode.name().toLowerCase(Locale.ROOT));
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("energy", weights.energy());
        w.put("forces", weights.forces());
        w.put("stress", weights.stress());
        m.put("weights", w);
        if (!configWeights.isEmpty()) {
            m.put("config_weights", new LinkedHashMap<String, Object>(configWeights));
        }
        m.put("prior", prior.name().toLowerCase(Locale.ROOT));
        m.put("regularizer", regularizer == null ? "none" : regularizer);
        m.put("solver", solver.settings());
        m.put("system", form.name().toLowerCase(Locale.ROOT));
        if (pair != null) {
            Map<String, Object> ps = new LinkedHashMap<>();
            ps.put("cutoff", pair.cutoff());
            ps.put("basis", (long) pair.basis());
            m.put("pair", ps);
        }
        if (threads != null) {
            m.put("threads", (long) threads);
        }
        return Parameters.of(path, m);
    }
}
