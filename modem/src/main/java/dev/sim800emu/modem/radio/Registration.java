package dev.sim800emu.modem.radio;

/**
 * Network registration states as +CREG / +CGREG report them ({@code <stat>}, 3GPP 27.007 §7.2).
 */
public enum Registration {
    NONE(0), HOME(1), SEARCHING(2), DENIED(3), ROAMING(5);

    private final int stat;

    Registration(int stat) {
        this.stat = stat;
    }

    /** The {@code <stat>} number of +CREG: / +CGREG:. */
    public int stat() {
        return stat;
    }

    /** Registered: home or roaming. */
    public boolean registered() {
        return this == HOME || this == ROAMING;
    }
}
