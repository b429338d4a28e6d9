package dev.sim800emu.modem.tcpip;

import java.util.EnumMap;
import java.util.Map;

/**
 * The PDP context ladder as a transition table (manual §8.2, note §9). A pair missing from the
 * table is not a legal move: {@link #next} answers null and the command that asked gets ERROR.
 *
 * <pre>
 * INITIAL --SET_APN--> START --ACTIVATE--> CONFIG --ACTIVATED--> GPRSACT --READ_ADDRESS--> STATUS
 *    |                                        '----REJECTED----> DEACT
 *    |--AUTO_ACTIVATE--> STATUS          (START..STATUS) --NETWORK_DEACT--> DEACT
 *    '--REJECTED--> DEACT   (the automatic activation of a single-mode CIPSTART failed)
 * any --SHUT--> INITIAL
 * </pre>
 */
public final class BearerMachine {
    private static final Map<BearerState, Map<BearerEvent, BearerState>> TABLE = new EnumMap<>(BearerState.class);

    static {
        for (BearerState s : BearerState.values()) {
            TABLE.put(s, new EnumMap<>(BearerEvent.class));
            TABLE.get(s).put(BearerEvent.SHUT, BearerState.INITIAL);
        }
        on(BearerState.INITIAL, BearerEvent.SET_APN, BearerState.START);
        on(BearerState.INITIAL, BearerEvent.AUTO_ACTIVATE, BearerState.STATUS);
        on(BearerState.INITIAL, BearerEvent.REJECTED, BearerState.DEACT);
        on(BearerState.START, BearerEvent.ACTIVATE, BearerState.CONFIG);
        on(BearerState.CONFIG, BearerEvent.ACTIVATED, BearerState.GPRSACT);
        on(BearerState.CONFIG, BearerEvent.REJECTED, BearerState.DEACT);
        on(BearerState.GPRSACT, BearerEvent.READ_ADDRESS, BearerState.STATUS);
        on(BearerState.STATUS, BearerEvent.READ_ADDRESS, BearerState.STATUS);
        for (BearerState s : new BearerState[] {BearerState.START, BearerState.CONFIG, BearerState.GPRSACT, BearerState.STATUS}) {
            on(s, BearerEvent.NETWORK_DEACT, BearerState.DEACT);
        }
    }

    private BearerMachine() {
    }

    private static void on(BearerState from, BearerEvent event, BearerState to) {
        TABLE.get(from).put(event, to);
    }

    /** The state after {@code event}, or null when the event is not allowed in {@code from}. */
    public static BearerState next(BearerState from, BearerEvent event) {
        return TABLE.get(from).get(event);
    }

    /** The whole table, for documentation and tests. */
    public static Map<BearerState, Map<BearerEvent, BearerState>> table() {
        return TABLE;
    }
}
