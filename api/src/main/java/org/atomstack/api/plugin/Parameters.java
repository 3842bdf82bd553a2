package org.atomstack.api.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one stack stage, as read from a stack file: an immutable tree of maps,
 * lists, strings, numbers and booleans. Typed getters check types and report problems with
 * the full path of the key, e.g. {@code "stack ace-Mo.yaml: descriptor.radial.degree: expected
 * an integer, got 'x'"}. Plugins may call {@link #checkKnown} to reject misspelt keys.
 */
public final class Parameters {
    private final String path;
    private final Map<String, Object> values;

    private Parameters(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    /** Empty parameters at {@code path}. */
    public static Parameters empty(String path) {
        return new Parameters(path, Map.of());
    }

    /**
     * Parameters from a map (copied deeply). Values may be String, Number, Boolean, List or Map
     * with String keys; {@code path} prefixes every error message (e.g. "stack s.yaml: model").
     */
    public static Parameters of(String path, Map<String, ?> values) {
        return new Parameters(path, freezeMap(path, values));
    }

    /** The path used in messages. */
    public String path() {
        return path;
    }

    /** Keys present, in file order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** Whether {@code key} is present. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The raw value (String, Double/Long, Boolean, List or Map), or null. */
    public Object raw(String key) {
        return values.get(key);
    }

    /** The underlying tree (unmodifiable). */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Required string. */
    public String string(String key) {
        Object v = require(key);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw error(key, "expected a string, got " + describe(v));
    }

    /** Optional string. */
    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    /** Required number. */
    public double number(String key) {
        Object v = require(key);
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw error(key, "expected a finite number, got " + d);
            }
            return d;
        }
        if (v instanceof String s) {
            try {
                double d = Double.parseDouble(s.strip());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw error(key, "expected a number, got " + describe(v));
    }

    /** Optional number. */
    public double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    /** Required integer. */
    public int integer(String key) {
        Object v = require(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw error(key, "expected an integer, got " + describe(v));
    }

    /** Optional integer. */
    public int integer(String key, int fallback) {
        return has(key) ? integer(key) : fallback;
    }

    /** Optional boolean. */
    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = values.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw error(key, "expected true or false, got " + describe(v));
    }

    /** Optional enum constant, matched case-insensitively with '-' treated as '_'. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        if (!has(key)) {
            return fallback;
        }
        String s = string(key).strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw error(key, "'" + string(key) + "' is not one of " + allowed);
    }

    /** Optional list of numbers. */
    public double[] numbers(String key, double[] fallback) {
        if (!has(key)) {
            return fallback;
        }
        List<Object> list = list(key);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            if (!(v instanceof Number n)) {
                throw error(key + "[" + i + "]", "expected a number, got " + describe(v));
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    /** Optional list of integers. */
    public int[] integers(String key, int[] fallback) {
        if (!has(key)) {
            return fallback;
        }
        List<Object> list = list(key);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < Integer.MIN_VALUE || n.doubleValue() > Integer.MAX_VALUE) {
                throw error(key + "[" + i + "]", "expected an integer, got " + describe(v));
            }
            out[i] = n.intValue();
        }
        return out;
    }

    /** Required list (unmodifiable). */
    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        Object v = require(key);
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw error(key, "expected a list, got " + describe(v));
    }

    /** Nested parameters under {@code key}; empty if absent. */
    @SuppressWarnings("unchecked")
    public Parameters section(String key) {
        if (!has(key)) {
            return empty(child(key));
        }
        Object v = values.get(key);
        if (v instanceof Map<?, ?> m) {
            return new Parameters(child(key), (Map<String, Object>) m);
        }
        throw error(key, "expected a section (map), got " + describe(v));
    }

    /**
     * Rejects keys outside {@code allowed}, so typos do not pass silently.
     *
     * @throws PluginException naming the unknown key and the allowed ones
     */
    public void checkKnown(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String k : values.keySet()) {
            if (!ok.contains(k)) {
                throw error(k, "unknown parameter; allowed: " + String.join(", ", allowed));
            }
        }
    }

    /** An error about {@code key}, prefixed with the full path. */
    public PluginException error(String key, String problem) {
        return new PluginException(child(key) + ": " + problem);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Object require(String key) {
        if (!has(key)) {
            throw error(key, "missing required parameter");
        }
        Object v = values.get(key);
        if (v == null) {
            throw error(key, "has no value");
        }
        return v;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Map) {
            return "a section";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v.toString();
    }

    private static Map<String, Object> freezeMap(String path, Map<String, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : m.entrySet()) {
            out.put(e.getKey(), freeze(path + "." + e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object freeze(String path, Object v) {
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw new PluginException(path + ": keys must be strings, got " + k);
                }
            }
            return freezeMap(path, (Map<String, ?>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(freeze(path + "[" + i + "]", l.get(i)));
            }
            return Collections.unmodifiableList(out);
        }
        throw new PluginException(path + ": unsupported value type " + v.getClass().getSimpleName());
    }

    @Override
    public String toString() {
        return path + values;
    }
}
