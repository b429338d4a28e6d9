package dev.sim800emu.modem.control.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.tcpip.BearerMachine;
import dev.sim800emu.modem.tcpip.BearerState;
import dev.sim800emu.modem.tcpip.IpState;
import dev.sim800emu.modem.tcpip.LinkMachine;
import dev.sim800emu.modem.tcpip.LinkState;
import java.util.HashMap;
import java.util.Map;

/**
 * The state tables the live view draws ({@code GET /state-tables}): {@link BearerMachine} and
 * {@link LinkMachine} as the code has them — the same data StateTablesDocTest prints into
 * docs/architecture.md — so the diagram in the browser cannot drift from the engine.
 *
 * <pre>
 * {"bearer": {"states": [{"name":"INITIAL","label":"IP INITIAL"}, …],
 *             "transitions": [{"from":"INITIAL","event":"SET_APN","to":"START"}, …]},
 *  "link":   {"states": […], "transitions": […]},
 *  "ipStates": {"CONNECT OK": "STATUS", "PDP DEACT": "DEACT", …}}
 * </pre>
 *
 * {@code ipStates} names, for every text {@code STATE:} can show, the context state it is shown
 * in: the ladder's own label, or STATUS for the states that are read from link 0 or the server
 * once the context has its address (TcpIpStack.state()).
 */
final class StateTablesJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<String, BearerState> BEARER_OF_LABEL = bearerOfLabel();

    private StateTablesJson() {
    }

    static ObjectNode write() {
        ObjectNode root = JSON.objectNode();
        ObjectNode bearer = root.putObject("bearer");
        ArrayNode states = bearer.putArray("states");
        for (BearerState s : BearerState.values()) {
            states.addObject().put("name", s.name()).put("label", s.ipState().label(Protocol.TCP));
        }
        transitions(bearer, BearerMachine.table());
        ObjectNode link = root.putObject("link");
        ArrayNode linkStates = link.putArray("states");
        for (LinkState s : LinkState.values()) {
            linkStates.addObject().put("name", s.name()).put("label", s.label());
        }
        transitions(link, LinkMachine.table());
        ObjectNode labels = root.putObject("ipStates");
        BEARER_OF_LABEL.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> labels.put(e.getKey(), e.getValue().name()));
        return root;
    }

    /** The context state an AT+CIPSTATUS label is shown in, or null for a text it never shows. */
    static BearerState bearerOf(String ipStateLabel) {
        return BEARER_OF_LABEL.get(ipStateLabel);
    }

    private static <S extends Enum<S>, E extends Enum<E>> void transitions(ObjectNode machine, Map<S, Map<E, S>> table) {
        ArrayNode list = machine.putArray("transitions");
        table.forEach((from, moves) -> moves.forEach((event, to) ->
                list.addObject().put("from", from.name()).put("event", event.name()).put("to", to.name())));
    }

    private static Map<String, BearerState> bearerOfLabel() {
        Map<String, BearerState> map = new HashMap<>();
        for (IpState ip : IpState.values()) {
            BearerState home = BearerState.STATUS;
            for (BearerState b : BearerState.values()) {
                if (b.ipState() == ip) {
                    home = b;
                }
            }
            for (Protocol p : Protocol.values()) {
                map.put(ip.label(p), home);
            }
        }
        return Map.copyOf(map);
    }
}
