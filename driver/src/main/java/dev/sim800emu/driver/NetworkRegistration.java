package dev.sim800emu.driver;

/** The {@code <stat>} of {@code +CREG} / {@code +CGREG}. */
public enum NetworkRegistration {
    NOT_REGISTERED(0), HOME(1), SEARCHING(2), DENIED(3), UNKNOWN(4), ROAMING(5);

    public final int code;

    NetworkRegistration(int code) {
        this.code = code;
    }

    /** Home or roaming: the modem can attach and open links. */
    public boolean registered() {
        return this == HOME || this == ROAMING;
    }

    static NetworkRegistration of(int code) {
        for (NetworkRegistration r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return UNKNOWN;
    }
}
