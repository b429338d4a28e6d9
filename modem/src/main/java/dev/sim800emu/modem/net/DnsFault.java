package dev.sim800emu.modem.net;

/** Faults of the name service, for the control plane. */
public enum DnsFault {
    /** Every lookup fails (CDNSGIP error 8, CIPSTART to a name: CONNECT FAIL). */
    FAIL,
    /** Every lookup is answered, but only after a delay. */
    SLOW,
    /** Back to normal. */
    RESTORE
}
