package dev.sim800emu.modem.transcript;

import dev.sim800emu.modem.config.ChipModel;
import dev.sim800emu.modem.config.Firmware;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.config.ModemIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A dialog between host, modem and far end, parsed from a text file (format in
 * {@code src/test/resources/transcripts/README.md}).
 */
public record Transcript(String name, List<Step> steps, boolean echoOn, Map<String, String> options) {

    /**
     * The modem this dialog runs against: the test defaults, with the header's {@code #! model},
     * {@code #! firmware} and {@code #! clock} options (a fixed wall clock for SMS time stamps).
     */
    public ModemConfig config() {
        return configBuilder().build();
    }

    /** {@link #config()} before it is built, for callers that add to it (a field capture's world). */
    public ModemConfig.Builder configBuilder() {
        ModemConfig.Builder b = ModemConfig.builder().bootMillis(0).activationMillis(0);
        ChipModel model = ChipModel.parse(options.getOrDefault("model", "SIM800L"));
        Firmware firmware = Firmware.parse(options.getOrDefault("firmware", "R14.18"));
        if (model == null || firmware == null) {
            throw new IllegalArgumentException(name + ": unknown model or firmware in " + options);
        }
        b.identity(ModemIdentity.forIndex(0, model, firmware));
        if (options.containsKey("clock")) {
            b.wallClock(java.time.Clock.fixed(java.time.Instant.parse(options.get("clock")), java.time.ZoneOffset.UTC));
        }
        return b;
    }

    /** One line of a transcript. */
    public sealed interface Step {
    }

    /** Bytes the host types. */
    public record HostSends(byte[] bytes) implements Step {
    }

    /** Bytes the modem must print next. */
    public record ModemPrints(byte[] bytes) implements Step {
    }

    /** Something the far end does, or time passing. */
    public record Action(String verb, String proto, byte[] data, long millis) implements Step {
    }

    public static Transcript load(String resource, Map<String, String> vars) throws IOException {
        try (InputStream in = Transcript.class.getResourceAsStream("/transcripts/" + resource)) {
            if (in == null) {
                throw new IOException("no transcript " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), vars);
        }
    }

    public static Transcript parse(String name, String text, Map<String, String> vars) {
        List<Step> steps = new ArrayList<>();
        // "#! echo-on" on the first line: the dialog starts right after boot, echo still on.
        boolean echoOn = text.startsWith("#! echo-on");
        Map<String, String> options = new java.util.HashMap<>();
        for (String raw : text.split("\n", -1)) {
            String line = substitute(raw, vars);
            if (line.startsWith("#! ") && !line.startsWith("#! echo-on")) {
                String[] kv = line.substring(3).strip().split(" ", 2);
                options.put(kv[0], kv.length > 1 ? kv[1].strip() : "");
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(">| ")) {
                steps.add(new HostSends(unescape(line.substring(3))));
            } else if (line.startsWith("> ")) {
                steps.add(new HostSends(latin1(line.substring(2) + "\r")));
            } else if (line.startsWith("<| ")) {
                steps.add(new ModemPrints(unescape(line.substring(3))));
            } else if (line.startsWith("< ")) {
                steps.add(new ModemPrints(latin1("\r\n" + line.substring(2) + "\r\n")));
            } else if (line.startsWith("= ")) {
                steps.add(action(line.substring(2)));
            } else {
                throw new IllegalArgumentException(name + ": cannot read line '" + raw + "'");
            }
        }
        return new Transcript(name, steps, echoOn, Map.copyOf(options));
    }

    private static Action action(String s) {
        String[] p = s.split(" ", 3);
        if (p[0].equals("wait")) {
            return new Action("wait", null, null, Long.parseLong(p[1]));
        }
        byte[] data = p.length > 2 ? unescape(p[2]) : new byte[0];
        return new Action(p[1], p[0], data, 0);
    }

    private static String substitute(String line, Map<String, String> vars) {
        for (Map.Entry<String, String> e : vars.entrySet()) {
            line = line.replace("${" + e.getKey() + "}", e.getValue());
        }
        return line;
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.write(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + n);
            }
        }
        return out.toByteArray();
    }

    /** The longest host send, for split-at-every-position runs. */
    public int longestSend() {
        int max = 0;
        for (Step s : steps) {
            if (s instanceof HostSends h) {
                max = Math.max(max, h.bytes().length);
            }
        }
        return max;
    }

    /** Every transcript file shipped with the tests. */
    public static List<String> all() {
        return List.of("3.1.1-tcp-client.txt", "3.1.2-udp-client.txt", "6-dns.txt", "7.1-fixed-length-send.txt",
                "7.2-timed-send.txt", "7.3-send-limits.txt", "7.4-quick-send.txt", "7.5-cipack.txt",
                "tinygsm-sim800.txt", "3.2.3-transparent.txt", "3.2.4-switching.txt", "3.1.3-tcp-server.txt",
                "3.1.4-udp-extended.txt", "4.1-multi-client.txt", "4.2-multi-server.txt", "5-two-contexts.txt",
                "7.4-7.5-multi-quick-send-cipack.txt", "8.2-manual-receive.txt", "fona-r13.txt",
                "esphome-sms-calls.txt");
    }
}
