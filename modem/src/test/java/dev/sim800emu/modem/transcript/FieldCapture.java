package dev.sim800emu.modem.transcript;

import dev.sim800emu.modem.config.ApnRule;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.testing.ModemHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A dialog captured from a real SIM800/SIM900 module, as a transcript with a header (format in
 * {@code src/test/resources/field/README.md}). The header says where it was found and sets up the
 * world the module lived in (its address, signal, the APNs its operator accepted, names its DNS
 * knew), so the dialog itself stays as captured.
 */
record FieldCapture(String file, String source, String module, List<String> setup, String text) {
    static final String DIR = "/field";

    static FieldCapture load(String file) throws IOException {
        String text;
        try (var in = FieldCapture.class.getResourceAsStream(DIR + "/" + file)) {
            if (in == null) {
                throw new IOException("no capture " + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String source = null;
        String module = null;
        List<String> setup = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# source:")) {
                source = line.substring(9).trim();
            } else if (line.startsWith("# module:")) {
                module = line.substring(9).trim();
            } else if (line.startsWith("#! ") && !line.equals("#! echo-on")) {
                setup.add(line.substring(3).trim());
            }
        }
        return new FieldCapture(file, source, module, setup, text);
    }

    /** Every capture file in the corpus, by name. */
    static List<String> all() {
        try (Stream<Path> files = Files.list(Path.of(FieldCapture.class.getResource(DIR).toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Transcript transcript() {
        return Transcript.parse(file, text, Map.of());
    }

    /** The engine in the capture's world. */
    EngineTarget target() {
        // The transcript's own options (model, firmware, clock) first; the world on top.
        ModemConfig.Builder config = transcript().configBuilder();
        List<ApnRule> apns = new ArrayList<>();
        List<String[]> names = new ArrayList<>();
        for (String directive : setup) {
            String[] p = directive.split("\\s+");
            switch (p[0]) {
                case "apn" -> apns.add(ApnRule.parse(p[1]));
                case "local-ip" -> config.localIp(ModemConfig.ipv4(p[1]));
                case "signal" -> config.signal(Integer.parseInt(p[1].split(",")[0]), Integer.parseInt(p[1].split(",")[1]));
                case "name" -> names.add(p);
                case "model", "firmware", "clock" -> { }
                default -> throw new IllegalArgumentException(file + ": unknown directive #! " + directive);
            }
        }
        config.apnRules(apns);
        ModemHarness h = new ModemHarness(config.build());
        for (String[] n : names) {
            h.net.name(n[1], java.util.Arrays.copyOfRange(n, 2, n.length));
        }
        return new EngineTarget(transcript().echoOn(), h);
    }
}
