package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.PacketSchedule;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One direction of one shaped link: items wait until their arrival time from the
 * {@link PacketSchedule}, then go to the sink in order, all the items due at once in one batch.
 * One timer, for the head. A held queue (a blackhole) releases nothing until it is let go.
 */
final class ShapedQueue<T> {
    private record Timed<T>(long at, T item, int bytes) {
    }

    private final EventLoop loop;
    private final Consumer<List<T>> sink;
    private final PacketSchedule schedule = new PacketSchedule();
    private final ArrayDeque<Timed<T>> items = new ArrayDeque<>();
    private long pendingBytes;
    private ScheduledFuture<?> timer;
    private boolean held;

    ShapedQueue(EventLoop loop, Consumer<List<T>> sink) {
        this.loop = loop;
        this.sink = sink;
    }

    /**
     * Queues {@code item} of {@code bytes} (0 for a control event) at {@code bitsPerSecond} and
     * {@code delayNanos}; an item due at once goes to the sink before this returns.
     */
    void offer(T item, int bytes, long bitsPerSecond, long delayNanos) {
        long at = schedule.arrival(System.nanoTime(), bytes, bitsPerSecond, delayNanos);
        items.add(new Timed<>(at, item, bytes));
        pendingBytes += bytes;
        release();
    }

    void hold(boolean hold) {
        held = hold;
        release();
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** Bytes queued, on the air or not. */
    long pendingBytes() {
        return pendingBytes;
    }

    /** Bytes the serializer has not sent yet. */
    long backlogBytes(long bitsPerSecond) {
        return schedule.backlogBytes(System.nanoTime(), bitsPerSecond);
    }

    /** Nanoseconds from now until the backlog has fallen to {@code bytes}. */
    long nanosUntilBacklog(long bytes, long bitsPerSecond) {
        return schedule.backlogFallsTo(bytes, bitsPerSecond) - System.nanoTime();
    }

    /** Drops everything (the link is gone). */
    void clear() {
        items.clear();
        pendingBytes = 0;
        cancel();
    }

    private void release() {
        if (held) {
            cancel();
            return;
        }
        long now = System.nanoTime();
        List<T> due = null;
        while (!items.isEmpty() && items.peek().at() <= now) {
            Timed<T> t = items.poll();
            pendingBytes -= t.bytes();
            if (due == null) {
                due = new ArrayList<>();
            }
            due.add(t.item());
        }
        arm(now);
        if (due != null) {
            sink.accept(due);
        }
    }

    private void arm(long now) {
        if (timer != null || items.isEmpty()) {
            return;
        }
        // Arrivals are in order, so the head is the earliest; a timer firing early re-arms.
        timer = loop.schedule(() -> {
            timer = null;
            release();
        }, Math.max(0, items.peek().at() - now), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
