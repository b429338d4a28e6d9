package dev.sim800emu.modem.control.http;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The serial trace of one watched modem between two live events: the bytes of each direction in
 * the order they crossed the line, at most {@link #BYTES_PER_SECOND} a second. A link streaming at
 * full speed would otherwise flood the browser; what is over the cap is counted, not kept, and
 * the page shows the count where the bytes would have been.
 *
 * <p>The modem's thread appends, the socket's thread takes: both under this object's lock.
 */
final class TraceBuffer {
    /** Enough for every AT dialog and a few screens of received data a second. */
    static final int BYTES_PER_SECOND = 16 * 1024;
    private static final long SECOND_NANOS = 1_000_000_000L;

    /** A run of bytes in one direction: {@code fromHost} or from the modem. */
    record Segment(boolean fromHost, byte[] bytes) {
    }

    /** What was taken: the segments, and how many bytes were dropped before, between or after them. */
    record Batch(List<Segment> segments, long dropped) {
        boolean isEmpty() {
            return segments.isEmpty() && dropped == 0;
        }
    }

    private final LongSupplier nanos;
    private final int perSecond;
    private final List<Segment> segments = new ArrayList<>();
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private boolean currentFromHost;
    private long dropped;
    private long windowStart;
    private int windowBytes;
    private boolean started;

    TraceBuffer(LongSupplier nanos, int perSecond) {
        this.nanos = nanos;
        this.perSecond = perSecond;
    }

    /** Appends bytes that crossed the line; false when some were over the cap and dropped. */
    synchronized boolean append(boolean fromHost, byte[] bytes, int off, int len) {
        long now = nanos.getAsLong();
        if (!started || now - windowStart >= SECOND_NANOS) {
            started = true;
            windowStart = now;
            windowBytes = 0;
        }
        int kept = Math.min(len, perSecond - windowBytes);
        windowBytes += kept;
        dropped += len - kept;
        if (kept > 0) {
            if (current.size() > 0 && fromHost != currentFromHost) {
                cut();
            }
            currentFromHost = fromHost;
            current.write(bytes, off, kept);
        }
        return kept == len;
    }

    /** Counts bytes that were taken but could not be sent (the browser is not keeping up). */
    synchronized void lost(long bytes) {
        dropped += bytes;
    }

    /** Everything since the last take. */
    synchronized Batch take() {
        cut();
        Batch b = new Batch(List.copyOf(segments), dropped);
        segments.clear();
        dropped = 0;
        return b;
    }

    private void cut() {
        if (current.size() > 0) {
            segments.add(new Segment(currentFromHost, current.toByteArray()));
            current.reset();
        }
    }
}
