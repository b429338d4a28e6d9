package dev.sim800emu.modem.net;

/**
 * The timetable of one direction of a shaped link: a serializer that puts bytes on the air at a
 * rate, then a propagation delay. Each packet's arrival is computed from this virtual schedule
 * (it starts when the serializer is free, lasts {@code bytes * 8 / rate}), never from when a timer
 * happened to fire, so late timers do not add up to a lower rate. Arrivals never overtake one
 * another: jitter may stretch a gap but cannot reorder bytes.
 *
 * <p>Times are nanoseconds on whatever monotonic scale the caller uses; the class reads no clock,
 * so the arithmetic is tested without sockets.
 */
public final class PacketSchedule {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private long serializerFreeAt = Long.MIN_VALUE;
    private long lastArrival = Long.MIN_VALUE;

    /**
     * When {@code bytes} offered at {@code now} reach the far end, at {@code bitsPerSecond} (0:
     * unlimited) and {@code delayNanos} of propagation. A packet of 0 bytes (a control event: an
     * acknowledgement, a close) does not wait for the serializer, only for the packets before it.
     */
    public long arrival(long now, long bytes, long bitsPerSecond, long delayNanos) {
        long departs = now;
        if (bytes > 0) {
            departs = Math.max(now, serializerFreeAt) + transmitNanos(bytes, bitsPerSecond);
            serializerFreeAt = departs;
        }
        long at = Math.max(departs + Math.max(0, delayNanos), lastArrival);
        lastArrival = at;
        return at;
    }

    /** Bytes offered but not yet sent by the serializer at {@code now} (what a queue limit bounds). */
    public long backlogBytes(long now, long bitsPerSecond) {
        if (bitsPerSecond <= 0 || serializerFreeAt <= now) {
            return 0;
        }
        long nanos = serializerFreeAt - now;
        // nanos * rate overflows past ~9e18; split the multiplication.
        return nanos / NANOS_PER_SECOND * bitsPerSecond / 8
                + nanos % NANOS_PER_SECOND * bitsPerSecond / 8 / NANOS_PER_SECOND;
    }

    /** The moment the backlog will have fallen to {@code bytes}, if nothing more is offered. */
    public long backlogFallsTo(long bytes, long bitsPerSecond) {
        return serializerFreeAt - transmitNanos(bytes, bitsPerSecond);
    }

    /** How long {@code bytes} take to serialize at {@code bitsPerSecond}; 0 when unlimited. */
    public static long transmitNanos(long bytes, long bitsPerSecond) {
        if (bitsPerSecond <= 0 || bytes <= 0) {
            return 0;
        }
        long bits = bytes * 8;
        return bits / bitsPerSecond * NANOS_PER_SECOND + bits % bitsPerSecond * NANOS_PER_SECOND / bitsPerSecond;
    }
}
