package dev.sim800emu.modem.tcpip;

import java.net.Inet4Address;

/** One of the two GPRS contexts (AT+CIPSGTXT): its APN settings, state and address. */
final class PdpContext {
    final int id;
    private BearerState state = BearerState.INITIAL;
    String apn = "CMNET";
    String user = "";
    String password = "";
    Inet4Address address;

    PdpContext(int id) {
        this.id = id;
    }

    BearerState state() {
        return state;
    }

    /** Applies an event from the ladder; false when it is not a legal move. */
    boolean apply(BearerEvent event) {
        BearerState next = BearerMachine.next(state, event);
        if (next == null) {
            return false;
        }
        state = next;
        return true;
    }
}
