package dev.sim800emu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** {@code ctl status} for a person: the modem on one line, the network on one, open links after. */
final class StatusText {

    private StatusText() {
    }

    static void print(PrintWriter out, String id, JsonNode s) {
        out.printf("modem %s: power %s, %s, rssi %d, SIM %s, GPRS %s, %s%n", id, s.path("power").asText(),
                s.path("registration").asText(), s.path("rssi").asInt(),
                s.path("simInserted").asBoolean() ? "inserted" : "removed",
                s.path("gprsAttached").asBoolean() ? "attached" : "detached", s.path("ipState").asText());
        JsonNode n = s.path("network");
        out.printf("network: down %s, up %s, latency %d ms, jitter %d ms, loss %s %%%n", rate(n.path("downKbps")),
                rate(n.path("upKbps")), n.path("latencyMs").asInt(), n.path("jitterMs").asInt(),
                n.path("loss").asText());
        for (JsonNode l : s.path("links")) {
            String state = l.path("state").asText();
            if (state.isEmpty() || state.equals("INITIAL")) {
                continue;
            }
            String fault = l.path("fault").asText();
            out.printf("link %d: %s %s %s, sent %d, acked %d, received %d%s%n", l.path("id").asInt(), state,
                    l.path("protocol").asText(), l.path("remote").asText(), l.path("sent").asLong(),
                    l.path("acked").asLong(), l.path("received").asLong(), fault.isEmpty() ? "" : ", fault " + fault);
        }
        String call = s.path("call").asText("IDLE");
        if (!call.equals("IDLE")) {
            out.printf("call: %s %s%n", call, s.path("callNumber").asText());
        }
        for (JsonNode m : s.path("sentSms")) {
            int error = m.path("error").asInt();
            out.printf("sms to %s: %s (%s)%n", m.path("to").asText(), m.path("text").asText(),
                    error == 0 ? "mr " + m.path("mr").asInt() : "+CMS ERROR: " + error);
        }
    }

    private static String rate(JsonNode kbps) {
        return kbps.asDouble() == 0 ? "unlimited" : kbps.asText() + " kbit/s";
    }
}
