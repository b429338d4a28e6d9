package dev.sim800emu.modem.net;

import java.util.Arrays;

/** Part of an array as a {@link Payload}: input that arrived as an array (a PTY, a test) on the payload path. */
final class ArrayPayload implements Payload {
    private final byte[] bytes;
    private final int off;
    private final int len;

    ArrayPayload(byte[] bytes, int off, int len) {
        if (off < 0 || len < 0 || off + len > bytes.length) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + " of " + bytes.length);
        }
        this.bytes = bytes;
        this.off = off;
        this.len = len;
    }

    @Override
    public int length() {
        return len;
    }

    @Override
    public byte[] toArray() {
        return Arrays.copyOfRange(bytes, off, off + len);
    }

    @Override
    public byte byteAt(int index) {
        return bytes[off + java.util.Objects.checkIndex(index, len)];
    }

    @Override
    public void copyTo(int index, byte[] dst, int dstOff, int n) {
        java.util.Objects.checkFromIndexSize(index, n, len);
        System.arraycopy(bytes, off + index, dst, dstOff, n);
    }
}
