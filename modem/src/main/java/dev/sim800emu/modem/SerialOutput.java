package dev.sim800emu.modem;

/** Where the modem's serial output goes: a TCP client, a pseudo-terminal, a test. */
@FunctionalInterface
public interface SerialOutput {
    /** Takes ownership of {@code bytes}. Called on the modem's thread. */
    void write(byte[] bytes);

    /**
     * Bytes a link read, passed on as they are (the transparent downlink); valid only during this
     * call. An output that can write the network's buffer itself does so; by default they are
     * taken as an array.
     */
    default void write(dev.sim800emu.modem.net.Payload data) {
        write(data.toArray());
    }
}
