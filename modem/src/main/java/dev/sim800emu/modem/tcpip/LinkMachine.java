package dev.sim800emu.modem.tcpip;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The link slot states as a transition table (reference §6.2, §6.3). A pair missing from the table
 * is a bug in the caller, not a host error: every command checks {@link Permissions} before it
 * moves a link, and every socket event checks the state it expects.
 *
 * <pre>
 * INITIAL, CLOSED --OPEN--> CONNECTING --CONNECTED--> CONNECTED
 * INITIAL, CLOSED --ACCEPT--> CONNECTED
 * CONNECTING --CONNECT_FAILED--> CLOSED
 * CONNECTING, CONNECTED --CLOSE | PEER_CLOSED | DROP--> CLOSED
 * any --RESET--> INITIAL
 * </pre>
 */
public final class LinkMachine {
    private static final Map<LinkState, Map<LinkEvent, LinkState>> TABLE = new EnumMap<>(LinkState.class);

    static {
        for (LinkState s : LinkState.values()) {
            TABLE.put(s, new EnumMap<>(LinkEvent.class));
            on(s, LinkEvent.RESET, LinkState.INITIAL);
        }
        for (LinkState free : new LinkState[] {LinkState.INITIAL, LinkState.CLOSED}) {
            on(free, LinkEvent.OPEN, LinkState.CONNECTING);
            on(free, LinkEvent.ACCEPT, LinkState.CONNECTED);
        }
        on(LinkState.CONNECTING, LinkEvent.CONNECTED, LinkState.CONNECTED);
        on(LinkState.CONNECTING, LinkEvent.CONNECT_FAILED, LinkState.CLOSED);
        for (LinkState busy : new LinkState[] {LinkState.CONNECTING, LinkState.CONNECTED}) {
            on(busy, LinkEvent.CLOSE, LinkState.CLOSED);
            on(busy, LinkEvent.PEER_CLOSED, LinkState.CLOSED);
            on(busy, LinkEvent.DROP, LinkState.CLOSED);
        }
        for (LinkState s : LinkState.values()) {
            TABLE.put(s, Collections.unmodifiableMap(TABLE.get(s)));
        }
    }

    private LinkMachine() {
    }

    private static void on(LinkState from, LinkEvent event, LinkState to) {
        TABLE.get(from).put(event, to);
    }

    /** The state after {@code event}, or null when the move is not in the table. */
    public static LinkState next(LinkState from, LinkEvent event) {
        return TABLE.get(from).get(event);
    }

    /** The whole table, for documentation and tests. */
    public static Map<LinkState, Map<LinkEvent, LinkState>> table() {
        return Collections.unmodifiableMap(TABLE);
    }
}
