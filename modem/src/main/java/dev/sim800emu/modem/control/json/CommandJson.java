package dev.sim800emu.modem.control.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sim800emu.modem.adversary.StressTiming;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.net.DnsFault;
import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.radio.DialOutcome;
import dev.sim800emu.modem.radio.Registration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The control vocabulary as data: each verb, the fields of its arguments, and how they become a
 * {@link ControlCommand}. The HTTP API reads a request body with it, a scenario file the mapping
 * under {@code do:}, and {@code ctl} checks its command line with it before anything is sent, so
 * the three surfaces accept exactly the same things and say the same thing when they refuse.
 */
public final class CommandJson {

    /** One verb: its argument fields, in the order the docs list them, and its reader. */
    private record Verb(List<String> fields, Function<JsonArgs, ControlCommand> read) {
    }

    /** A phone number as a caller ID or SMS sender shows it. */
    private static final String NUMBER = "\\+?[0-9*#]{1,20}";
    private static final int MAX_KBPS = 1_000_000;
    private static final int MAX_MILLIS = 600_000;

    private static final Map<String, Verb> VERBS = new LinkedHashMap<>();

    static {
        verb("signal", List.of("rssi", "ber"), a -> new ControlCommand.Signal(a.integer("rssi", 0, 31, 99),
                a.has("ber") ? a.integer("ber", 0, 7, 99) : 0));
        verb("register", List.of("state"), a -> new ControlCommand.Register(
                Registration.valueOf(a.choice("state", names(Registration.values())).toUpperCase(Locale.ROOT))));
        verb("detach", List.of(), a -> new ControlCommand.Detach());
        verb("pdp-deact", List.of(), a -> new ControlCommand.PdpDeact());
        verb("sim", List.of("inserted"), a -> new ControlCommand.Sim(a.bool("inserted")));
        verb("reboot", List.of(), a -> new ControlCommand.Reboot());
        verb("time", List.of("time", "dst"), CommandJson::networkTime);
        verb("call", List.of("from"), a -> new ControlCommand.Call(a.text("from", 21, NUMBER, "a phone number")));
        verb("hangup", List.of(), a -> new ControlCommand.Hangup());
        verb("sms", List.of("from", "text"), a -> new ControlCommand.Sms(a.text("from", 21, NUMBER, "a phone number"),
                a.text("text", 1000, null, "at most 1000 characters")));
        verb("ussd", List.of("text"), a -> new ControlCommand.Ussd(a.text("text", 182, null, "at most 182 characters")));
        verb("sms-fail", List.of("error", "count"), a -> new ControlCommand.SmsFail(a.integer("error", 0, 999),
                a.has("count") ? a.integer("count", 0, 1000) : 0));
        verb("dial", List.of("outcome", "afterMs"), a -> new ControlCommand.Dial(
                DialOutcome.Kind.valueOf(a.choice("outcome", dashed(DialOutcome.Kind.values()))
                        .toUpperCase(Locale.ROOT).replace('-', '_')),
                a.has("afterMs") ? a.longValue("afterMs", 0, DialOutcome.MAX_MILLIS) : DialOutcome.DEFAULT.afterMillis()));
        verb("network", List.of("preset", "downKbps", "upKbps", "latencyMs", "jitterMs", "loss", "queueBytes"),
                CommandJson::network);
        verb("link", List.of("id", "fault"), a -> new ControlCommand.Link(a.integer("id", 0, 5),
                LinkFault.valueOf(a.choice("fault", names(LinkFault.values())).toUpperCase(Locale.ROOT))));
        verb("spike", List.of("extraMs", "forMs"), a -> new ControlCommand.LatencySpike(
                a.integer("extraMs", 1, 60_000), a.longValue("forMs", 1, 3_600_000)));
        verb("dns", List.of("fault", "delayMs"), CommandJson::dns);
        verb("refuse", List.of("refuse"), a -> new ControlCommand.RefuseConnections(a.bool("refuse")));
        verb("stress", List.of("on", "seed", "maxResultDelayMs"), CommandJson::stress);
        verb("location", List.of("lat", "lon", "accuracy"), CommandJson::location);
    }

    /** {"on":true,"seed":N,"maxResultDelayMs":M}; seed and delay optional (a random seed, the default). */
    private static ControlCommand stress(JsonArgs a) {
        if (!a.bool("on")) {
            return new ControlCommand.Stress(null);
        }
        long seed = a.has("seed") ? a.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE) : new java.util.Random().nextLong();
        int delay = a.has("maxResultDelayMs") ? a.integer("maxResultDelayMs", 0, 60_000) : StressTiming.RESULT_DELAY;
        return new ControlCommand.Stress(StressTiming.seeded(seed).withMaxResultDelay(delay));
    }

    private CommandJson() {
    }

    private static void verb(String name, List<String> fields, Function<JsonArgs, ControlCommand> read) {
        VERBS.put(name, new Verb(fields, read));
    }

    /** Every verb, in the order the docs list them. */
    public static Set<String> verbs() {
        return VERBS.keySet();
    }

    public static boolean isVerb(String verb) {
        return VERBS.containsKey(verb);
    }

    /**
     * The command {@code verb} with {@code args} (a JSON object; null or a JSON null for none)
     * asks for; throws {@link BadCommandException} with one line saying what is wrong.
     */
    public static ControlCommand parse(String verb, JsonNode args) {
        Verb v = VERBS.get(verb);
        if (v == null) {
            throw new BadCommandException("unknown verb '" + verb + "' (known: " + String.join(", ", VERBS.keySet()) + ")");
        }
        return v.read.apply(new JsonArgs(verb, args, v.fields));
    }

    private static ControlCommand networkTime(JsonArgs a) {
        String text = a.text("time", 64, null, "an ISO-8601 date and time with offset");
        ZonedDateTime time;
        try {
            time = ZonedDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw a.bad("'time' must be an ISO-8601 date and time with offset, like 2026-03-29T02:30:00+01:00, not \""
                    + text + "\"");
        }
        return new ControlCommand.NetworkTime(time, a.has("dst") ? a.integer("dst", 0, 2) : 0);
    }

    /**
     * Conditions from a preset (ideal when none is named) with any field given overriding it, so
     * {@code {"preset":"gprs","latencyMs":900}} is GPRS with a slower round trip.
     */
    private static ControlCommand network(JsonArgs a) {
        LinkConditions base = LinkConditions.IDEAL;
        if (a.has("preset")) {
            Set<String> presets = new java.util.TreeSet<>(LinkConditions.PRESETS.keySet());
            base = LinkConditions.preset(a.choice("preset", new LinkedHashSet<>(presets)));
        }
        long down = bits(a.decimal("downKbps", 0, MAX_KBPS, base.downBitsPerSecond() / 1000.0));
        long up = bits(a.decimal("upKbps", 0, MAX_KBPS, base.upBitsPerSecond() / 1000.0));
        int latency = (int) a.decimal("latencyMs", 0, MAX_MILLIS, base.latencyMillis());
        int jitter = (int) a.decimal("jitterMs", 0, MAX_MILLIS, base.jitterMillis());
        double loss = a.decimal("loss", 0, 100, base.lossPercent());
        int queue = (int) a.decimal("queueBytes", 0, 64 * 1024 * 1024, base.queueBytes());
        for (String whole : List.of("latencyMs", "jitterMs", "queueBytes")) {
            if (a.has(whole)) {
                a.integer(whole, 0, Integer.MAX_VALUE);
            }
        }
        try {
            return new ControlCommand.Network(new LinkConditions(down, up, latency, jitter, loss, queue));
        } catch (IllegalArgumentException e) {
            throw a.bad(e.getMessage());
        }
    }

    private static long bits(double kbps) {
        return Math.round(kbps * 1000);
    }

    private static ControlCommand location(JsonArgs a) {
        if (!a.has("lat") || !a.has("lon")) {
            throw a.bad("'lat' and 'lon' are required");
        }
        return new ControlCommand.Location(new dev.sim800emu.modem.config.CellLocation(
                a.decimal("lat", -90, 90, 0), a.decimal("lon", -180, 180, 0),
                a.has("accuracy") ? a.integer("accuracy", 0, dev.sim800emu.modem.config.CellLocation.MAX_ACCURACY)
                        : dev.sim800emu.modem.config.CellLocation.DEFAULT.accuracyMeters()));
    }

    private static ControlCommand dns(JsonArgs a) {
        DnsFault fault = DnsFault.valueOf(a.choice("fault", names(DnsFault.values())).toUpperCase(Locale.ROOT));
        if (fault == DnsFault.SLOW) {
            return new ControlCommand.Dns(fault, a.longValue("delayMs", 1, MAX_MILLIS));
        }
        if (a.has("delayMs")) {
            throw a.bad("'delayMs' goes only with \"slow\"");
        }
        return new ControlCommand.Dns(fault, 0);
    }

    /** Lower-case names with dashes: {@code no-answer}. */
    private static Set<String> dashed(Enum<?>[] values) {
        Set<String> names = new LinkedHashSet<>();
        for (String n : names(values)) {
            names.add(n.replace('_', '-'));
        }
        return names;
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> names = new LinkedHashSet<>();
        for (Enum<?> v : values) {
            names.add(v.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
