package dev.sim800emu.modem.serial;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Paces serial output like a real UART (--baud-pacing): ten bit times per byte (start, 8 data,
 * stop) at the current rate, released in 5 ms slices on the modem's event loop. The rate is read
 * at every slice, so AT+IPR or an RFC 2217 SET-BAUDRATE takes effect at once.
 */
public final class PacedOutput {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final EventLoop loop;
    private final IntSupplier bitsPerSecond;
    private final Consumer<byte[]> sink;
    private final Consumer<Boolean> writable;
    private boolean full;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private int headOffset;
    private boolean scheduled;
    private long lastTick;
    private double credit;

    /** Bytes queued beyond which the modem is told to hold its output (and its links). */
    static final int QUEUE_LIMIT = 16 * 1024;

    /**
     * @param writable told false when more than {@link #QUEUE_LIMIT} bytes wait, true when they
     *     have drained, so the modem back-pressures its links instead of queueing without bound
     */
    public PacedOutput(EventLoop loop, IntSupplier bitsPerSecond, Consumer<byte[]> sink, Consumer<Boolean> writable) {
        this.loop = loop;
        this.bitsPerSecond = bitsPerSecond;
        this.sink = sink;
        this.writable = writable;
    }

    /** Queues bytes; called on the modem's loop. */
    public void write(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        queue.add(bytes);
        if (!full && pending() > QUEUE_LIMIT) {
            full = true;
            writable.accept(false);
        }
        if (!scheduled) {
            scheduled = true;
            lastTick = System.nanoTime();
            credit = 1; // the first byte leaves at once, as a UART starts shifting immediately
            tick();
        }
    }

    /** Bytes waiting to be sent. */
    public int pending() {
        int n = -headOffset;
        for (byte[] b : queue) {
            n += b.length;
        }
        return n;
    }

    /** Drops what is queued (the host went away). */
    public void clear() {
        queue.clear();
        headOffset = 0;
    }

    private void tick() {
        long now = System.nanoTime();
        credit += (now - lastTick) / 1e9 * Math.max(1, bitsPerSecond.getAsInt()) / 10.0;
        lastTick = now;
        int allowed = (int) credit;
        if (allowed > 0 && !queue.isEmpty()) {
            byte[] out = take(allowed);
            credit -= out.length;
            sink.accept(out);
        }
        if (full && pending() < QUEUE_LIMIT / 2) {
            full = false;
            writable.accept(true);
        }
        if (queue.isEmpty()) {
            scheduled = false;
            credit = 0;
            return;
        }
        loop.schedule(this::tick, SLICE_NANOS, TimeUnit.NANOSECONDS);
    }

    private byte[] take(int max) {
        int n = Math.min(max, pending());
        byte[] out = new byte[n];
        int pos = 0;
        while (pos < n) {
            byte[] head = queue.peek();
            int k = Math.min(n - pos, head.length - headOffset);
            System.arraycopy(head, headOffset, out, pos, k);
            pos += k;
            headOffset += k;
            if (headOffset == head.length) {
                queue.poll();
                headOffset = 0;
            }
        }
        return out;
    }
}
