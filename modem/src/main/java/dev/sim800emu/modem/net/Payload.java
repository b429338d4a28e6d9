package dev.sim800emu.modem.net;

/**
 * Bytes a link has read, still in the network's own buffer. The engine never looks inside: it
 * passes the payload on to the serial output (which may write that buffer to the host as it is,
 * without a copy — the transparent downlink) or takes the bytes as an array. A payload is valid only
 * during the call that delivers it; the network disposes of whatever that call did not take.
 */
public interface Payload {
    /** Bytes in the payload. */
    int length();

    /** The bytes in an array of their own; the payload is used up. */
    byte[] toArray();
}
