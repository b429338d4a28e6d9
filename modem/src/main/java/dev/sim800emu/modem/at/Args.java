package dev.sim800emu.modem.at;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of a write form ({@code AT+CMD=a,"b",3}), parsed leniently as the chip does:
 * strings with or without double quotes, numbers quoted or not, blanks around parameters ignored.
 * Typed getters check ranges and throw {@link BadParameterException}, which becomes ERROR.
 */
public final class Args {
    private static final Args NONE = new Args(List.of());

    private final List<Param> params;

    private Args(List<Param> params) {
        this.params = params;
    }

    /** One parameter as typed: its text without the quotes, and whether it was quoted. */
    public record Param(String text, boolean quoted) {
        boolean isEmpty() {
            return text.isEmpty() && !quoted;
        }
    }

    public static Args none() {
        return NONE;
    }

    /** Splits {@code raw} on commas outside double quotes. An unterminated quote is a syntax error. */
    public static Args parse(String raw) {
        List<Param> out = new ArrayList<>();
        int i = 0;
        int n = raw.length();
        while (true) {
            while (i < n && raw.charAt(i) == ' ') {
                i++;
            }
            String text;
            boolean quoted = false;
            if (i < n && raw.charAt(i) == '"') {
                int close = raw.indexOf('"', i + 1);
                if (close < 0) {
                    throw new BadParameterException("unterminated string");
                }
                text = raw.substring(i + 1, close);
                quoted = true;
                i = close + 1;
                while (i < n && raw.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && raw.charAt(i) != ',') {
                    throw new BadParameterException("text after closing quote");
                }
            } else {
                int comma = raw.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                text = raw.substring(i, end).strip();
                i = end;
            }
            out.add(new Param(text, quoted));
            if (i >= n) {
                break;
            }
            i++; // the comma
        }
        return new Args(List.copyOf(out));
    }

    public int size() {
        return params.size();
    }

    /** True when parameter {@code i} was given (an empty unquoted slot counts as omitted). */
    public boolean has(int i) {
        return i < params.size() && !params.get(i).isEmpty();
    }

    public Param param(int i) {
        return params.get(i);
    }

    /** Fails unless the parameter count is within [min, max]. */
    public Args expectCount(int min, int max) {
        if (params.size() < min || params.size() > max) {
            throw new BadParameterException("expected " + min + ".." + max + " parameters");
        }
        return this;
    }

    public int integer(int i, int min, int max) {
        if (!has(i)) {
            throw new BadParameterException("parameter " + i + " missing");
        }
        return parseInt(params.get(i).text(), min, max);
    }

    public int integer(int i, int min, int max, int defaultValue) {
        return has(i) ? integer(i, min, max) : defaultValue;
    }

    public String string(int i, int maxLength) {
        if (i >= params.size()) {
            throw new BadParameterException("parameter " + i + " missing");
        }
        String s = params.get(i).text();
        if (s.length() > maxLength) {
            throw new BadParameterException("parameter " + i + " too long");
        }
        return s;
    }

    public String string(int i, int maxLength, String defaultValue) {
        return i < params.size() ? string(i, maxLength) : defaultValue;
    }

    /** Parses a decimal integer in range; leading zeros are allowed ("01883"). */
    public static int parseInt(String s, int min, int max) {
        if (s.isEmpty() || s.length() > 10) {
            throw new BadParameterException("not a number: " + s);
        }
        long v = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                throw new BadParameterException("not a number: " + s);
            }
            v = v * 10 + (c - '0');
        }
        if (v < min || v > max) {
            throw new BadParameterException("out of range: " + s);
        }
        return (int) v;
    }

    @Override
    public String toString() {
        return params.toString();
    }
}
