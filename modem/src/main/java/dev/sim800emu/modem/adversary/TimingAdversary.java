package dev.sim800emu.modem.adversary;

import java.util.SplittableRandom;

/**
 * Picks the worst legal timing, from a seeded {@link SplittableRandom} (well mixed even for seeds 1, 2, 3 …): how late a final result comes, how
 * late the boot URCs come, how output is cut into fragments and how long the gaps between them
 * are. It reads no clock and holds no timer — whoever asks turns its answers into timers — so the
 * same seed and the same questions give the same answers.
 *
 * <p>The engine and the serial line ask separate adversaries (see {@link #forLine}), so cutting
 * output into fragments never changes the engine's choices.
 */
public final class TimingAdversary {
    /** Mixed into the seed of the serial line's adversary. */
    private static final long LINE_SALT = 0x5DEECE66DL;

    private final StressTiming limits;
    private final SplittableRandom random;

    public TimingAdversary(StressTiming limits) {
        this(limits, limits.seed());
    }

    private TimingAdversary(StressTiming limits, long seed) {
        this.limits = limits;
        this.random = new SplittableRandom(seed);
    }

    /** The adversary of the serial line's output: same bounds, its own sequence. */
    public static TimingAdversary forLine(StressTiming limits) {
        return new TimingAdversary(limits, limits.seed() ^ LINE_SALT);
    }

    public StressTiming limits() {
        return limits;
    }

    /**
     * How long a line's final result waits: most often long (the upper half of the range, where a
     * host that does not wait is caught), sometimes not at all (where a host that assumes a delay
     * is caught).
     */
    public long resultDelay() {
        int max = limits.maxResultDelayMillis();
        if (max == 0 || random.nextInt(8) == 0) {
            return 0;
        }
        return max / 2 + random.nextInt(max - max / 2 + 1);
    }

    /** How long a notice may wait for the host's next command line before it goes out anyway. */
    public long urcHold() {
        return limits.maxUrcHoldMillis();
    }

    /** How much later than the configured boot time the boot URCs come. */
    public long bootDelay() {
        int max = limits.maxBootDelayMillis();
        return max == 0 ? 0 : random.nextInt(max + 1);
    }

    /** The size of the next output fragment, 1 to {@code available} bytes. */
    public int fragment(int available) {
        return 1 + random.nextInt(Math.min(available, limits.maxFragmentBytes()));
    }

    /** The gap before the next fragment, 0 to the maximum. */
    public long gap() {
        int max = limits.maxGapMillis();
        return max == 0 ? 0 : random.nextInt(max + 1);
    }
}
