package dev.sim800emu.modem.soak;

import java.util.Arrays;

/**
 * Round-trip times of the exchanges finished since the last {@link #drain()}; thread-safe.
 *
 * <p>The sampler's own forced GC stops every thread for tens of milliseconds, which would make
 * the p99 a measure of that GC. Exchanges that overlap the latest such pause ({@link #pauseBegins},
 * {@link #pauseEnds}) are therefore counted apart instead of timed.
 */
final class Latencies {
    private long[] nanos = new long[4096];
    private int count;
    private int overlapped;
    private long pauseStart = Long.MAX_VALUE;
    private long pauseEnd = Long.MAX_VALUE;

    synchronized void add(long startNanos, long endNanos) {
        if (startNanos < pauseEnd && endNanos > pauseStart) {
            overlapped++;
            return;
        }
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = endNanos - startNanos;
    }

    synchronized void pauseBegins(long at) {
        pauseStart = at;
        pauseEnd = Long.MAX_VALUE;
    }

    synchronized void pauseEnds(long at) {
        pauseEnd = at;
    }

    /** The round trips since the last drain, sorted, and how many were left out for a pause. */
    synchronized Window drain() {
        Window w = new Window(Arrays.copyOf(nanos, count), overlapped);
        count = 0;
        overlapped = 0;
        Arrays.sort(w.sorted);
        return w;
    }

    record Window(long[] sorted, int overlapped) {
        /** The {@code q}-quantile (0..1) in milliseconds, NaN for none. */
        double quantileMillis(double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }
}
