package dev.sim800emu.modem.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One look at the soaking JVM: heap in use right after a full GC (and how long that GC took), open
 * file descriptors, live threads, and the round trips of the exchanges finished since the previous
 * sample ({@code window} timed, {@code leftOut} overlapping the previous sample's GC).
 */
record Sample(double seconds, long heapBytes, double gcMillis, long fds, int threads, long exchanges, int window,
              int leftOut, double p50Millis, double p99Millis, long modemLinks) {
    private static final Path FDS = Path.of("/proc/self/fd");

    static Sample take(double seconds, SoakFleet fleet) {
        // A forced GC, so that the figure is what stays alive rather than how far garbage piled up.
        long gcStart = System.nanoTime();
        fleet.latencies.pauseBegins(gcStart);
        System.gc();
        long gcEnd = System.nanoTime();
        fleet.latencies.pauseEnds(gcEnd);
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Latencies.Window rtt = fleet.latencies.drain();
        return new Sample(seconds, heap, (gcEnd - gcStart) / 1e6, openFds(),
                ManagementFactory.getThreadMXBean().getThreadCount(), fleet.exchanges(), rtt.sorted().length,
                rtt.overlapped(), rtt.quantileMillis(0.50), rtt.quantileMillis(0.99), fleet.modemLinks());
    }

    /** Open file descriptors of this process, or -1 where there is no /proc. */
    static long openFds() {
        if (!Files.isDirectory(FDS)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(FDS)) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    static String header() {
        return "| t (s) | heap after GC (MiB) | GC (ms) | open fds | threads | exchanges | timed | left out | "
                + "p50 (ms) | p99 (ms) | links |";
    }

    /** A row of the Markdown table docs/reliability.md shows. */
    String row() {
        return String.format("| %.0f | %.1f | %.0f | %d | %d | %,d | %,d | %d | %.2f | %.2f | %d |", seconds,
                heapBytes / 1048576.0, gcMillis, fds, threads, exchanges, window, leftOut, p50Millis, p99Millis,
                modemLinks);
    }

    static String tsvHeader() {
        return "seconds\theapBytes\tgcMillis\tfds\tthreads\texchanges\ttimed\tleftOut\tp50Millis\tp99Millis\tlinks";
    }

    String tsv() {
        return String.format("%.1f\t%d\t%.1f\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%d", seconds, heapBytes, gcMillis, fds,
                threads, exchanges, window, leftOut, p50Millis, p99Millis, modemLinks);
    }
}
