package dev.sim800emu.modem.net;

/** Faults the control plane can put on one link. */
public enum LinkFault {
    /** The peer resets the connection (RST): the modem sees the link closed, the host CLOSED. */
    RESET,
    /** The peer goes silent: nothing more is acknowledged or delivered; SEND OK never comes. */
    BLACKHOLE,
    /** Back to normal: what a blackhole held back flows again. */
    RESTORE
}
