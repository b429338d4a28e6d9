package dev.sim800emu.modem.at;

import java.util.Arrays;

/** A growable byte buffer that output is formatted into before it goes to the host in one write. */
public final class ByteSink {
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes;
    private int size;

    /** With {@code initialCapacity} 0 nothing is allocated until the first write. */
    public ByteSink(int initialCapacity) {
        bytes = initialCapacity <= 0 ? EMPTY : new byte[Math.max(16, initialCapacity)];
    }

    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    public void write(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, bytes, size, len);
        size += len;
    }

    public void write(byte[] src) {
        write(src, 0, src.length);
    }

    /** Writes the characters of an ASCII/Latin-1 string, one byte each. */
    public void ascii(String s) {
        int len = s.length();
        ensure(len);
        for (int i = 0; i < len; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    /**
     * Makes room for {@code n} more bytes and counts them as written: the caller fills them in, at
     * {@code size() - n} of the array returned (the buffer itself), before the next write.
     */
    public byte[] append(int n) {
        ensure(n);
        size += n;
        return bytes;
    }

    /** The buffer itself, valid up to {@link #size} until the next write: for a copy-free read. */
    public byte[] array() {
        return bytes;
    }

    /** Drops the first {@code n} bytes; the rest moves to the front (an emptied large buffer shrinks, as in drain). */
    public void discard(int n) {
        System.arraycopy(bytes, n, bytes, 0, size - n);
        size -= n;
        if (size == 0 && bytes.length > 4096) {
            bytes = EMPTY;
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Returns the content and empties the buffer; large buffers shrink back so idle modems stay small. */
    public byte[] drain() {
        byte[] out = Arrays.copyOf(bytes, size);
        size = 0;
        if (bytes.length > 4096) {
            bytes = EMPTY;
        }
        return out;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(Math.max(16, bytes.length * 2), size + extra));
        }
    }
}
