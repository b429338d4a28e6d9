package dev.sim800emu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim800emu.modem.control.json.BadCommandException;
import dev.sim800emu.modem.control.json.CommandJson;
import dev.sim800emu.modem.runtime.ModemRegistry;
import dev.sim800emu.modem.runtime.ModemSelection;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code sim800emu ctl VERB …}: drives a running emulator through its control API
 * ({@code --control}). Each verb builds the same JSON arguments the HTTP API takes and checks them
 * with the same rules before sending, so a bad value is a bad command line (exit 2) and only the
 * modem's own refusals (or an API out of reach) are exit 1.
 */
@Command(name = "ctl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drives a running emulator (started with --control) like the network would.",
            "Verbs follow the Android emulator console where they fit."},
        footer = {"", "Example:  ./sim800emu ctl pdp-deact   (the host sees +PDP: DEACT)"})
final class Ctl {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Option(names = "--control", paramLabel = "HOST:PORT", defaultValue = ControlOptions.DEFAULT_CONTROL,
            converter = HostPort.class, scope = ScopeType.INHERIT,
            description = "Where the emulator's control API listens (default: ${DEFAULT-VALUE}).")
    InetSocketAddress control;

    @Option(names = "--modem", paramLabel = "ID", defaultValue = ModemRegistry.DEFAULT_ID, scope = ScopeType.INHERIT,
            description = "Which modem (default: ${DEFAULT-VALUE}).")
    String modem;

    @Option(names = "--select", paramLabel = "all|FIRST-LAST|PERCENT%", scope = ScopeType.INHERIT,
            description = "Send the verb to many modems of a fleet: all, a range of ids, or a random share (see --seed).")
    String select;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", scope = ScopeType.INHERIT,
            description = "Seed of a random share: the same seed picks the same modems (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "The emulator's --control-token, if it has one.")
    String token;

    @Spec
    CommandSpec spec;

    @Command(name = "status", description = "Show power, radio, IP state, links and network conditions.")
    int status(@Option(names = "--json", description = "Print the API's JSON as it is.") boolean json) {
        if (select != null) {
            return bad("status: one modem at a time (--modem ID); GET /metrics sums up a fleet");
        }
        try {
            JsonNode s = client().status();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(s.toPrettyString());
            } else {
                StatusText.print(out, modem, s);
            }
            out.flush();
            return 0;
        } catch (ControlClient.Refused e) {
            return refused(e);
        }
    }

    @Command(name = "signal", description = "Signal quality as AT+CSQ reports it (gsm signal).")
    int signal(@Parameters(paramLabel = "RSSI", description = "0..31, or 99 for unknown") int rssi,
               @Option(names = "--ber", paramLabel = "N", description = "bit error rate 0..7 or 99") Integer ber) {
        ObjectNode a = JSON.objectNode().put("rssi", rssi);
        if (ber != null) {
            a.put("ber", ber);
        }
        return send("signal", a);
    }

    @Command(name = "location", description = "Where the cell location service (AT+CIPGSMLOC, AT+CLBS) places the modem.")
    int location(@Parameters(paramLabel = "LAT,LON[,ACCURACY]", description = "degrees, degrees, metres") String where) {
        dev.sim800emu.modem.config.CellLocation l;
        try {
            l = dev.sim800emu.modem.config.CellLocation.parse(where);
        } catch (IllegalArgumentException e) {
            return bad("location: " + e.getMessage());
        }
        return send("location", JSON.objectNode().put("lat", l.latitude()).put("lon", l.longitude())
                .put("accuracy", l.accuracyMeters()));
    }

    @Command(name = "register", description = "Registration state: +CREG/+CGREG URCs per their modes (gsm data).")
    int register(@Parameters(paramLabel = "home|roaming|searching|denied|none") String state) {
        return send("register", JSON.objectNode().put("state", state));
    }

    @Command(name = "detach", description = "The network detaches GPRS: +PDP: DEACT, links closed, CGATT 0.")
    int detach() {
        return send("detach", null);
    }

    @Command(name = "pdp-deact", description = "The network deactivates the PDP context: +PDP: DEACT, links closed.")
    int pdpDeact() {
        return send("pdp-deact", null);
    }

    @Command(name = "sim", description = "Pull the SIM out or put it back.")
    int sim(@Parameters(paramLabel = "remove|insert") String action) {
        if (!action.equals("remove") && !action.equals("insert")) {
            return bad("sim: expected remove or insert, not '" + action + "'");
        }
        return send("sim", JSON.objectNode().put("inserted", action.equals("insert")));
    }

    @Command(name = "reboot", description = "A brown-out: the modem restarts and prints its boot URCs.")
    int reboot() {
        return send("reboot", null);
    }

    @Command(name = "call", description = "An incoming voice call: RING, +CLIP with AT+CLIP=1 (gsm call).")
    int call(@Parameters(paramLabel = "FROM", description = "the caller's number") String from) {
        return send("call", JSON.objectNode().put("from", from));
    }

    @Command(name = "hangup", description = "The caller hangs up: NO CARRIER (gsm cancel).")
    int hangup() {
        return send("hangup", null);
    }

    @Command(name = "sms", description = "An incoming SMS: +CMTI (sms send).")
    int sms(@Parameters(index = "0", paramLabel = "FROM") String from,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT") List<String> text) {
        return send("sms", JSON.objectNode().put("from", from).put("text", String.join(" ", text)));
    }

    @Command(name = "sms-fail", description = {"The host's next SMS sends fail with +CMS ERROR: ERROR (e.g. 500, 330, 331);",
        "COUNT of them (default: every one until 'sms-fail 0')."})
    int smsFail(@Parameters(index = "0", paramLabel = "ERROR") int error,
                @Parameters(index = "1", arity = "0..1", paramLabel = "COUNT") Integer count) {
        ObjectNode args = JSON.objectNode().put("error", error);
        if (count != null) {
            args.put("count", count);
        }
        return send("sms-fail", args);
    }

    @Command(name = "dial", description = {"What the far end does with the host's next ATD…; calls:",
        "answer, busy, no-answer or no-carrier, after MS milliseconds (default 2000)."})
    int dial(@Parameters(index = "0", paramLabel = "OUTCOME") String outcome,
             @Option(names = "--after-ms", paramLabel = "MS") Long afterMs) {
        ObjectNode args = JSON.objectNode().put("outcome", outcome);
        if (afterMs != null) {
            args.put("afterMs", afterMs);
        }
        return send("dial", args);
    }

    @Command(name = "ussd", description = "A USSD answer from the network: +CUSD.")
    int ussd(@Parameters(arity = "1..*", paramLabel = "TEXT") List<String> text) {
        return send("ussd", JSON.objectNode().put("text", String.join(" ", text)));
    }

    @Command(name = "network", description = {"Network conditions for every link (network speed, network delay).",
        "Fields left out are the preset's, or ideal (no limit) without one."})
    int network(@Option(names = "--preset", paramLabel = "NAME", description = "ideal, gprs, gprs-good, gprs-poor, edge")
                String preset,
                @Option(names = "--down-kbps", paramLabel = "N") Double downKbps,
                @Option(names = "--up-kbps", paramLabel = "N") Double upKbps,
                @Option(names = "--latency-ms", paramLabel = "N", description = "round trip added") Integer latencyMs,
                @Option(names = "--jitter-ms", paramLabel = "N") Integer jitterMs,
                @Option(names = "--loss", paramLabel = "PERCENT", description = "UDP datagrams lost") Double loss) {
        ObjectNode a = JSON.objectNode();
        if (preset != null) {
            a.put("preset", preset);
        }
        putIf(a, "downKbps", downKbps);
        putIf(a, "upKbps", upKbps);
        putIf(a, "latencyMs", latencyMs);
        putIf(a, "jitterMs", jitterMs);
        putIf(a, "loss", loss);
        if (a.isEmpty()) {
            return bad("network: give --preset NAME or at least one of --down-kbps, --up-kbps, --latency-ms, "
                    + "--jitter-ms, --loss");
        }
        return send("network", a);
    }

    @Command(name = "link", description = "A fault on link N: reset (peer RST), blackhole (peer silent), restore.")
    int link(@Parameters(index = "0", paramLabel = "N") int id,
             @Parameters(index = "1", paramLabel = "reset|blackhole|restore") String fault) {
        return send("link", JSON.objectNode().put("id", id).put("fault", fault));
    }

    @Command(name = "dns", description = "Name lookups fail, answer after MS, or work again.")
    int dns(@Parameters(index = "0", paramLabel = "fail|slow|restore") String fault,
            @Parameters(index = "1", arity = "0..1", paramLabel = "MS") Long delayMs) {
        ObjectNode a = JSON.objectNode().put("fault", fault);
        if (delayMs != null) {
            a.put("delayMs", delayMs);
        }
        return send("dns", a);
    }

    @Command(name = "spike", description = "A latency spike: EXTRA_MS more round trip for FOR_MS.")
    int spike(@Parameters(index = "0", paramLabel = "EXTRA_MS") int extraMs,
              @Parameters(index = "1", paramLabel = "FOR_MS") long forMs) {
        return send("spike", JSON.objectNode().put("extraMs", extraMs).put("forMs", forMs));
    }

    @Command(name = "refuse", description = "New connections are refused (CONNECT FAIL) while on.")
    int refuse(@Parameters(paramLabel = "on|off") String onOff) {
        if (!onOff.equals("on") && !onOff.equals("off")) {
            return bad("refuse: expected on or off, not '" + onOff + "'");
        }
        return send("refuse", JSON.objectNode().put("refuse", onOff.equals("on")));
    }

    @Command(name = "stress", description = {"The timing adversary on this modem (see docs/driver-testing.md):",
        "notices cross the host's next command, results come late, output in fragments."})
    int stress(@Parameters(paramLabel = "on|off") String onOff,
               @Option(names = "--stress-seed", paramLabel = "N", description = "seed of its choices (default: random)")
               Long seed,
               @Option(names = "--max-delay", paramLabel = "MS", description = "longest delay of a final result")
               Integer maxDelay) {
        if (!onOff.equals("on") && !onOff.equals("off")) {
            return bad("stress: expected on or off, not '" + onOff + "'");
        }
        ObjectNode a = JSON.objectNode().put("on", onOff.equals("on"));
        if (seed != null) {
            a.put("seed", seed);
        }
        putIf(a, "maxResultDelayMs", maxDelay);
        return send("stress", a);
    }

    @Command(name = "time", description = "Network time (NITZ): *PSUTTZ, +CTZV, DST: with AT+CLTS=1.")
    int time(@Parameters(paramLabel = "ISO-TIME", description = "like 2026-03-29T02:30:00+01:00") String time,
             @Option(names = "--dst", paramLabel = "N", description = "daylight saving 0..2") Integer dst) {
        ObjectNode a = JSON.objectNode().put("time", time);
        if (dst != null) {
            a.put("dst", dst);
        }
        return send("time", a);
    }

    private static void putIf(ObjectNode a, String field, Number value) {
        if (value instanceof Integer i) {
            a.put(field, i);
        } else if (value instanceof Double d) {
            a.put(field, d);
        }
    }

    /** Checks {@code args} as the API will, then sends them. */
    private int send(String verb, ObjectNode args) {
        ObjectNode body = args == null ? JSON.objectNode() : args;
        try {
            CommandJson.parse(verb, body);
        } catch (BadCommandException e) {
            return bad(e.getMessage());
        }
        if (select != null) {
            try {
                ModemSelection.parse(select, seed);
            } catch (IllegalArgumentException e) {
                return bad(e.getMessage());
            }
        }
        try {
            if (select == null) {
                client().command(verb, body);
                return 0;
            }
            JsonNode r = client().fleet(verb, body, select, seed);
            PrintWriter out = spec.commandLine().getOut();
            out.println(verb + ": applied to " + r.path("applied").asInt() + " of " + r.path("selected").asInt()
                    + " modems (" + r.path("select").asText() + ")");
            r.path("refused").forEach(x -> out.println("  modem " + x.path("id").asText() + ": " + x.path("error").asText()));
            out.flush();
            return r.path("ok").asBoolean() ? 0 : 1;
        } catch (ControlClient.Refused e) {
            return refused(e);
        }
    }

    private ControlClient client() {
        return new ControlClient(control, modem, token);
    }

    private int bad(String message) {
        spec.commandLine().getErr().println("sim800emu ctl: " + message + " (try --help)");
        return 2;
    }

    private int refused(ControlClient.Refused e) {
        spec.commandLine().getErr().println("sim800emu ctl: " + e.getMessage());
        return 1;
    }
}
