package dev.sim800emu.modem.time;

/**
 * The engine's only view of time: a monotonic "now" and one-shot timers.
 *
 * <p>The engine never reads the system clock and never sleeps. In production the modem's Netty
 * event loop implements this; in tests a manual clock does, so timing rules (boot delay, CIPATS,
 * connect timeouts) are checked without waiting.
 */
public interface ModemClock {

    /** Monotonic milliseconds; only differences are meaningful. */
    long nowMillis();

    /** Runs {@code task} on the modem's thread after {@code delayMillis}. */
    Timer schedule(long delayMillis, Runnable task);

    /** A scheduled task that can be cancelled; cancelling a fired or cancelled timer is harmless. */
    interface Timer {
        void cancel();
    }
}
