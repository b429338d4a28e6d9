package dev.sim800emu.modem;

/**
 * Receives the modem's output control lines whenever one of them changes, and whether the modem
 * can take more input from the host (an endpoint without a CTS wire stops reading when it cannot).
 */
@FunctionalInterface
public interface ModemLines {
    void onLines(LineState state);

    /** False when the modem's input buffers are full; reading from the host should pause. */
    default void onInputReady(boolean ready) {
    }
}
