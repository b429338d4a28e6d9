package dev.sim800emu.modem.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.json.CommandJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a scenario file (YAML): a list of steps, or a mapping with an optional {@code name} and
 * the {@code steps}. Each step is
 * <pre>
 *   - at: 5s | after: 2s | when: {host: "AT+CIPSTART"} | when: {modem: "CONNECT OK"}
 *     delay: 5s            # only with when
 *     do: pdp-deact        # or {signal: {rssi: 5}}: a verb and the same arguments as the HTTP API
 * </pre>
 * The file is read as a stream of tokens rather than a tree, so that every complaint can name the
 * line it is about.
 */
public final class ScenarioParser {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final List<String> STEP_KEYS = List.of("at", "after", "when", "delay", "do");

    /** A field of a step: where it is, and its value. */
    private record Field(int line, JsonNode value) {
    }

    private ScenarioParser() {
    }

    /** The scenario in {@code yaml}; throws {@link ScenarioException} naming the line at fault. */
    public static Scenario parse(String yaml) {
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                return new Scenario("", steps(p));
            }
            if (t != JsonToken.START_OBJECT) {
                throw new ScenarioException(line(p), "a scenario is a list of steps, or a mapping with 'steps'");
            }
            String name = "";
            List<Step> steps = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = line(p);
                JsonToken value = p.nextToken();
                if (key.equals("name") && value.isScalarValue()) {
                    name = p.getText();
                } else if (key.equals("steps") && value == JsonToken.START_ARRAY) {
                    steps = steps(p);
                } else {
                    throw new ScenarioException(line, key.equals("name") || key.equals("steps")
                            ? "'" + key + "' must be " + (key.equals("name") ? "a string" : "a list of steps")
                            : "unknown key '" + key + "' (a scenario has 'name' and 'steps')");
                }
            }
            if (steps == null) {
                throw new ScenarioException(line(p), "the scenario has no 'steps'");
            }
            return new Scenario(name, steps);
        } catch (StreamReadException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new ScenarioException(line, "not valid YAML: "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ScenarioException(1, "cannot read: " + e.getMessage());
        }
    }

    private static List<Step> steps(JsonParser p) throws IOException {
        int listLine = line(p);
        List<Step> steps = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            int line = line(p);
            if (t != JsonToken.START_OBJECT) {
                throw new ScenarioException(line, "a step is a mapping with 'do' and one of 'at', 'after' or 'when'");
            }
            Map<String, Field> fields = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p);
                if (!STEP_KEYS.contains(key)) {
                    throw new ScenarioException(keyLine, "unknown key '" + key + "' (a step has "
                            + String.join(", ", STEP_KEYS) + ")");
                }
                p.nextToken();
                fields.put(key, new Field(keyLine, p.readValueAsTree()));
            }
            steps.add(step(line, fields));
        }
        if (steps.isEmpty()) {
            throw new ScenarioException(listLine, "the scenario has no steps");
        }
        return steps;
    }

    private static Step step(int line, Map<String, Field> fields) {
        List<String> triggers = fields.keySet().stream().filter(k -> List.of("at", "after", "when").contains(k)).toList();
        if (triggers.size() > 1) {
            throw new ScenarioException(line, "a step waits for one thing: " + String.join(" and ", triggers) + " given");
        }
        Trigger trigger = new Trigger.After(0);
        if (fields.containsKey("at")) {
            trigger = new Trigger.At(duration(fields.get("at")));
        } else if (fields.containsKey("after")) {
            trigger = new Trigger.After(duration(fields.get("after")));
        } else if (fields.containsKey("when")) {
            trigger = when(fields.get("when"));
        }
        long delay = 0;
        if (fields.containsKey("delay")) {
            if (!fields.containsKey("when")) {
                throw new ScenarioException(fields.get("delay").line(),
                        "'delay' goes with 'when'; with a time, put it in 'at' or 'after'");
            }
            delay = duration(fields.get("delay"));
        }
        Field act = fields.get("do");
        if (act == null) {
            throw new ScenarioException(line, "the step has no 'do'");
        }
        return new Step(line, trigger, delay, command(act));
    }

    private static long duration(Field f) {
        try {
            if (!f.value().isTextual()) {
                throw new IllegalArgumentException("'" + f.value() + "' is not a duration (write 500ms, 5s, 1.5s or 2m)");
            }
            return Durations.parse(f.value().asText());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(f.line(), e.getMessage());
        }
    }

    private static Trigger when(Field f) {
        JsonNode v = f.value();
        if (!v.isObject() || v.size() != 1 || !(v.has("host") || v.has("modem"))) {
            throw new ScenarioException(f.line(), "'when' is {host: \"TEXT\"} or {modem: \"TEXT\"}");
        }
        boolean host = v.has("host");
        JsonNode text = v.get(host ? "host" : "modem");
        if (!text.isTextual() || text.asText().isEmpty() || text.asText().length() > 256) {
            throw new ScenarioException(f.line(), "'when' needs the text to look for, 1 to 256 characters");
        }
        return host ? new Trigger.HostSays(text.asText()) : new Trigger.ModemSays(text.asText());
    }

    /** {@code do: verb} or {@code do: {verb: {arguments}}}, checked as the HTTP API checks a request. */
    private static ControlCommand command(Field f) {
        JsonNode v = f.value();
        String verb;
        JsonNode args = null;
        if (v.isTextual()) {
            verb = v.asText();
        } else if (v.isObject() && v.size() == 1) {
            verb = v.fieldNames().next();
            args = v.get(verb);
        } else {
            throw new ScenarioException(f.line(), "'do' is a verb, or {verb: {arguments}}");
        }
        try {
            return CommandJson.parse(verb, args);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(f.line(), e.getMessage());
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
