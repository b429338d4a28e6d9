package dev.sim800emu.modem;

import java.util.Arrays;

/**
 * The byte queue between the serial input and whatever consumes it (framer, payload, data link):
 * type-ahead waits here while a line runs. Starts empty and shrinks back after a burst, so an
 * idle modem holds no buffer.
 */
final class Inbox {
    private static final byte[] EMPTY = new byte[0];

    private byte[] buf = EMPTY;
    private int head;
    private int tail;

    int size() {
        return tail - head;
    }

    void add(byte[] data, int off, int len) {
        if (tail + len > buf.length) {
            int live = size();
            byte[] next = buf.length - live >= len && head > 0 ? buf : new byte[Math.max(64, (live + len) * 2)];
            System.arraycopy(buf, head, next, 0, live);
            buf = next;
            head = 0;
            tail = live;
        }
        System.arraycopy(data, off, buf, tail, len);
        tail += len;
    }

    int take() {
        int b = buf[head++] & 0xFF;
        if (head == tail) {
            clear();
        }
        return b;
    }

    /** Moves {@code len} bytes (at most {@link #size}) into {@code dst}. */
    void take(byte[] dst, int off, int len) {
        System.arraycopy(buf, head, dst, off, len);
        head += len;
        if (head == tail) {
            clear();
        }
    }

    int peek() {
        return buf[head] & 0xFF;
    }

    byte[] takeAll() {
        byte[] out = Arrays.copyOfRange(buf, head, tail);
        clear();
        return out;
    }

    void clear() {
        head = 0;
        tail = 0;
        if (buf.length > 4096) {
            buf = EMPTY;
        }
    }
}
