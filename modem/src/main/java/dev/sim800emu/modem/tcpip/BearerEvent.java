package dev.sim800emu.modem.tcpip;

/** What moves a PDP context along the ladder. */
public enum BearerEvent {
    /** AT+CSTT. */
    SET_APN,
    /** AT+CIICR starts. */
    ACTIVATE,
    /** The simulated network accepted the activation. */
    ACTIVATED,
    /** The simulated network refused it (wrong APN or credentials, no attach). */
    REJECTED,
    /** AT+CIFSR reads the address. */
    READ_ADDRESS,
    /** Single-mode CIPSTART/CIPSERVER from IP INITIAL brings the context up by itself. */
    AUTO_ACTIVATE,
    /** The network (or a fault) deactivated the context. */
    NETWORK_DEACT,
    /** AT+CIPSHUT. */
    SHUT
}
