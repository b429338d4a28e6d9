package dev.sim800emu.modem.apps.ping;

import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.time.ModemClock;

/** What AT+CIPPING needs from the rest of the modem. */
public interface PingHost {
    ModemClock clock();

    /** Echo requests and name lookups go through the port, under the destination policy. */
    Network network();

    /** True while the CIP PDP context is up (IP GPRSACT or later, CIPSHUT not since). */
    boolean contextActive();
}
