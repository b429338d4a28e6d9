package dev.sim800emu.cli.replay;

import dev.sim800emu.modem.LineState;
import dev.sim800emu.modem.record.RecordedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the modem has sent so far in a replay, filled by a link's thread, waited on by the replay:
 * the bytes, and the changes of its output lines when the link reports them.
 */
final class Received {
    private byte[] bytes = new byte[4096];
    private int size;
    /** Each change of the modem's lines, as a recording writes it ({@code dcd=1 ri=0 cts=1 dsr=1}). */
    private final List<String> lines = new ArrayList<>();
    /** Changes count from all off (no power), as in a recording, and from what a host is told on connecting. */
    private String lastLines = text(LineState.OFF);
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

    /** The modem's lines as the link reports them; only a change counts, as in a recording. */
    synchronized void lines(LineState state) {
        String now = text(state);
        if (!now.equals(lastLines)) {
            lastLines = now;
            lines.add(now);
            notifyAll();
        }
    }

    /** A host connects: the state it is told at once is no change if the recording has the modem in it. */
    synchronized void linesBaseline(String state) {
        lastLines = state;
    }

    private static String text(LineState s) {
        return RecordedEvent.lines(0, s.dcd(), s.ri(), s.cts(), s.dsr()).text();
    }

    synchronized int linesCount() {
        return lines.size();
    }

    synchronized List<String> lines(int from, int to) {
        return List.copyOf(lines.subList(from, to));
    }

    /** The line closed (end of stream): no more bytes will come. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** A host is on the line again (after a disconnect the recording has). */
    synchronized void reopen() {
        closed = false;
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
        awaitMore(known, Integer.MAX_VALUE, nanos);
    }

    /** Waits until more than {@code known} bytes or {@code knownLines} line changes have come, the line closes, or {@code nanos} pass. */
    synchronized void awaitMore(int known, int knownLines, long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; size <= known && lines.size() <= knownLines && !closed && left > 0;
                left = end - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000), 0);
        }
    }
}
