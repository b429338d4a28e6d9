package dev.sim800emu.modem.adversary;

/**
 * How hard the timing adversary pushes: its seed and the upper bounds of every delay it may pick.
 * Each bound stays inside what a real SIM800 does (its results take milliseconds to seconds, its
 * boot about three seconds, its UART output comes in bursts), so a driver that fails under these
 * timings would fail on a board too — only less often.
 *
 * @param seed the seed of every random choice; the same seed gives the same choices
 * @param maxResultDelayMillis a line's final result comes up to this late
 * @param maxUrcHoldMillis a notice waits at most this long for the host's next command line
 * @param maxBootDelayMillis the boot URCs come up to this much later than the boot time
 * @param maxFragmentBytes output leaves in fragments of 1 to this many bytes
 * @param maxGapMillis with up to this long between fragments
 */
public record StressTiming(long seed, int maxResultDelayMillis, int maxUrcHoldMillis, int maxBootDelayMillis,
                           int maxFragmentBytes, int maxGapMillis) {

    /** The defaults of {@code --stress-timing}. */
    public static final int RESULT_DELAY = 300;
    public static final int URC_HOLD = 2000;
    public static final int BOOT_DELAY = 3000;
    public static final int FRAGMENT = 8;
    public static final int GAP = 3;

    public StressTiming {
        check(maxResultDelayMillis, 60_000, "result delay");
        check(maxUrcHoldMillis, 60_000, "URC hold");
        check(maxBootDelayMillis, 60_000, "boot delay");
        check(maxGapMillis, 1000, "fragment gap");
        if (maxFragmentBytes < 1 || maxFragmentBytes > 65_536) {
            throw new IllegalArgumentException("fragment size must be 1-65536 bytes, not " + maxFragmentBytes);
        }
    }

    /** The default bounds with {@code seed}. */
    public static StressTiming seeded(long seed) {
        return new StressTiming(seed, RESULT_DELAY, URC_HOLD, BOOT_DELAY, FRAGMENT, GAP);
    }

    /** The same bounds with another maximum result delay. */
    public StressTiming withMaxResultDelay(int millis) {
        return new StressTiming(seed, millis, maxUrcHoldMillis, maxBootDelayMillis, maxFragmentBytes, maxGapMillis);
    }

    private static void check(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0-" + max + " ms, not " + value);
        }
    }
}
