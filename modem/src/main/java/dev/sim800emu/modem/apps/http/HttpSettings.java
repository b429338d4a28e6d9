package dev.sim800emu.modem.apps.http;

import java.util.EnumMap;
import java.util.Map;

/** One set of HTTPPARA values: the running one, or the one AT+HTTPSCONT saved. */
final class HttpSettings {
    private final Map<HttpParam, String> values = new EnumMap<>(HttpParam.class);

    HttpSettings() {
        for (HttpParam p : HttpParam.values()) {
            values.put(p, p.factory);
        }
    }

    HttpSettings copy() {
        HttpSettings c = new HttpSettings();
        c.values.putAll(values);
        return c;
    }

    String get(HttpParam p) {
        return values.get(p);
    }

    int number(HttpParam p) {
        return Integer.parseInt(values.get(p));
    }

    void set(HttpParam p, String value) {
        values.put(p, value);
    }

    /** {@code TAG: value} lines in the manual's order, skipping what HTTPSCONT? does not list. */
    String[] lines(boolean all) {
        return values.entrySet().stream()
                .filter(e -> all || (e.getKey() != HttpParam.TIMEOUT && e.getKey() != HttpParam.CONTENT))
                .map(e -> e.getKey().name() + ": " + e.getValue())
                .toArray(String[]::new);
    }
}
