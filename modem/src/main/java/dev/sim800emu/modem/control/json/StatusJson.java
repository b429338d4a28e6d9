package dev.sim800emu.modem.control.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim800emu.modem.control.ModemStatus;
import dev.sim800emu.modem.net.LinkConditions;

/**
 * A {@link ModemStatus} as JSON. Written out field by field rather than by reflection, so the
 * API's shape is decided here and the network conditions read back in the same fields the
 * {@code network} verb takes.
 */
public final class StatusJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StatusJson() {
    }

    public static ObjectNode write(ModemStatus s) {
        ObjectNode o = JSON.objectNode();
        o.put("power", s.power());
        o.put("registration", s.registration());
        o.put("rssi", s.rssi());
        o.put("simInserted", s.simInserted());
        o.put("gprsAttached", s.gprsAttached());
        o.put("ipState", s.ipState());
        o.set("network", conditions(s.conditions() == null ? LinkConditions.IDEAL : s.conditions()));
        ArrayNode links = o.putArray("links");
        if (s.links() != null) {
            for (ModemStatus.LinkStatus l : s.links()) {
                ObjectNode j = links.addObject();
                j.put("id", l.id());
                j.put("state", l.state());
                j.put("protocol", l.protocol());
                j.put("remote", l.remote());
                j.put("sent", l.sent());
                j.put("acked", l.acked());
                j.put("received", l.received());
                j.put("fault", l.fault());
            }
        }
        o.put("call", s.call());
        o.put("callNumber", s.callNumber());
        ArrayNode sent = o.putArray("sentSms");
        if (s.sentSms() != null) {
            for (ModemStatus.SentSms m : s.sentSms()) {
                ObjectNode j = sent.addObject();
                j.put("mr", m.mr());
                j.put("to", m.to());
                j.put("text", m.text());
                j.put("at", m.at());
                j.put("error", m.error());
            }
        }
        return o;
    }

    /** Conditions in the {@code network} verb's own fields. */
    public static ObjectNode conditions(LinkConditions c) {
        ObjectNode o = JSON.objectNode();
        o.put("downKbps", c.downBitsPerSecond() / 1000.0);
        o.put("upKbps", c.upBitsPerSecond() / 1000.0);
        o.put("latencyMs", c.latencyMillis());
        o.put("jitterMs", c.jitterMillis());
        o.put("loss", c.lossPercent());
        o.put("queueBytes", c.queueBytes());
        return o;
    }
}
