package dev.sim800emu.bench;

import java.io.IOException;
import java.util.Arrays;

/**
 * Times request/reply round trips one at a time from one client thread, {@link System#nanoTime()}
 * around each: the whole latency distribution, not only a mean, since a firmware's timeouts are set
 * from the worst case.
 */
final class RoundTrip {

    /** A host's side of a serial line. */
    interface Line extends AutoCloseable {
        void write(byte[] bytes) throws IOException;

        /** Reads exactly the expected bytes and fails if they differ. */
        void expect(byte[] expected) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Percentiles of one run, in microseconds. */
    record Stats(double p50, double p99, double p999, double max, double mean) {
        static final String HEADER = "p50\tp99\tp99.9\tmax\tmean";

        String tsv() {
            return String.format(java.util.Locale.ROOT, "%.2f\t%.2f\t%.2f\t%.2f\t%.2f", p50, p99, p999, max, mean);
        }

        /** The median of each figure over several runs. */
        static Stats median(java.util.List<Stats> runs) {
            return new Stats(mid(runs, Stats::p50), mid(runs, Stats::p99), mid(runs, Stats::p999),
                    mid(runs, Stats::max), mid(runs, Stats::mean));
        }

        private static double mid(java.util.List<Stats> runs, java.util.function.ToDoubleFunction<Stats> f) {
            double[] v = runs.stream().mapToDouble(f).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    private RoundTrip() {
    }

    /** {@code rounds} round trips of {@code request} → {@code reply}; the percentiles of their times. */
    static Stats measure(Line line, byte[] request, byte[] reply, int rounds) throws IOException {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            line.write(request);
            line.expect(reply);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        long sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return new Stats(at(nanos, 0.50), at(nanos, 0.99), at(nanos, 0.999), nanos[rounds - 1] / 1e3,
                sum / 1e3 / rounds);
    }

    /** The nearest-rank percentile, in microseconds. */
    private static double at(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e3;
    }
}
