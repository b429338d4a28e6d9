package dev.sim800emu.modem.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim800emu.modem.control.ModemStatus;
import dev.sim800emu.modem.runtime.ModemRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A browser watching the fleet table: once a second, every modem's status is read and the page
 * gets the counts per power, registration and IP state of the whole fleet, and the first
 * {@value #ROWS} modems that pass its filter. No trace: a fleet of 10,000 modems streams nothing
 * but this summary; opening a modem starts a {@link ModemWatch} for that one.
 *
 * <pre>
 * {"t":"fleet","total":10000,"matching":120,"shown":120,
 *  "counts":{"ipState":{"IP INITIAL":9880,"CONNECT OK":120},"registration":{…},"power":{…}},
 *  "rows":[{"id":"0","power":"ON","registration":"HOME","rssi":20,"ipState":"CONNECT OK","links":1}, …]}
 * </pre>
 */
final class FleetWatch implements LiveSocket.Subscription {
    static final int ROWS = 500;
    static final long PERIOD_MILLIS = 1000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** What the page's filter keeps: empty fields keep everything. */
    record Filter(String power, String registration, String ipState, String id) {
        static Filter of(JsonNode f) {
            return new Filter(text(f, "power"), text(f, "registration"), text(f, "ipState"), text(f, "id"));
        }

        private static String text(JsonNode f, String field) {
            return f == null ? "" : f.path(field).asText("");
        }

        boolean keeps(String modemId, ModemStatus s) {
            return (power.isEmpty() || power.equals(s.power()))
                    && (registration.isEmpty() || registration.equals(s.registration()))
                    && (ipState.isEmpty() || ipState.equals(s.ipState()))
                    && (id.isEmpty() || modemId.contains(id));
        }
    }

    private final ModemRegistry modems;
    private final LiveSocket.Sink sink;
    /** Touched only on the socket's loop. */
    private Filter filter;
    private boolean inFlight;
    private boolean stopped;
    private ScheduledFuture<?> timer;

    FleetWatch(ModemRegistry modems, LiveSocket.Sink sink, Filter filter) {
        this.modems = modems;
        this.sink = sink;
        this.filter = filter;
    }

    @Override
    public void start() {
        timer = sink.every(PERIOD_MILLIS, TimeUnit.MILLISECONDS, this::poll);
    }

    @Override
    public void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** A new filter, applied at once (on the socket's loop). */
    void filter(Filter f) {
        filter = f;
        inFlight = false; // the answer in flight is for the old filter; the next one is sent as well
        poll();
    }

    private void poll() {
        if (inFlight || stopped || !sink.writable()) {
            return;
        }
        inFlight = true;
        List<String> ids = modems.ids();
        List<CompletableFuture<ModemStatus>> statuses = new ArrayList<>(ids.size());
        for (String id : ids) {
            statuses.add(modems.find(id).map(m -> m.status().exceptionally(e -> null))
                    .orElse(CompletableFuture.completedFuture(null)));
        }
        Filter asked = filter;
        CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new)).whenComplete((x, e) -> sink.execute(() -> {
            if (asked != filter) {
                return; // a poll with the new filter is on its way
            }
            inFlight = false;
            if (!stopped) {
                sink.send(summary(ids, statuses.stream().map(CompletableFuture::join).toList(), asked));
            }
        }));
    }

    static ObjectNode summary(List<String> ids, List<ModemStatus> statuses, Filter filter) {
        Map<String, Integer> power = new TreeMap<>();
        Map<String, Integer> registration = new TreeMap<>();
        Map<String, Integer> ip = new TreeMap<>();
        ObjectNode event = JSON.objectNode().put("t", "fleet").put("total", ids.size());
        ArrayNode rows = JSON.arrayNode();
        int matching = 0;
        for (int i = 0; i < ids.size(); i++) {
            ModemStatus s = statuses.get(i);
            if (s == null) {
                continue; // stopped or refusing: counted in total, nowhere else
            }
            power.merge(s.power(), 1, Integer::sum);
            registration.merge(s.registration(), 1, Integer::sum);
            ip.merge(s.ipState(), 1, Integer::sum);
            if (filter.keeps(ids.get(i), s)) {
                matching++;
                if (rows.size() < ROWS) {
                    rows.add(row(ids.get(i), s));
                }
            }
        }
        event.put("matching", matching).put("shown", rows.size());
        ObjectNode counts = event.putObject("counts");
        counts.set("power", counts(power));
        counts.set("registration", counts(registration));
        counts.set("ipState", counts(ip));
        event.set("rows", rows);
        return event;
    }

    private static ObjectNode row(String id, ModemStatus s) {
        long open = s.links() == null ? 0 : s.links().stream().filter(l -> l.state().equals("CONNECTED")).count();
        return JSON.objectNode().put("id", id).put("power", s.power()).put("registration", s.registration())
                .put("rssi", s.rssi()).put("ipState", s.ipState()).put("links", open);
    }

    private static ObjectNode counts(Map<String, Integer> m) {
        ObjectNode o = JSON.objectNode();
        m.forEach(o::put);
        return o;
    }
}
