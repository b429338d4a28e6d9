package dev.sim800emu.modem.fuzz;

import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the engine on the manual clock (framer, parser, command mode, CIPSEND payloads, CIPRXGET,
 * transparent data mode, sleep, server), with a liveness check after every run: see
 * {@link EngineFuzz}. The long version is {@code EngineFuzzLongTest} (Maven profile {@code long}).
 */
class EngineFuzzTest {
    static final AtomicLong INPUTS = new AtomicLong();
    static final AtomicLong RUNS = new AtomicLong();

    @Property(tries = 1_100, edgeCases = net.jqwik.api.EdgeCasesMode.FIRST)
    void everyRunEndsLive(@ForAll("scripts") EngineFuzz.Script script) {
        EngineFuzz f = new EngineFuzz(script);
        try {
            f.run();
            f.assertLive();
        } finally {
            INPUTS.addAndGet(f.inputs);
            RUNS.incrementAndGet();
        }
    }

    @Provide
    Arbitrary<EngineFuzz.Script> scripts() {
        return EngineFuzz.scripts(200);
    }

    @AfterContainer
    static void report() {
        System.out.println("engine fuzz: " + RUNS.get() + " runs, " + INPUTS.get() + " inputs");
    }
}
