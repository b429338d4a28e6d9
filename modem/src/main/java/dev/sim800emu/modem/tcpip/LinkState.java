package dev.sim800emu.modem.tcpip;

/** The state of one link slot, as the {@code C:} lines of multi-mode AT+CIPSTATUS print it. */
public enum LinkState {
    INITIAL("INITIAL"),
    CONNECTING("CONNECTING"),
    CONNECTED("CONNECTED"),
    REMOTE_CLOSING("REMOTE CLOSING"),
    CLOSING("CLOSING"),
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
        return this == CONNECTING || this == CONNECTED || this == REMOTE_CLOSING || this == CLOSING;
    }
}
