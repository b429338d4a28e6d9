package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.net.Protocol;

/**
 * The state that AT+CIPSTATUS reports after {@code STATE: } (manual §8.2.12, note §9). Single mode
 * uses every value but {@link #PROCESSING}; multi mode uses the bearer ladder, PROCESSING and
 * PDP DEACT. The connection states are spelled with the link's protocol. The chip's TCP/UDP
 * CLOSING is not here: a close is reported the moment it happens (see {@link LinkState}).
 */
public enum IpState {
    INITIAL("IP INITIAL"),
    START("IP START"),
    CONFIG("IP CONFIG"),
    GPRSACT("IP GPRSACT"),
    STATUS("IP STATUS"),
    CONNECTING("CONNECTING"),
    LISTENING("SERVER LISTENING"),
    CONNECT_OK("CONNECT OK"),
    CLOSED("CLOSED"),
    PROCESSING("IP PROCESSING"),
    PDP_DEACT("PDP DEACT");

    private final String label;

    IpState(String label) {
        this.label = label;
    }

    /** The text after "STATE: "; {@code protocol} names TCP or UDP for the connection states. */
    public String label(Protocol protocol) {
        return switch (this) {
            case CONNECTING, CLOSED -> (protocol == Protocol.UDP ? "UDP " : "TCP ") + label;
            default -> label;
        };
    }
}
