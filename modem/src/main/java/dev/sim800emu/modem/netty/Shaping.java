package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.LinkConditions;
import java.util.Random;

/**
 * The conditions every link of one modem is under, read by the links each time they move a packet,
 * so a change applies to open links at once. Lives on the modem's event loop (no locks).
 *
 * <p>Netty's {@code ChannelTrafficShapingHandler} is not used: it checks rates over coarse intervals
 * (bursts, then pauses, which a ±3 % rate and a millisecond latency cannot come from) and has no
 * notion of latency, jitter or loss. The links instead compute each packet's release from a
 * {@link dev.sim800emu.modem.net.PacketSchedule} and set one timer per direction.
 */
final class Shaping {
    /** Shaped links hand the engine bytes at most this far apart: 20 ms of data at the rate. */
    private static final long SEGMENT_NANOS = 20_000_000;
    private static final int MIN_SEGMENT = 64;
    private static final int MAX_SEGMENT = 1460;
    /** The queue limit when the conditions name none. */
    static final int DEFAULT_QUEUE = 64 * 1024;
    /** Fixed seeds: the same conditions and traffic lose the same datagrams on every run. */
    private static final long LOSS_SEED = 0x51_800L;
    private static final long JITTER_SEED = 0x51_801L;

    private LinkConditions conditions = LinkConditions.IDEAL;
    private long spikeNanos;
    private long spikeUntil;
    private Random loss = new Random(LOSS_SEED);
    private Random jitter = new Random(JITTER_SEED);

    LinkConditions conditions() {
        return conditions;
    }

    void conditions(LinkConditions c) {
        conditions = c;
    }

    void spike(int extraMillis, long forMillis, long now) {
        spikeNanos = Math.max(0, extraMillis) * 1_000_000L;
        spikeUntil = now + Math.max(0, forMillis) * 1_000_000L;
    }

    /** Restarts the random sequences, for reproducible runs (tests). */
    void seed(long seed) {
        loss = new Random(seed);
        jitter = new Random(seed + 1);
    }

    /** Whether links must take the shaped path; false keeps the ideal path free of any shaping work. */
    boolean active(long now) {
        return !conditions.ideal() || now < spikeUntil;
    }

    long downRate() {
        return conditions.downBitsPerSecond();
    }

    long upRate() {
        return conditions.upBitsPerSecond();
    }

    int queueBytes() {
        return conditions.queueBytes() > 0 ? conditions.queueBytes() : DEFAULT_QUEUE;
    }

    /** A round trip drawn now: the configured one, a spike, and jitter spread evenly within ±jitter. */
    long roundTripNanos(long now) {
        long rtt = conditions.latencyMillis() * 1_000_000L + (now < spikeUntil ? spikeNanos : 0);
        int j = conditions.jitterMillis();
        if (j > 0) {
            rtt += (long) ((jitter.nextDouble() * 2 - 1) * j * 1_000_000L);
        }
        return Math.max(0, rtt);
    }

    /** One way: half a round trip, so that up plus down make the configured round trip. */
    long oneWayNanos(long now) {
        return roundTripNanos(now) / 2;
    }

    /** Whether this datagram is lost (UDP only; TCP would retransmit, which shows as delay). */
    boolean lose() {
        double p = conditions.lossPercent();
        return p > 0 && loss.nextDouble() * 100 < p;
    }

    /** How finely a stream is cut at {@code bitsPerSecond}: 20 ms of data, 64 to 1460 bytes. */
    static int segmentBytes(long bitsPerSecond) {
        if (bitsPerSecond <= 0) {
            return Integer.MAX_VALUE;
        }
        long bytes = bitsPerSecond / 8 * SEGMENT_NANOS / 1_000_000_000L;
        return (int) Math.max(MIN_SEGMENT, Math.min(MAX_SEGMENT, bytes));
    }
}
