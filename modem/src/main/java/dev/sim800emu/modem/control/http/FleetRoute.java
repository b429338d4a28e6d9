package dev.sim800emu.modem.control.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.json.BadCommandException;
import dev.sim800emu.modem.control.json.CommandJson;
import dev.sim800emu.modem.metrics.FleetMetrics;
import dev.sim800emu.modem.runtime.ModemRegistry;
import dev.sim800emu.modem.runtime.ModemSelection;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The fleet's routes: {@code GET /metrics} (Prometheus) and
 * {@code POST /fleet/{verb}?select=all|FIRST-LAST|ID|P%[&seed=N]}, one command to many modems. Each
 * selected modem takes the command on its own loop; the answer lists how many did and why the
 * others refused.
 */
final class FleetRoute {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ModemRegistry modems;
    private final FleetMetrics metrics;

    FleetRoute(ModemRegistry modems, FleetMetrics metrics) {
        this.modems = modems;
        this.metrics = metrics;
    }

    CompletableFuture<JsonReply> route(FullHttpRequest req, List<String> path, Map<String, List<String>> query,
                                       ObjectMapper json) {
        boolean isMetrics = path.get(0).equals("metrics");
        if (isMetrics ? path.size() != 1 : path.size() != 2) {
            return done(JsonReply.error(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + req.method() + " "
                    + req.uri() + " (see /metrics, /fleet/VERB?select=…, /modems)"));
        }
        HttpMethod wanted = isMetrics ? HttpMethod.GET : HttpMethod.POST;
        if (!req.method().equals(wanted)) {
            return done(JsonReply.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    req.uri() + " takes " + wanted + ", not " + req.method()));
        }
        if (isMetrics) {
            if (metrics == null) {
                return done(JsonReply.error(HttpResponseStatus.NOT_FOUND, "this emulator keeps no metrics"));
            }
            return metrics.scrape(modems).thenApply(JsonReply::prometheus);
        }
        return command(req, path.get(1), query, json);
    }

    private CompletableFuture<JsonReply> command(FullHttpRequest req, String verb, Map<String, List<String>> query,
                                                 ObjectMapper json) {
        if (!CommandJson.isVerb(verb)) {
            return done(JsonReply.error(HttpResponseStatus.NOT_FOUND,
                    "unknown verb '" + verb + "' (known: " + String.join(", ", CommandJson.verbs()) + ")"));
        }
        ModemSelection selection;
        try {
            selection = ModemSelection.parse(single(query, "select", null), Long.parseLong(single(query, "seed", "0")));
        } catch (NumberFormatException e) {
            return done(JsonReply.error(HttpResponseStatus.BAD_REQUEST, "seed must be a whole number"));
        } catch (IllegalArgumentException e) {
            return done(JsonReply.error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        }
        ControlCommand command;
        try {
            command = CommandJson.parse(verb, ControlHandler.body(req, json));
        } catch (BadCommandException e) {
            return done(JsonReply.error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        } catch (IOException e) {
            return done(JsonReply.error(HttpResponseStatus.BAD_REQUEST, "malformed JSON: " + ControlHandler.firstLine(e)));
        }
        List<String> ids = selection.pick(modems.ids());
        if (ids.isEmpty()) {
            return done(JsonReply.error(HttpResponseStatus.NOT_FOUND, "no modem matches '" + selection + "'"));
        }
        List<CompletableFuture<String>> outcomes = new ArrayList<>(ids.size());
        for (String id : ids) {
            outcomes.add(modems.find(id).orElseThrow().control(command)
                    .handle((v, e) -> e == null ? null : ControlHandler.message(e)));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(x -> {
            ObjectNode body = JSON.objectNode().put("verb", verb).put("select", selection.toString())
                    .put("selected", ids.size());
            ArrayNode chosen = body.putArray("modems");
            ArrayNode refused = JSON.arrayNode();
            for (int i = 0; i < ids.size(); i++) {
                chosen.add(ids.get(i));
                String error = outcomes.get(i).join();
                if (error != null) {
                    refused.add(JSON.objectNode().put("id", ids.get(i)).put("error", error));
                }
            }
            body.put("applied", ids.size() - refused.size());
            body.put("ok", refused.isEmpty());
            body.set("refused", refused);
            return JsonReply.ok(body);
        });
    }

    private static String single(Map<String, List<String>> query, String name, String fallback) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(v.size() - 1);
    }

    private static CompletableFuture<JsonReply> done(JsonReply r) {
        return CompletableFuture.completedFuture(r);
    }
}
