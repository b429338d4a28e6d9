package dev.sim800emu.modem.testing;

import dev.sim800emu.modem.time.ModemClock;
import java.util.PriorityQueue;

/** A clock that moves only when a test says so; due timers run in deadline order. */
public final class ManualClock implements ModemClock {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long now;
    private long seq;

    private final class Task implements Comparable<Task>, Timer {
        final long due;
        final long order = seq++;
        final Runnable action;
        boolean cancelled;

        Task(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        Task t = new Task(now + Math.max(0, delayMillis), task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward, running every timer that falls due on the way. */
    public void advance(long millis) {
        long target = now + millis;
        while (!tasks.isEmpty() && tasks.peek().due <= target) {
            Task t = tasks.poll();
            now = Math.max(now, t.due);
            if (!t.cancelled) {
                t.action.run();
            }
        }
        now = target;
    }

    /** Number of timers still pending (not cancelled). */
    public long pendingTimers() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
