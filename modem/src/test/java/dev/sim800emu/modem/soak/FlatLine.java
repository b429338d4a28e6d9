package dev.sim800emu.modem.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The soak's verdict: the last third of the samples against the first third. The margins are wide
 * enough for a busy 2-core machine (medians for heap and latency, so one slow sample decides
 * nothing) and narrow enough that a leak of a file descriptor or a thread per modem, a kilobyte per
 * exchange over the long run, or round trips that keep growing fail it.
 */
final class FlatLine {
    static final long HEAP_SLACK_BYTES = 8L << 20;
    static final double HEAP_FACTOR = 1.10;
    static final long FD_SLACK = 8;
    static final long THREAD_SLACK = 8;
    static final double P99_FACTOR = 4;
    static final double P99_SLACK_MILLIS = 250;

    private FlatLine() {
    }

    /**
     * @param baseline how many of the first samples make the latency baseline (the first minute)
     */
    static void check(List<Sample> samples, int baseline) {
        int third = Math.max(1, samples.size() / 3);
        List<Sample> first = samples.subList(0, third);
        List<Sample> last = samples.subList(samples.size() - third, samples.size());

        double heapFirst = median(first, Sample::heapBytes);
        assertThat(median(last, Sample::heapBytes)).as("median heap after GC, last third vs first third (%.1f MiB)",
                heapFirst / 1048576).isLessThanOrEqualTo(heapFirst * HEAP_FACTOR + HEAP_SLACK_BYTES);
        if (first.get(0).fds() >= 0) {
            assertThat(max(last, Sample::fds)).as("open file descriptors, last third vs first third")
                    .isLessThanOrEqualTo(max(first, Sample::fds) + FD_SLACK);
        }
        assertThat(max(last, Sample::threads)).as("threads, last third vs first third")
                .isLessThanOrEqualTo(max(first, Sample::threads) + THREAD_SLACK);
        double p99First = median(samples.subList(0, Math.max(1, Math.min(baseline, third))), Sample::p99Millis);
        assertThat(median(last, Sample::p99Millis)).as("median p99 round trip (ms), last third vs the first minute (%.2f)",
                p99First).isLessThanOrEqualTo(p99First * P99_FACTOR + P99_SLACK_MILLIS);
    }

    static double median(List<Sample> samples, ToDoubleFunction<Sample> f) {
        double[] v = samples.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double max(List<Sample> samples, ToDoubleFunction<Sample> f) {
        return Arrays.stream(samples.stream().mapToDouble(f).toArray()).max().orElse(Double.NaN);
    }
}
