package dev.sim800emu.modem.runtime;

/**
 * Watches the serial line in both directions, on the modem's thread: what any host typed, before
 * the modem reads it, and what the modem printed, as it goes to the hosts. Scenario files wait on
 * these bytes. An observer must not change the arrays, and should not act on the modem from
 * inside the call (schedule instead): the modem is in the middle of reading or writing.
 */
public interface SerialObserver {

    void fromHost(byte[] bytes, int off, int len);

    void fromModem(byte[] bytes);
}
