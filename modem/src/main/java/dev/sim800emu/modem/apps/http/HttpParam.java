package dev.sim800emu.modem.apps.http;

/**
 * The tags of AT+HTTPPARA (manual §11.2.3) as data: each carries its factory value and the values
 * it accepts, so setting, reading back (HTTPPARA?, HTTPSCONT?) and the docs agree.
 */
public enum HttpParam {
    CID("1", 1, 3),
    URL("", 0, 0),
    /** The manual prints "SIMCom_MODULE"; real modules send SIMCOM_MODULE (sim800-apps.md §2.13). */
    UA("SIMCOM_MODULE", 0, 0),
    PROIP("0.0.0.0", 0, 0),
    PROPORT("0", 0, 65535),
    REDIR("0", 0, 1),
    BREAK("0", 0, Integer.MAX_VALUE),
    BREAKEND("0", 0, Integer.MAX_VALUE),
    /** Seconds a whole action may take; below 30 is refused as real modules do. */
    TIMEOUT("120", 30, 1000),
    CONTENT("", 0, 0),
    USERDATA("", 0, 0);

    /** Longest text value accepted (URL and header texts). */
    static final int MAX_TEXT = 500;

    final String factory;
    private final int min;
    private final int max;

    HttpParam(String factory, int min, int max) {
        this.factory = factory;
        this.min = min;
        this.max = max;
    }

    /** Numeric tags take a decimal in range; the others any text up to {@link #MAX_TEXT}. */
    boolean numeric() {
        return max > 0;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    /** The tag named {@code name} (any case), or null. */
    static HttpParam named(String name) {
        for (HttpParam p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }
}
