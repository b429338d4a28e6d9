package dev.sim800emu.modem.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim800emu.modem.control.ModemStatus;
import dev.sim800emu.modem.control.json.StatusJson;
import dev.sim800emu.modem.runtime.ControlledModem;
import dev.sim800emu.modem.runtime.SerialObserver;
import dev.sim800emu.modem.tcpip.BearerState;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One browser watching one modem over the live socket: the serial trace, and the radio, the IP
 * state and the link slots whenever they change. It exists only while the page shows the modem:
 * the modem's line has an observer and the socket's loop a status timer from {@link #start} to
 * {@link #stop}, and nothing before or after.
 *
 * <p>Trace bytes are batched: the first byte after a send schedules one send on the socket's
 * loop, and whatever crossed the line until it runs goes in that one event. Events:
 * <pre>
 * {"t":"trace","segments":[["h","AT\r"],["m","\r\nOK\r\n"]],"dropped":0}   bytes as ISO-8859-1 text
 * {"t":"radio","power":"ON","registration":"HOME","rssi":20,…}
 * {"t":"ip","state":"IP STATUS","bearer":"STATUS"}
 * {"t":"links","links":[{"id":0,"state":"CONNECTED",…}, …]}
 * {"t":"error","message":"…"}
 * </pre>
 */
final class ModemWatch implements SerialObserver, LiveSocket.Subscription {
    /** How often the status is compared with what the page was last sent. */
    static final long STATUS_MILLIS = 200;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String id;
    private final ControlledModem modem;
    private final LiveSocket.Sink sink;
    private final TraceBuffer trace;
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** Touched only on the socket's loop. */
    private JsonNode lastRadio;
    private JsonNode lastIp;
    private JsonNode lastLinks;
    private boolean statusInFlight;
    private ScheduledFuture<?> timer;
    private volatile Runnable unwatch;

    ModemWatch(String id, ControlledModem modem, LiveSocket.Sink sink, TraceBuffer trace) {
        this.id = id;
        this.modem = modem;
        this.sink = sink;
        this.trace = trace;
    }

    @Override
    public void start() {
        sink.send(JSON.objectNode().put("t", "watching").put("id", id));
        modem.watch(this).whenComplete((stop, e) -> {
            if (e != null) {
                sink.execute(() -> sink.send(error("no trace: " + ControlHandler.message(e))));
            } else if (stopped.get()) {
                stop.run();
            } else {
                unwatch = stop;
                if (stopped.get()) {
                    stop.run(); // stopped while the modem was adding the observer
                }
            }
        });
        timer = sink.every(STATUS_MILLIS, TimeUnit.MILLISECONDS, this::pollStatus);
    }

    @Override
    public void stop() {
        if (stopped.getAndSet(true)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        Runnable u = unwatch;
        unwatch = null;
        if (u != null) {
            u.run();
        }
    }

    @Override
    public void fromHost(byte[] bytes, int off, int len) {
        trace.append(true, bytes, off, len);
        scheduleFlush();
    }

    @Override
    public void fromModem(byte[] bytes) {
        trace.append(false, bytes, 0, bytes.length);
        scheduleFlush();
    }

    private void scheduleFlush() {
        if (!stopped.get() && flushPending.compareAndSet(false, true)) {
            sink.execute(this::flush);
        }
    }

    /** On the socket's loop: one event with all the bytes since the last one. */
    private void flush() {
        flushPending.set(false);
        if (stopped.get()) {
            return;
        }
        TraceBuffer.Batch batch = trace.take();
        if (batch.isEmpty()) {
            return;
        }
        if (!sink.writable()) {
            // the browser is behind: these bytes are lost to it, and it is told how many
            trace.lost(batch.segments().stream().mapToLong(s -> s.bytes().length).sum() + batch.dropped());
            return;
        }
        ObjectNode event = JSON.objectNode().put("t", "trace");
        ArrayNode segments = event.putArray("segments");
        for (TraceBuffer.Segment s : batch.segments()) {
            segments.addArray().add(s.fromHost() ? "h" : "m").add(new String(s.bytes(), StandardCharsets.ISO_8859_1));
        }
        event.put("dropped", batch.dropped());
        sink.send(event);
        pollStatus(); // what the modem just printed often comes with a new state
    }

    private void pollStatus() {
        if (statusInFlight || stopped.get()) {
            return;
        }
        statusInFlight = true;
        modem.status().whenComplete((s, e) -> sink.execute(() -> {
            statusInFlight = false;
            if (e == null && !stopped.get()) {
                publish(s);
            }
        }));
    }

    /** On the socket's loop: the parts of the status that changed since they were last sent. */
    private void publish(ModemStatus s) {
        if (!sink.writable()) {
            return; // sent on a later poll, when the browser has caught up
        }
        ObjectNode all = StatusJson.write(s);
        ObjectNode radio = JSON.objectNode().put("t", "radio");
        for (String field : new String[] {"power", "registration", "rssi", "simInserted", "gprsAttached", "call",
                "callNumber", "network"}) {
            radio.set(field, all.get(field));
        }
        BearerState bearer = StateTablesJson.bearerOf(s.ipState());
        ObjectNode ip = JSON.objectNode().put("t", "ip").put("state", s.ipState())
                .put("bearer", bearer == null ? "" : bearer.name());
        ObjectNode links = JSON.objectNode().put("t", "links");
        links.set("links", all.get("links"));
        if (!radio.equals(lastRadio)) {
            lastRadio = radio;
            sink.send(radio);
        }
        if (!ip.equals(lastIp)) {
            lastIp = ip;
            sink.send(ip);
        }
        if (!links.equals(lastLinks)) {
            lastLinks = links;
            sink.send(links);
        }
    }

    static ObjectNode error(String message) {
        return JSON.objectNode().put("t", "error").put("message", message);
    }
}
