package dev.sim800emu.modem.tcpip;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * Which state-gated command is allowed in which IP state (reference §2.5, manual chapter 8).
 * Anything not listed answers ERROR (+CME ERROR: 3 with CMEE).
 */
final class Permissions {
    enum Op {
        CSTT, CIICR, CIFSR, CIPSTART, CIPSERVER, CIPCLOSE, CIPSEND, CDNSGIP, CIPMUX, CIPMODE
    }

    private static final Map<Op, EnumSet<IpState>> SINGLE = new EnumMap<>(Op.class);
    private static final Map<Op, EnumSet<IpState>> MULTI = new EnumMap<>(Op.class);

    static {
        both(Op.CSTT, EnumSet.of(IpState.INITIAL));
        both(Op.CIICR, EnumSet.of(IpState.START));
        both(Op.CIPMUX, EnumSet.of(IpState.INITIAL));
        both(Op.CIPMODE, EnumSet.of(IpState.INITIAL));
        SINGLE.put(Op.CIFSR, EnumSet.of(IpState.GPRSACT, IpState.STATUS, IpState.CONNECTING, IpState.LISTENING,
                IpState.CONNECT_OK, IpState.CLOSING, IpState.CLOSED));
        MULTI.put(Op.CIFSR, EnumSet.of(IpState.GPRSACT, IpState.STATUS, IpState.PROCESSING));
        SINGLE.put(Op.CIPSTART, EnumSet.of(IpState.INITIAL, IpState.STATUS, IpState.CLOSED));
        MULTI.put(Op.CIPSTART, EnumSet.of(IpState.STATUS, IpState.PROCESSING));
        SINGLE.put(Op.CIPSERVER, EnumSet.of(IpState.INITIAL, IpState.STATUS, IpState.CLOSED));
        MULTI.put(Op.CIPSERVER, EnumSet.of(IpState.STATUS, IpState.PROCESSING));
        SINGLE.put(Op.CIPCLOSE, EnumSet.of(IpState.CONNECTING, IpState.LISTENING, IpState.CONNECT_OK));
        MULTI.put(Op.CIPCLOSE, EnumSet.of(IpState.PROCESSING));
        SINGLE.put(Op.CIPSEND, EnumSet.of(IpState.CONNECT_OK));
        MULTI.put(Op.CIPSEND, EnumSet.of(IpState.PROCESSING));
        EnumSet<IpState> dns = EnumSet.of(IpState.GPRSACT, IpState.STATUS, IpState.CONNECTING, IpState.LISTENING,
                IpState.CONNECT_OK, IpState.CLOSING, IpState.CLOSED, IpState.PROCESSING);
        both(Op.CDNSGIP, dns);
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
}
