package dev.sim800emu.modem.net;

/**
 * Bytes still in a buffer the adapter owns: a link's read on its way to the host, or a host's read
 * on its way to a link. The engine passes a payload on (the serial output may write a link's buffer
 * to the host as it is — the transparent downlink; a link may send part of a host's buffer as it is
 * — the transparent uplink), looks at single bytes, or copies what it keeps. A payload is valid only
 * during the call that delivers it; the adapter disposes of whatever that call did not take.
 */
public interface Payload {
    /** Bytes in the payload. */
    int length();

    /** The bytes in an array of their own; the payload is used up. */
    byte[] toArray();

    /** Byte {@code index} ({@code 0 <= index < length()}); the payload stays as it is. */
    byte byteAt(int index);

    /** Copies {@code len} bytes from {@code index} into {@code dst} at {@code dstOff}; the payload stays as it is. */
    void copyTo(int index, byte[] dst, int dstOff, int len);

    /** {@code len} bytes of {@code bytes} from {@code off} as a payload (the array is not copied). */
    static Payload of(byte[] bytes, int off, int len) {
        return new ArrayPayload(bytes, off, len);
    }
}
