package dev.sim800emu.cli.replay;

import java.util.Arrays;

/** What the modem has sent so far in a replay, filled by a link's thread, waited on by the replay. */
final class Received {
    private byte[] bytes = new byte[4096];
    private int size;
    private long lastArrivalNanos = System.nanoTime();
    private boolean closed;

    synchronized void add(byte[] b, int off, int len) {
        if (size + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + len));
        }
        System.arraycopy(b, off, bytes, size, len);
        size += len;
        lastArrivalNanos = System.nanoTime();
        notifyAll();
    }

    /** The line closed (end of stream): no more bytes will come. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized int size() {
        return size;
    }

    synchronized byte[] snapshot() {
        return Arrays.copyOf(bytes, size);
    }

    synchronized long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** Waits until more than {@code known} bytes have come, the line closes, or {@code nanos} pass. */
    synchronized void awaitMore(int known, long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; size <= known && !closed && left > 0; left = end - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000), 0);
        }
    }
}
