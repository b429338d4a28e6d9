package dev.sim800emu.modem.net;

import java.util.Locale;
import java.util.Map;

/**
 * Network conditions for a modem's links: what the GPRS radio link does to the bytes. Rates are
 * in bits per second (0: unlimited), {@code latencyMillis} is the round trip added (half each
 * way), {@code jitterMillis} the spread around it, {@code lossPercent} applies to UDP datagrams
 * (TCP retransmits, so loss shows there as delay), {@code queueBytes} bounds what waits for the
 * uplink before the modem stops taking more.
 */
public record LinkConditions(long downBitsPerSecond, long upBitsPerSecond, int latencyMillis, int jitterMillis,
                             double lossPercent, int queueBytes) {

    /** Today's perfect network: no shaping at all. */
    public static final LinkConditions IDEAL = new LinkConditions(0, 0, 0, 0, 0, 0);

    public LinkConditions {
        if (downBitsPerSecond < 0 || upBitsPerSecond < 0 || latencyMillis < 0 || jitterMillis < 0
                || queueBytes < 0) {
            throw new IllegalArgumentException("rates, latency, jitter and queue must not be negative");
        }
        if (jitterMillis > latencyMillis) {
            throw new IllegalArgumentException("jitter must not exceed the latency");
        }
        if (!(lossPercent >= 0 && lossPercent <= 100)) {
            throw new IllegalArgumentException("loss must be a percentage from 0 to 100");
        }
    }

    /**
     * The named presets: {@code ideal}; {@code gprs} (class 12 peak, 85.6 kbit/s down, 42.8 up);
     * {@code gprs-good} (about 40/20 kbit/s, 600 ms round trip); {@code gprs-poor} (about 10/5
     * kbit/s, 1.5 s, jitter, some loss); {@code edge} (about 236.8/118.4 kbit/s, 300 ms).
     */
    public static final Map<String, LinkConditions> PRESETS = Map.of(
            "ideal", IDEAL,
            "gprs", new LinkConditions(85_600, 42_800, 500, 50, 0, 64 * 1024),
            "gprs-good", new LinkConditions(40_000, 20_000, 600, 100, 0, 64 * 1024),
            "gprs-poor", new LinkConditions(10_000, 5_000, 1_500, 500, 2, 32 * 1024),
            "edge", new LinkConditions(236_800, 118_400, 300, 50, 0, 128 * 1024));

    /** A preset by name, case-insensitive; throws with the list of names when unknown. */
    public static LinkConditions preset(String name) {
        LinkConditions c = PRESETS.get(name.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (known: "
                    + String.join(", ", new java.util.TreeSet<>(PRESETS.keySet())) + ")");
        }
        return c;
    }

    public boolean ideal() {
        return downBitsPerSecond == 0 && upBitsPerSecond == 0 && latencyMillis == 0 && jitterMillis == 0
                && lossPercent == 0;
    }
}
