package dev.sim800emu.modem.tcpip;

/** What moves a link slot between its states ({@link LinkMachine}). */
public enum LinkEvent {
    /** AT+CIPSTART took the slot. */
    OPEN,
    /** The server handed the slot an accepted client. */
    ACCEPT,
    /** The socket connected. */
    CONNECTED,
    /** The name lookup or the connection failed: CONNECT FAIL. */
    CONNECT_FAILED,
    /** AT+CIPCLOSE, or DTR with AT&amp;D2 in data mode. */
    CLOSE,
    /** The peer closed (or reset) the connection: CLOSED. */
    PEER_CLOSED,
    /** The modem gave up on the link: no acknowledgement in time, or its PDP context went away. */
    DROP,
    /** AT+CIPSHUT or a reboot forgets the slot. */
    RESET
}
