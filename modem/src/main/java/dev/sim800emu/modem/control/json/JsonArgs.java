package dev.sim800emu.modem.control.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The arguments of one verb (a JSON object, or a YAML mapping read as one), read field by field
 * with range checks. Every failure is a {@link BadCommandException} naming the verb and the field,
 * so an HTTP client, a {@code ctl} user and a scenario author all read the same sentence.
 */
final class JsonArgs {
    private final String verb;
    private final JsonNode node;

    JsonArgs(String verb, JsonNode node, List<String> fields) {
        this.verb = verb;
        this.node = node;
        if (node != null && !node.isNull() && !node.isObject()) {
            throw bad("arguments must be an object" + (fields.isEmpty() ? " or nothing" : " with " + list(fields)));
        }
        if (node != null) {
            // A misspelt field would otherwise be dropped silently and the modem get a default.
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!fields.contains(name)) {
                    throw bad("unknown field '" + name + "'"
                            + (fields.isEmpty() ? " (" + verb + " takes none)" : " (expected " + list(fields) + ")"));
                }
            }
        }
    }

    boolean has(String field) {
        return node != null && node.has(field) && !node.get(field).isNull();
    }

    private JsonNode required(String field) {
        if (!has(field)) {
            throw bad("'" + field + "' is required");
        }
        return node.get(field);
    }

    /** A whole number in {@code min..max}, or one of {@code also}. */
    int integer(String field, int min, int max, int... also) {
        return (int) wholeNumber(required(field), field, min, max, also);
    }

    long longValue(String field, long min, long max) {
        return wholeNumber(required(field), field, min, max);
    }

    private long wholeNumber(JsonNode v, String field, long min, long max, int... also) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad("'" + field + "' must be a whole number, not " + v);
        }
        long n = v.asLong();
        for (int a : also) {
            if (n == a) {
                return n;
            }
        }
        if (n < min || n > max) {
            String extra = also.length == 0 ? "" : " or " + also[0];
            throw bad("'" + field + "' must be " + min + ".." + max + extra + ", not " + n);
        }
        return n;
    }

    /** A number (fractions allowed) in {@code min..max}, or {@code defaultValue} when absent. */
    double decimal(String field, double min, double max, double defaultValue) {
        if (!has(field)) {
            return defaultValue;
        }
        JsonNode v = node.get(field);
        if (!v.isNumber()) {
            throw bad("'" + field + "' must be a number, not " + v);
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            throw bad("'" + field + "' must be " + plain(min) + ".." + plain(max) + ", not " + v);
        }
        return d;
    }

    boolean bool(String field) {
        JsonNode v = required(field);
        if (!v.isBoolean()) {
            throw bad("'" + field + "' must be true or false, not " + v);
        }
        return v.asBoolean();
    }

    /** A string of at most {@code maxLength} characters matching {@code pattern} (null: any). */
    String text(String field, int maxLength, String pattern, String what) {
        JsonNode v = required(field);
        if (!v.isTextual()) {
            // YAML reads +15551234 as a number: say how to keep it a string.
            throw bad("'" + field + "' must be a string" + (v.isNumber() ? " (quote it)" : "") + ", not " + v);
        }
        String s = v.asText();
        if (s.length() > maxLength || pattern != null && !s.matches(pattern)) {
            throw bad("'" + field + "' must be " + what + ", not " + v);
        }
        return s;
    }

    /** One of {@code choices}, case-insensitive, returned in lower case. */
    String choice(String field, Set<String> choices) {
        JsonNode v = required(field);
        String s = v.isTextual() ? v.asText().toLowerCase(Locale.ROOT) : "";
        if (!choices.contains(s)) {
            throw bad("'" + field + "' must be one of " + String.join(", ", choices) + ", not " + v);
        }
        return s;
    }

    BadCommandException bad(String problem) {
        return new BadCommandException(verb + ": " + problem);
    }

    private static String list(List<String> fields) {
        List<String> quoted = new ArrayList<>();
        for (String f : fields) {
            quoted.add("'" + f + "'");
        }
        return String.join(", ", quoted);
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
