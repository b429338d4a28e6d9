package dev.sim800emu.modem.tcpip;

/**
 * The state of one link slot, as the {@code C:} lines of multi-mode AT+CIPSTATUS print it. Moves
 * only through {@link LinkMachine}.
 *
 * <p>The chip also names {@code REMOTE CLOSING} and {@code CLOSING} (reference §6.1): the moments
 * between the peer's FIN, or a slow CIPCLOSE, and the close being reported. The emulator reports a
 * close the moment it happens (CIPCLOSE answers CLOSE OK at once, a peer's close prints CLOSED at
 * once), so those states would never be visible; they are left out rather than kept unreachable.
 */
public enum LinkState {
    INITIAL("INITIAL"),
    CONNECTING("CONNECTING"),
    CONNECTED("CONNECTED"),
    CLOSED("CLOSED");

    private final String label;

    LinkState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True while the slot holds a socket (connecting or open). */
    public boolean busy() {
        return this == CONNECTING || this == CONNECTED;
    }
}
