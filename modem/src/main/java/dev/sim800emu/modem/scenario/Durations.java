package dev.sim800emu.modem.scenario;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as scenario files write them: {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 2m}. */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(ms|s|m)");
    /** A day: longer is a typo, not a test. */
    static final long MAX_MILLIS = 24L * 60 * 60 * 1000;

    private Durations() {
    }

    /** Milliseconds, or IllegalArgumentException saying what a duration looks like. */
    static long parse(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write 500ms, 5s, 1.5s or 2m)");
        }
        long unit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1000;
            default -> 60_000;
        };
        long millis;
        try {
            millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of milliseconds");
        }
        if (millis > MAX_MILLIS) {
            throw new IllegalArgumentException("'" + text + "' is longer than a day");
        }
        return millis;
    }
}
