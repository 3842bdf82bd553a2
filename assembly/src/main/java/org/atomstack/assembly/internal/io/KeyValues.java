package org.atomstack.assembly.internal.io;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code key=value} pairs of an extended XYZ comment line, as ASE writes and reads them:
 * values bare ({@code energy=-1.5}), double-quoted with backslash escapes
 * ({@code Lattice="1 0 0 0 1 0 0 0 1"}), in braces ({@code {1 2 3}}) or brackets
 * ({@code [1, 2, 3]}, commas become spaces); a key without {@code =} is a flag with value
 * {@code T}; whitespace around {@code =} is allowed; keys may be quoted.
 */
public final class KeyValues {
    private KeyValues() {
    }

    /** One pair; {@code key} keeps its spelling, lookups are by lower-case key. */
    public record Entry(String key, String value) {
    }

    /**
     * Parses a comment line.
     *
     * @return the pairs by lower-case key, in order; a repeated key keeps its last value
     * @throws FormatProblem on an unterminated quote, brace or bracket, or an empty key
     */
    public static Map<String, Entry> parse(String line) throws FormatProblem {
        Map<String, Entry> out = new LinkedHashMap<>();
        int n = line.length();
        int pos = skipSpace(line, 0);
        while (pos < n) {
            StringBuilder key = new StringBuilder();
            if (line.charAt(pos) == '"') {
                pos = quoted(line, pos, key, "key");
            } else {
                while (pos < n && !Character.isWhitespace(line.charAt(pos)) && line.charAt(pos) != '=') {
                    key.append(line.charAt(pos++));
                }
            }
            if (key.isEmpty()) {
                throw new FormatProblem("comment line has a value without a key at character " + (pos + 1));
            }
            pos = skipSpace(line, pos);
            String value = "T";
            if (pos < n && line.charAt(pos) == '=') {
                pos = skipSpace(line, pos + 1);
                StringBuilder v = new StringBuilder();
                if (pos >= n) {
                    value = "";
                } else {
                    char c = line.charAt(pos);
                    if (c == '"') {
                        pos = quoted(line, pos, v, "value of '" + key + "'");
                    } else if (c == '{' || c == '[') {
                        char close = c == '{' ? '}' : ']';
                        int end = line.indexOf(close, pos + 1);
                        if (end < 0) {
                            throw new FormatProblem("value of '" + key + "' opens '" + c + "' but has no closing '" + close + "'");
                        }
                        v.append(line, pos + 1, end);
                        if (c == '[') {
                            for (int i = 0; i < v.length(); i++) {
                                if (v.charAt(i) == ',') {
                                    v.setCharAt(i, ' ');
                                }
                            }
                        }
                        pos = end + 1;
                    } else {
                        while (pos < n && !Character.isWhitespace(line.charAt(pos))) {
                            v.append(line.charAt(pos++));
                        }
                    }
                    value = v.toString();
                }
            }
            String k = key.toString();
            out.put(k.toLowerCase(Locale.ROOT), new Entry(k, value));
            pos = skipSpace(line, pos);
        }
        return out;
    }

    /**
     * Writes a value so that {@link #parse} reads it back unchanged: bare when it is a non-empty
     * run of characters without whitespace, quotes, braces, brackets or {@code =}, else quoted.
     */
    public static String quoteIfNeeded(String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = !Character.isWhitespace(c) && c != '"' && c != '\\' && c != '=' && c != '{' && c != '}'
                && c != '[' && c != ']' && c != ',';
        }
        if (plain) {
            return value;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static int quoted(String line, int pos, StringBuilder out, String what) throws FormatProblem {
        int i = pos + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                out.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        throw new FormatProblem(what + " opens a quote at character " + (pos + 1) + " that is never closed");
    }

    private static int skipSpace(String line, int pos) {
        while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
        return pos;
    }
}
