package dev.sim800emu.modem.tcpip;

/** The life of one PDP context, the lower half of the IP state ladder. */
public enum BearerState {
    /** Nothing configured, or after AT+CIPSHUT. */
    INITIAL,
    /** APN set by AT+CSTT. */
    START,
    /** AT+CIICR is activating the context. */
    CONFIG,
    /** Context active; AT+CIFSR not yet issued. */
    GPRSACT,
    /** Local address known; links may be opened. */
    STATUS,
    /** The network dropped the context; only AT+CIPSHUT recovers. */
    DEACT;

    public IpState ipState() {
        return switch (this) {
            case INITIAL -> IpState.INITIAL;
            case START -> IpState.START;
            case CONFIG -> IpState.CONFIG;
            case GPRSACT -> IpState.GPRSACT;
            case STATUS -> IpState.STATUS;
            case DEACT -> IpState.PDP_DEACT;
        };
    }

    /** True while the context has an address (GPRSACT or STATUS). */
    public boolean active() {
        return this == GPRSACT || this == STATUS;
    }
}
