package dev.sim800emu.modem.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 modems in one JVM on two shared event loops, each with a host on its own TCP serial
 * endpoint and a live TCP link to an echo server, each exchanging 16 bytes every 5 s (CIPSEND, SEND
 * OK, the echo pushed back). Every few seconds the test samples heap after GC, open file
 * descriptors, threads and the round trips' p50/p99, prints the series (and writes it to
 * {@code target/soak/samples.tsv}), and {@link FlatLine} asserts that they stay flat.
 *
 * <p>A minute in CI. The Maven profile {@code long} runs 30 minutes ({@code sim800emu.soak.seconds=1800},
 * a sample every 30 s); {@code sim800emu.soak.modems}, {@code .periodMillis}, {@code .sampleSeconds},
 * {@code .loops} and {@code .seed} tune it.
 */
class SoakTest {
    private static final int MODEMS = Integer.getInteger("sim800emu.soak.modems", 1000);
    private static final long SECONDS = Long.getLong("sim800emu.soak.seconds", 60);
    private static final long PERIOD_MILLIS = Long.getLong("sim800emu.soak.periodMillis", 5000);
    private static final long SAMPLE_SECONDS = Long.getLong("sim800emu.soak.sampleSeconds", SECONDS >= 600 ? 30 : 5);
    private static final int LOOPS = Integer.getInteger("sim800emu.soak.loops", 2);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // CI's backstop; the long profile turns timeouts off
    void thousandModemsStayFlat() throws Exception {
        long seed = Long.getLong("sim800emu.soak.seed", System.nanoTime());
        System.out.printf("soak: %d modems on %d loops, an exchange every %d ms each, %d s, a sample every %d s, seed %d%n",
                MODEMS, LOOPS, PERIOD_MILLIS, SECONDS, SAMPLE_SECONDS, seed);
        try (SoakFleet fleet = new SoakFleet(LOOPS)) {
            long setup = System.nanoTime();
            fleet.start(MODEMS, 2, Duration.ofMinutes(3));
            System.out.printf("soak: %d modems up with their links in %.1f s%n", MODEMS, (System.nanoTime() - setup) / 1e9);
            assertThat(fleet.modemLinks()).as("modem link sockets").isEqualTo(MODEMS);
            assertThat(fleet.echoLinks()).as("echo server connections").isEqualTo(MODEMS);

            fleet.startExchanges(Duration.ofMillis(PERIOD_MILLIS), new Random(seed));
            fleet.latencies.drain();
            List<Sample> samples = new ArrayList<>();
            long started = System.nanoTime();
            System.out.println(Sample.header());
            for (long k = 1; k * SAMPLE_SECONDS <= SECONDS; k++) {
                long due = started + TimeUnit.SECONDS.toNanos(k * SAMPLE_SECONDS);
                TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
                Sample s = Sample.take((System.nanoTime() - started) / 1e9, fleet);
                samples.add(s);
                System.out.println(s.row());
                assertThat(fleet.failures(5)).as("hosts that failed").isEmpty();
                assertThat(s.window()).as("exchanges finished in the window up to %.0f s", s.seconds()).isPositive();
                assertThat(s.modemLinks()).as("modem links at %.0f s", s.seconds()).isEqualTo(MODEMS);
            }
            long expected = MODEMS * (SECONDS * 1000 / PERIOD_MILLIS - 1);
            System.out.printf("soak: %,d exchanges in %d s (%,d ticks found the previous exchange still running)%n",
                    fleet.exchanges(), SECONDS, fleet.busyTicks());
            write(samples, seed);
            assertThat(fleet.exchanges()).as("exchanges done").isGreaterThanOrEqualTo(expected * 9 / 10);
            FlatLine.check(samples, (int) Math.max(1, 60 / SAMPLE_SECONDS));

            fleet.disconnectHosts();
            awaitZero(fleet::modemLinks, "modem link sockets after every host left");
            awaitZero(() -> fleet.echoLinks(), "echo server connections after every host left");
            assertThat(fleet.internalErrors()).as("engine internal errors").isZero();
        }
    }

    private static void awaitZero(java.util.function.LongSupplier value, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (value.getAsLong() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(value.getAsLong()).as(what).isZero();
    }

    private static void write(List<Sample> samples, long seed) throws IOException {
        Path dir = Path.of("target", "soak");
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add("# " + Instant.now() + " modems=" + MODEMS + " loops=" + LOOPS + " periodMillis=" + PERIOD_MILLIS
                + " seconds=" + SECONDS + " seed=" + seed);
        lines.add(Sample.tsvHeader());
        samples.forEach(s -> lines.add(s.tsv()));
        Files.write(dir.resolve("samples.tsv"), lines);
    }
}
