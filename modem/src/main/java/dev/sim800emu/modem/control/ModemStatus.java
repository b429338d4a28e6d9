package dev.sim800emu.modem.control;

import dev.sim800emu.modem.net.LinkConditions;
import java.util.List;

/**
 * What a modem looks like from the control plane: power, radio, the IP state and the six link
 * slots. Serialized as JSON by the HTTP API ({@code GET /modems/{id}}).
 *
 * @param power OFF, BOOTING or ON
 * @param registration the registration state name (HOME, ROAMING, SEARCHING, DENIED, NONE)
 * @param rssi signal as AT+CSQ reports it
 * @param simInserted whether a SIM is in the holder
 * @param gprsAttached AT+CGATT?
 * @param ipState what AT+CIPSTATUS prints as STATE
 * @param links one entry per slot, 0–5
 * @param conditions the network conditions in force
 */
public record ModemStatus(String power, String registration, int rssi, boolean simInserted,
                         boolean gprsAttached, String ipState, List<LinkStatus> links,
                         LinkConditions conditions) {

    /**
     * One link slot.
     *
     * @param state the slot's state as CIPSTATUS's C: lines spell it (INITIAL, CONNECTING …)
     * @param protocol TCP or UDP, or empty
     * @param remote "address:port" of the peer, or empty
     * @param fault the fault in force on the link, or empty
     */
    public record LinkStatus(int id, String state, String protocol, String remote, long sent, long acked,
                             long received, String fault) {
    }
}
