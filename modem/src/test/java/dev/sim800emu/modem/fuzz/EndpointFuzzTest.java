package dev.sim800emu.modem.fuzz;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the TCP serial endpoint over real loopback sockets (see {@link EndpointFuzz}); the long
 * version is {@code FuzzLongTest} (Maven profile {@code long}). The seed is printed, and can be set
 * with {@code -Dsim800emu.fuzz.seed=…}.
 */
class EndpointFuzzTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void hostsTypingGarbageNeverWedgeTheLine() throws Exception {
        long seed = Long.getLong("sim800emu.fuzz.seed", System.nanoTime());
        Random r = new Random(seed);
        long started = System.nanoTime();
        try (EndpointFuzz f = new EndpointFuzz()) {
            try {
                for (int run = 0; run < 6; run++) {
                    f.run(r, 2_000, run % 2 == 1);
                }
                f.finish();
            } finally {
                System.out.printf("endpoint fuzz: seed %d, %d hosts, %d inputs, %d bytes, %.1f s%n", seed, f.hosts,
                        f.inputs, f.bytes, (System.nanoTime() - started) / 1e9);
            }
        } catch (Throwable t) {
            throw new AssertionError("endpoint fuzz failed with seed " + seed + ": " + t.getMessage(), t);
        }
    }
}
