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
 * @param call the voice call: IDLE, RINGING (incoming), DIALING (outgoing, alerting) or ACTIVE
 * @param callNumber the other end's number, or empty
 * @param sentSms what the host sent (AT+CMGS, AT+CMSS), oldest first, at most the last 100
 */
public record ModemStatus(String power, String registration, int rssi, boolean simInserted,
                         boolean gprsAttached, String ipState, List<LinkStatus> links,
                         LinkConditions conditions, String call, String callNumber, List<SentSms> sentSms) {

    /** A status without calls or messages (IDLE, none sent). */
    public ModemStatus(String power, String registration, int rssi, boolean simInserted, boolean gprsAttached,
                       String ipState, List<LinkStatus> links, LinkConditions conditions) {
        this(power, registration, rssi, simInserted, gprsAttached, ipState, links, conditions, "IDLE", "", List.of());
    }

    /**
     * One SMS the host sent.
     *
     * @param mr the message reference +CMGS printed, or -1 when it failed
     * @param error 0 when the network took it, else the +CMS ERROR code the host got
     * @param at when it was sent, as the modem's clock had it (ISO-8601)
     */
    public record SentSms(int mr, String to, String text, String at, int error) {
    }

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
