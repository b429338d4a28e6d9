package dev.sim800emu.modem;

import dev.sim800emu.modem.time.ModemClock;
import java.util.function.Consumer;

/**
 * The modem's clock as its own rooms and the TCP/IP stack see it: every scheduled task runs as an
 * entry point of the engine, so a timer that frees input (a command finishing, a guard time
 * passing) settles the modem like any other event.
 */
final class EntryClock implements ModemClock {
    private final ModemClock clock;
    private final Consumer<Runnable> entry;

    EntryClock(ModemClock clock, Consumer<Runnable> entry) {
        this.clock = clock;
        this.entry = entry;
    }

    @Override
    public long nowMillis() {
        return clock.nowMillis();
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        return clock.schedule(delayMillis, () -> entry.accept(task));
    }
}
