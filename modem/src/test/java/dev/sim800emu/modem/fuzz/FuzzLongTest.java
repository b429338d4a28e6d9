package dev.sim800emu.modem.fuzz;

import java.util.Random;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The long fuzz runs, off in CI: {@code mvn -B -Plong -pl modem test -Dtest=FuzzLongTest}. The
 * profile sets {@code sim800emu.fuzz.long=true}; {@code sim800emu.fuzz.engineInputs} (default
 * 10,000,000), {@code sim800emu.fuzz.endpointInputs} (default 1,000,000) and
 * {@code sim800emu.fuzz.seed} tune it. Counts are printed as it goes and at the end.
 */
@EnabledIfSystemProperty(named = "sim800emu.fuzz.long", matches = "true")
class FuzzLongTest {

    @Test
    void engine() {
        long target = Long.getLong("sim800emu.fuzz.engineInputs", 10_000_000L);
        long seed = Long.getLong("sim800emu.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        long[] counts = new long[2]; // inputs, runs
        long started = System.nanoTime();
        JqwikSession.run(() -> {
            RandomGenerator<EngineFuzz.Script> scripts = EngineFuzz.scripts(200).generator(1_000);
            long lastReport = System.nanoTime();
            while (counts[0] < target) {
                long runSeed = random.nextLong();
                EngineFuzz.Script script = scripts.next(new Random(runSeed)).value();
                EngineFuzz f = new EngineFuzz(script);
                try {
                    f.run();
                    f.assertLive();
                } catch (Throwable t) {
                    throw new AssertionError("engine fuzz failed (seed " + seed + ", run seed " + runSeed + ") after "
                            + counts[0] + " inputs; script: " + script, t);
                }
                counts[0] += f.inputs;
                counts[1]++;
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("engine fuzz: %,d inputs in %,d runs, %.0f s%n", counts[0], counts[1],
                            (lastReport - started) / 1e9);
                }
            }
        });
        System.out.printf("engine fuzz done: seed %d, %,d inputs in %,d runs, %.0f s%n", seed, counts[0], counts[1],
                (System.nanoTime() - started) / 1e9);
    }

    @Test
    void endpoint() throws Exception {
        long target = Long.getLong("sim800emu.fuzz.endpointInputs", 1_000_000L);
        long seed = Long.getLong("sim800emu.fuzz.seed", System.nanoTime());
        Random r = new Random(seed);
        long started = System.nanoTime();
        long lastReport = started;
        try (EndpointFuzz f = new EndpointFuzz()) {
            try {
                for (int run = 0; f.inputs < target; run++) {
                    f.run(r, 2_000 + r.nextInt(8_000), run % 2 == 1);
                    if (System.nanoTime() - lastReport > 10_000_000_000L) {
                        lastReport = System.nanoTime();
                        System.out.printf("endpoint fuzz: %,d inputs, %,d hosts, %,d bytes, %.0f s%n", f.inputs,
                                f.hosts, f.bytes, (lastReport - started) / 1e9);
                    }
                }
                f.finish();
            } catch (Throwable t) {
                throw new AssertionError("endpoint fuzz failed (seed " + seed + ") after " + f.inputs + " inputs", t);
            } finally {
                System.out.printf("endpoint fuzz done: seed %d, %,d inputs, %,d hosts, %,d bytes, %.0f s%n", seed,
                        f.inputs, f.hosts, f.bytes, (System.nanoTime() - started) / 1e9);
            }
        }
    }
}
