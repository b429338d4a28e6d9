package dev.sim800emu.modem.hostcheck;

/**
 * What the host check asks the modem about its own state, at the moment host bytes arrive (before
 * the modem has read them).
 */
public interface ModemView {

    /** Booted and taking input (RDY has been printed, or would be with a fixed rate). */
    boolean booted();

    /** A command line runs or its final result has not been printed yet. */
    boolean lineRunning();

    /** A CIPSEND prompt is open: bytes are payload. */
    boolean payloadOpen();

    /** The serial line is in transparent data mode. */
    boolean dataMode();

    /** AT+CIPMUX=1. */
    boolean multiLink();

    /** Link {@code id} (0–5) is connected. */
    boolean linkConnected(int id);

    /** Some link is connecting or connected. */
    boolean anyLinkOpen();

    /** The most one CIPSEND may carry. */
    int sendLimit();

    /** Whether CIPSEND prints the "> " prompt (AT+CIPSPRT=1, the default). */
    boolean sendPrompt();
}
