package dev.sim800emu.modem.runtime;

import dev.sim800emu.modem.LineState;

/**
 * Watches the serial line in both directions, on the modem's thread: what any host typed, before
 * the modem reads it, and what the modem printed, as it goes to the hosts. Scenario files wait on
 * these bytes. An observer must not change the arrays, and should not act on the modem from
 * inside the call (schedule instead): the modem is in the middle of reading or writing.
 */
public interface SerialObserver {

    void fromHost(byte[] bytes, int off, int len);

    void fromModem(byte[] bytes);

    /** The host raised or dropped DTR (through {@link VirtualModem#hostDtr}), before the modem hears it. */
    default void hostDtr(boolean asserted) {
    }

    /** The host raised or dropped RTS (through {@link VirtualModem#hostRts}), before the modem hears it. */
    default void hostRts(boolean asserted) {
    }

    /** The modem published its output lines (the same state may come again). */
    default void modemLines(LineState state) {
    }

    /** A host came onto the line through {@code endpoint} ({@code tcp}, {@code rfc2217}, {@code pty} …). */
    default void hostConnected(String endpoint) {
    }

    /** A host left the line; {@code poweredOff}: it was the last, and the modem loses power with it. */
    default void hostDisconnected(String endpoint, boolean poweredOff) {
    }
}
