package dev.sim800emu.modem;

/** Where the modem's serial output goes: a TCP client, a pseudo-terminal, a test. */
@FunctionalInterface
public interface SerialOutput {
    /** Takes ownership of {@code bytes}. Called on the modem's thread. */
    void write(byte[] bytes);
}
