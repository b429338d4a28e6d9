package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.time.ModemClock;
import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The production clock: time and timers of the modem's Netty event loop. */
public final class EventLoopClock implements ModemClock {
    private final EventLoop loop;
    private final long origin = System.nanoTime();

    public EventLoopClock(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - origin);
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }
}
