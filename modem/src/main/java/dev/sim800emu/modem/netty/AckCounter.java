package dev.sim800emu.modem.netty;

import com.sun.jna.LastErrorException;
import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * How much of what a TCP link sent the peer has acknowledged, because the modem's SEND OK promises
 * exactly that.
 *
 * <p>With {@code kernelAcks} the count comes from the kernel: bytes whose write completed (handed
 * to the socket) minus {@code ioctl(SIOCOUTQ)} (bytes in the send queue not yet acknowledged).
 * While the engine awaits acknowledgements ({@link #awaited}: a SEND OK, a transparent uplink
 * near its limit) the queue is polled in a task after completed writes, before every delivery of
 * received data (a reply usually carries the acknowledgement, and SEND OK must come before the
 * reply), and on a timer while something is unacknowledged: every 20 µs (a loopback or LAN peer
 * acknowledges within tens of microseconds, and SEND OK should not wait a millisecond for it),
 * eight times, then doubling up to 20 ms while nothing moves, so a slow peer costs few polls.
 * Otherwise (a quick send, a transparent stream well within its limit) only a timer polls, from
 * 1 ms on: the count stays fresh enough for AT+CIPACK, and a streaming link is not woken every
 * 20 µs for a number nobody waits on. The queue is always polled when the peer closes.
 * The result can only lag the truth, never lead it: bytes of a write still in progress are in the
 * queue but not yet counted as written. Without {@code kernelAcks} a completed write counts as
 * acknowledged.
 *
 * <p>A write often completes inside {@code writeAndFlush}, that is inside the engine's send; the
 * poll after it is therefore queued as a task, so that the engine is never called back from within
 * its own call.
 */
final class AckCounter {
    private static final long FIRST_POLL_MICROS = 20;
    /** The first poll's delay while nothing awaits the count. */
    private static final long IDLE_POLL_MICROS = 1_000;
    private static final long MAX_POLL_MICROS = 20_000;
    /** Polls at the first interval before backing off begins. */
    private static final int QUICK_POLLS = 8;

    private final Supplier<Channel> channel;
    private final boolean kernelAcks;
    /** Whether the link's events still reach the engine. */
    private final BooleanSupplier live;
    /** Where a higher count goes (on the loop, never inside the engine's own call). */
    private final LongConsumer acked;

    private long written;
    private long reported;
    private ScheduledFuture<?> poll;
    private boolean pollQueued;
    private long pollDelayMicros = FIRST_POLL_MICROS;
    private int quickPolls;
    /** Something in the engine waits on the count; links start awaited. */
    private boolean awaited = true;

    /** @param channel the link's channel (set once the connect has started) */
    AckCounter(Supplier<Channel> channel, boolean kernelAcks, BooleanSupplier live, LongConsumer acked) {
        this.channel = channel;
        this.kernelAcks = kernelAcks;
        this.live = live;
        this.acked = acked;
    }

    /** {@code length} more bytes were handed to the socket. */
    void written(int length) {
        written += length;
        if (awaited || !kernelAcks) {
            queuePoll();
        } else if (poll == null) {
            schedulePoll();
        }
    }

    /** Whether the engine waits on the count now. */
    boolean awaited() {
        return awaited;
    }

    void awaited(boolean awaited) {
        if (this.awaited == awaited) {
            return;
        }
        this.awaited = awaited;
        if (awaited) {
            // Waiting starts now: ask at once (in a task: never back into the engine's own call),
            // and poll quickly from here, not at the idle pace a running timer may have.
            pollDelayMicros = FIRST_POLL_MICROS;
            quickPolls = 0;
            stop();
            queuePoll();
        }
    }

    /** Asks the kernel now (received data, the peer's FIN). */
    void poll() {
        Channel ch = channel.get();
        if (reported >= written || !live.getAsBoolean() || !ch.isOpen()) {
            return;
        }
        if (!kernelAcks) {
            report(written);
            return;
        }
        long unacked;
        try {
            // Safe against descriptor reuse: the channel can only be closed on this thread.
            unacked = Libc.unacknowledged(((UnixChannel) ch).fd().intValue());
        } catch (LastErrorException e) {
            return;
        }
        report(written - unacked);
        if (reported < written && live.getAsBoolean() && poll == null) {
            schedulePoll();
        }
    }

    /** No more polls (the link is closing). */
    void stop() {
        if (poll != null) {
            poll.cancel(false);
            poll = null;
        }
    }

    private void queuePoll() {
        if (!pollQueued) {
            pollQueued = true;
            channel.get().eventLoop().execute(queuedPoll);
        }
    }

    /** The poll after a completed write, as a task: one object per link, not one per write. */
    private final Runnable queuedPoll = () -> {
        pollQueued = false;
        poll();
    };

    /** The timer's poll, likewise. */
    private final Runnable timedPoll = () -> {
        poll = null;
        poll();
    };

    private void schedulePoll() {
        long delay = awaited ? pollDelayMicros : Math.max(pollDelayMicros, IDLE_POLL_MICROS);
        poll = channel.get().eventLoop().schedule(timedPoll, delay, TimeUnit.MICROSECONDS);
        // A few quick polls first (fast peers answer within them), then back off.
        if (++quickPolls > QUICK_POLLS) {
            pollDelayMicros = Math.min(pollDelayMicros * 2, MAX_POLL_MICROS);
        }
    }

    private void report(long count) {
        if (count > reported && live.getAsBoolean()) {
            reported = count;
            pollDelayMicros = FIRST_POLL_MICROS;
            quickPolls = 0;
            acked.accept(count);
        }
    }
}
