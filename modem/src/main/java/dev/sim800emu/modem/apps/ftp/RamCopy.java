package dev.sim800emu.modem.apps.ftp;

import java.util.Arrays;

/**
 * Bytes held in the modem's RAM for the extended transfers: what AT+FTPEXTGET=1 downloads, or
 * what AT+FTPEXTPUT=2 loads. At most {@link #MAX} ("300k", manual §12.2.20); the array grows with
 * what is written, so an unused buffer costs nothing.
 */
final class RamCopy {
    /** The manual's "0-300k" for positions and lengths, and its "files under 300 KB". */
    static final int MAX = 300 * 1024;

    private byte[] buf = new byte[0];
    private int size;

    int size() {
        return size;
    }

    /** Appends; false (and nothing kept of {@code bytes}) when the total would pass {@link #MAX}. */
    boolean add(byte[] bytes) {
        if (size + bytes.length > MAX) {
            return false;
        }
        put(size, bytes, bytes.length);
        return true;
    }

    /** Writes {@code n} bytes at {@code pos}; a gap before it reads as zeros. The caller keeps it within MAX. */
    void put(int pos, byte[] bytes, int n) {
        int end = pos + n;
        if (end > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(MAX, Math.max(end, buf.length * 2)));
        }
        System.arraycopy(bytes, 0, buf, pos, n);
        size = Math.max(size, end);
    }

    /** Up to {@code len} bytes from {@code pos}; none past the end. */
    byte[] read(int pos, int len) {
        return pos >= size ? new byte[0] : Arrays.copyOfRange(buf, pos, pos + Math.min(len, size - pos));
    }

    byte[] all() {
        return read(0, size);
    }
}
