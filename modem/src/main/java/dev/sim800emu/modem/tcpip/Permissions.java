package dev.sim800emu.modem.tcpip;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which state-gated command may run when (reference §2.5, manual chapter 8): the one gate every
 * such command passes. Two tables: the IP state (per CIPMUX mode) and, for commands addressed to a
 * link, that link's state. Anything not listed answers ERROR (+CME ERROR: 3 with CMEE).
 *
 * <p>In multi mode a link-addressed command is gated by the link alone: the IP state is that of the
 * selected context (AT+CIPSGTXT), which need not be the one the link runs on.
 */
final class Permissions {
    enum Op {
        CSTT, CIICR, CIFSR, CIPSTART, CIPSERVER, CIPCLOSE, CIPSEND, CIPACK, CIPRXGET, CDNSGIP, CIPMUX, CIPMODE
    }

    private static final Map<Op, Set<IpState>> SINGLE = new EnumMap<>(Op.class);
    private static final Map<Op, Set<IpState>> MULTI = new EnumMap<>(Op.class);
    /** Link-addressed commands only; CIPSERVER looks at link 0 in single mode. */
    private static final Map<Op, Set<LinkState>> LINK = new EnumMap<>(Op.class);

    static {
        EnumSet<IpState> any = EnumSet.allOf(IpState.class);
        both(Op.CSTT, EnumSet.of(IpState.INITIAL));
        both(Op.CIICR, EnumSet.of(IpState.START));
        both(Op.CIPMUX, EnumSet.of(IpState.INITIAL));
        both(Op.CIPMODE, EnumSet.of(IpState.INITIAL));
        SINGLE.put(Op.CIFSR, EnumSet.of(IpState.GPRSACT, IpState.STATUS, IpState.CONNECTING, IpState.LISTENING,
                IpState.CONNECT_OK, IpState.CLOSED));
        MULTI.put(Op.CIFSR, EnumSet.of(IpState.GPRSACT, IpState.STATUS, IpState.PROCESSING));
        SINGLE.put(Op.CIPSTART, EnumSet.of(IpState.INITIAL, IpState.STATUS, IpState.CLOSED));
        MULTI.put(Op.CIPSTART, EnumSet.of(IpState.STATUS, IpState.PROCESSING));
        SINGLE.put(Op.CIPSERVER, EnumSet.of(IpState.INITIAL, IpState.STATUS, IpState.CLOSED));
        MULTI.put(Op.CIPSERVER, EnumSet.of(IpState.STATUS, IpState.PROCESSING));
        SINGLE.put(Op.CIPCLOSE, EnumSet.of(IpState.CONNECTING, IpState.LISTENING, IpState.CONNECT_OK));
        MULTI.put(Op.CIPCLOSE, any);
        SINGLE.put(Op.CIPSEND, EnumSet.of(IpState.CONNECT_OK));
        MULTI.put(Op.CIPSEND, any);
        both(Op.CIPACK, any);
        both(Op.CIPRXGET, any);
        both(Op.CDNSGIP, EnumSet.of(IpState.GPRSACT, IpState.STATUS, IpState.CONNECTING, IpState.LISTENING,
                IpState.CONNECT_OK, IpState.CLOSED, IpState.PROCESSING));

        EnumSet<LinkState> free = EnumSet.of(LinkState.INITIAL, LinkState.CLOSED);
        EnumSet<LinkState> used = EnumSet.complementOf(EnumSet.of(LinkState.INITIAL));
        LINK.put(Op.CIPSTART, free); // refused with ALREADY CONNECT rather than ERROR
        LINK.put(Op.CIPSERVER, free);
        LINK.put(Op.CIPCLOSE, EnumSet.of(LinkState.CONNECTING, LinkState.CONNECTED));
        LINK.put(Op.CIPSEND, EnumSet.of(LinkState.CONNECTED));
        LINK.put(Op.CIPACK, used);
        LINK.put(Op.CIPRXGET, used);
    }

    private Permissions() {
    }

    private static void both(Op op, EnumSet<IpState> states) {
        SINGLE.put(op, states);
        MULTI.put(op, states);
    }

    static boolean allowed(Op op, boolean multi, IpState state) {
        return (multi ? MULTI : SINGLE).get(op).contains(state);
    }

    /** Both gates; {@code link} is the addressed link's state, or null when none is addressed. */
    static boolean allowed(Op op, boolean multi, IpState state, LinkState link) {
        return allowed(op, multi, state) && (link == null || linkAllowed(op, link));
    }

    /** The link-state gate alone. */
    static boolean linkAllowed(Op op, LinkState link) {
        return !LINK.containsKey(op) || LINK.get(op).contains(link);
    }

    /** The IP-state gate of one mode, for documentation and tests. */
    static Map<Op, Set<IpState>> ipTable(boolean multi) {
        return Collections.unmodifiableMap(multi ? MULTI : SINGLE);
    }

    /** The link-state gate, for documentation and tests. */
    static Map<Op, Set<LinkState>> linkTable() {
        return Collections.unmodifiableMap(LINK);
    }
}
