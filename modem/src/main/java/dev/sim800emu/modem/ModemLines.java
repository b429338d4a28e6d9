package dev.sim800emu.modem;

/** Receives the modem's output control lines whenever one of them changes. */
@FunctionalInterface
public interface ModemLines {
    void onLines(LineState state);
}
