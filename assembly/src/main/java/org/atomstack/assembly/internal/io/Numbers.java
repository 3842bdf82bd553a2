package org.atomstack.assembly.internal.io;

import java.util.Locale;

/**
 * Strict parsing of numbers in text data files: decimal notation as Python's {@code float()}
 * reads it ({@code -1.5}, {@code .5}, {@code 2.}, {@code 1e-3}), plus {@code nan}, {@code inf}
 * and {@code infinity} in any case so that non-finite values can be reported as such. Java-only
 * forms ({@code 1.0f}, {@code 0x1p3}) and Fortran exponents ({@code 1.0D0}) are rejected.
 */
public final class Numbers {
    private Numbers() {
    }

    /**
     * Parses a decimal number.
     *
     * @return the value; NaN or ±∞ for the spelled-out non-finite forms
     * @throws FormatProblem "'token' is not a number" when it is not a number
     */
    public static double parseDouble(String token) throws FormatProblem {
        if (isDecimal(token)) {
            return Double.parseDouble(token);
        }
        String t = token.toLowerCase(Locale.ROOT);
        String body = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.equals("inf") || body.equals("infinity")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new FormatProblem("'" + token + "' is not a number");
    }

    /**
     * Parses a decimal integer (optional sign, digits).
     *
     * @throws FormatProblem "'token' is not an integer" otherwise, or when it does not fit an int
     */
    public static int parseInt(String token) throws FormatProblem {
        int start = token.startsWith("+") || token.startsWith("-") ? 1 : 0;
        boolean ok = token.length() > start;
        for (int i = start; i < token.length() && ok; i++) {
            ok = token.charAt(i) >= '0' && token.charAt(i) <= '9';
        }
        if (ok) {
            try {
                return Integer.parseInt(token);
            } catch (NumberFormatException e) {
                // too large; reported below
            }
        }
        throw new FormatProblem("'" + token + "' is not an integer");
    }

    /** Formats a double so that {@link #parseDouble} (and Python) read back exactly the same value. */
    public static String format(double v) {
        return Double.toString(v);
    }

    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
