package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.NetLink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What TCP and UDP links share: the channel, the listener, and the rule that decides whether an
 * event still reaches the engine. The link is also the channel's only handler, so every method runs
 * on the channel's event loop, which is the modem's.
 *
 * <p>Shaping and faults: while the network's {@link Shaping} is ideal, no queue exists and events go
 * straight to the listener, as they always did. Otherwise (or while a queue still holds something,
 * or the link is blackholed) events to the engine go through a {@link ShapedQueue} for the
 * downlink, and bytes to the peer through one for the uplink ({@link #toPeer}).
 */
abstract class ChannelLink extends ChannelInboundHandlerAdapter implements NetLink {
    /** Bytes a shaped downlink may hold in memory, whatever the rate (latency alone holds bytes too). */
    private static final long HELD_LIMIT = 1 << 20;

    /** A datagram, or a piece of a stream, on its way to the peer; {@code to} is null for TCP. */
    record Outgoing(byte[] data, InetSocketAddress to) {
    }

    protected final LinkListener listener;
    private final BooleanSupplier networkClosed;
    protected final Shaping shaping;
    protected Channel channel;
    /** The engine called {@link #close}: it wants no more events. */
    protected boolean closedByEngine;
    /** onConnectFailed or onClosed was delivered: nothing may follow it. */
    private boolean finished;
    /** A terminal event is on its way through the downlink: nothing may be queued after it. */
    private boolean ending;
    private ShapedQueue<LinkEvent> down;
    private ShapedQueue<Outgoing> up;
    private boolean blackholed;
    private boolean engineReading = true;
    private boolean downFull;
    private java.util.concurrent.ScheduledFuture<?> recheck;

    ChannelLink(LinkListener listener, BooleanSupplier networkClosed, Shaping shaping) {
        this.listener = listener;
        this.networkClosed = networkClosed;
        this.shaping = shaping;
    }

    /**
     * Takes the channel of a connect or bind that has just been started. The outcome listener is
     * added from a later task so that even a failure known at once (say, no file descriptors left)
     * reaches the engine after {@code open()} has returned, never inside it.
     */
    final void start(ChannelFuture opening) {
        channel = opening.channel();
        channel.eventLoop().execute(() -> opening.addListener(f -> {
            if (!f.isSuccess() && live()) {
                toEngine(new LinkEvent.Failed(describe(f.cause())), true);
            }
        }));
    }

    /** Whether the engine still wants events from this link. */
    protected final boolean live() {
        return !closedByEngine && !finished && !networkClosed.getAsBoolean();
    }

    /** Marks the terminal event as delivered (the caller delivers it right after). */
    protected void finish() {
        finished = true;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (live() && !secured()) {
            connected();
        }
        ctx.fireChannelActive();
    }

    /** The link is open for the engine (for TLS: after the handshake). */
    protected final void connected() {
        toEngine(new LinkEvent.Connected(), handshakes());
    }

    /** TLS on top: the link is open only when its handshake is done, not when TCP connects. */
    protected boolean secured() {
        return false;
    }

    /** Whether opening takes a round trip (TCP's handshake), which a shaped link makes felt. */
    protected abstract boolean handshakes();

    @Override
    public final void setReading(boolean reading) {
        engineReading = reading;
        applyReading();
    }

    private void applyReading() {
        channel.config().setAutoRead(engineReading && !blackholed && !downFull);
    }

    // ---------------------------------------------------------------- towards the engine

    /** Delivers {@code event} now on an ideal link, else after its trip down the shaped link. */
    protected final void toEngine(LinkEvent event) {
        toEngine(event, false);
    }

    /**
     * @param answer the event answers the modem's open: on TCP it waits a whole round trip (the
     *     handshake) rather than the downlink's half; a UDP socket opens at once
     */
    private void toEngine(LinkEvent event, boolean answer) {
        if (ending) {
            return;
        }
        long now = System.nanoTime();
        if ((down == null || down.isEmpty()) && !blackholed && !shaping.active(now)) {
            deliver(event);
            return;
        }
        if (event instanceof LinkEvent.Failed || event instanceof LinkEvent.Closed
                || event instanceof LinkEvent.TlsFailed) {
            ending = true;
        }
        if (event instanceof LinkEvent.Data d) {
            offerData(d, now);
            return;
        }
        long delay = !answer ? shaping.oneWayNanos(now) : handshakes() ? shaping.roundTripNanos(now) : 0;
        down().offer(event, 0, shaping.downRate(), delay);
    }

    /**
     * Bytes a stream read (the link is live; {@code buf} is released here). When nothing is shaped
     * or held ahead of them the buffer itself goes to the engine, which may pass it on to the host
     * unchanged; otherwise they queue as an array.
     */
    protected final void streamToEngine(ByteBuf buf, InetSocketAddress from) {
        if (!ending && (down == null || down.isEmpty()) && !blackholed && !shaping.active(System.nanoTime())) {
            BufPayload data = new BufPayload(buf);
            try {
                listener.onData(data, from);
            } finally {
                data.dispose();
            }
            return;
        }
        byte[] data = ByteBufUtil.getBytes(buf);
        buf.release();
        toEngine(new LinkEvent.Data(data, from));
    }

    private void offerData(LinkEvent.Data d, long now) {
        ShapedQueue<LinkEvent> q = down();
        long rate = shaping.downRate();
        byte[] data = d.data();
        // A datagram stays whole; a stream is cut so it reaches the engine evenly, not in bursts.
        int segment = handshakes() ? Shaping.segmentBytes(rate) : data.length;
        for (int off = 0; off < data.length; off += segment) {
            int n = Math.min(segment, data.length - off);
            byte[] piece = off == 0 && n == data.length ? data : Arrays.copyOfRange(data, off, off + n);
            q.offer(new LinkEvent.Data(piece, d.from()), n, rate, shaping.oneWayNanos(now));
        }
        checkDownlinkFull();
    }

    /**
     * Stops reading the socket while the downlink's backlog is over the queue limit, so the peer is
     * back-pressured as by a full GPRS queue; reading resumes when half of the limit has drained.
     */
    private void checkDownlinkFull() {
        if (down == null || !channel.isOpen()) {
            return;
        }
        long rate = shaping.downRate();
        long limit = shaping.queueBytes();
        boolean full = down.backlogBytes(rate) > (downFull ? limit / 2 : limit) || down.pendingBytes() > HELD_LIMIT;
        if (full != downFull) {
            downFull = full;
            applyReading();
        }
        if (full && rate > 0 && recheck == null) {
            long wait = Math.max(1_000_000, down.nanosUntilBacklog(limit / 2, rate));
            recheck = channel.eventLoop().schedule(() -> {
                recheck = null;
                checkDownlinkFull();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    private ShapedQueue<LinkEvent> down() {
        if (down == null) {
            down = new ShapedQueue<>(channel.eventLoop(), this::deliverAll);
        }
        return down;
    }

    private void deliverAll(List<LinkEvent> events) {
        // Adjacent pieces of a stream become one delivery, as one socket read would have been.
        LinkEvent.Data pending = null;
        for (LinkEvent e : events) {
            if (e instanceof LinkEvent.Data d && handshakes()) {
                pending = pending == null ? d : new LinkEvent.Data(concat(pending.data(), d.data()), d.from());
                continue;
            }
            if (pending != null) {
                deliver(pending);
                pending = null;
            }
            deliver(e);
        }
        if (pending != null) {
            deliver(pending);
        }
        if (downFull) {
            checkDownlinkFull();
        }
    }

    private void deliver(LinkEvent event) {
        if (!live()) {
            return;
        }
        if (event instanceof LinkEvent.Data d) {
            listener.onData(d.data(), d.from());
        } else if (event instanceof LinkEvent.Acked a) {
            listener.onAcked(a.total());
        } else if (event instanceof LinkEvent.Connected) {
            listener.onConnected();
        } else if (event instanceof LinkEvent.Secured) {
            listener.onSecured();
        } else if (event instanceof LinkEvent.Failed f) {
            finish();
            listener.onConnectFailed(f.reason());
        } else if (event instanceof LinkEvent.TlsFailed t) {
            finish();
            listener.onTlsFailed(t.alert(), t.reason());
        } else if (event instanceof LinkEvent.Closed c) {
            finish();
            listener.onClosed(c.reason());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ---------------------------------------------------------------- towards the peer

    /** Whether bytes to the peer must take the shaped uplink rather than go straight to the socket. */
    protected final boolean uplinkShaped() {
        return up != null && !up.isEmpty() || blackholed || shaping.active(System.nanoTime());
    }

    /** Bytes the uplink has not sent yet, for a queue limit. */
    protected final long uplinkBacklog() {
        return up == null ? 0 : up.backlogBytes(shaping.upRate());
    }

    /** Queues bytes for the peer on the shaped uplink; they reach {@link #write} at their time. */
    protected final void toPeer(Outgoing out, int segment) {
        ShapedQueue<Outgoing> q = up == null ? up = new ShapedQueue<>(channel.eventLoop(), this::write) : up;
        long now = System.nanoTime();
        byte[] data = out.data();
        if (data == null || data.length <= segment) {
            q.offer(out, data == null ? 0 : data.length, shaping.upRate(), shaping.oneWayNanos(now));
            return;
        }
        for (int off = 0; off < data.length; off += segment) {
            int n = Math.min(segment, data.length - off);
            q.offer(new Outgoing(Arrays.copyOfRange(data, off, off + n), out.to()), n, shaping.upRate(),
                    shaping.oneWayNanos(now));
        }
    }

    /** Writes what the shaped uplink releases, in order. */
    protected abstract void write(List<Outgoing> due);

    /** Drops whatever the shaped queues hold (the link is closing at once). */
    protected final void dropQueued() {
        if (up != null) {
            up.clear();
        }
        if (down != null) {
            down.clear();
        }
    }

    // ---------------------------------------------------------------- faults

    @Override
    public void fault(LinkFault fault) {
        switch (fault) {
            case RESET -> {
                // A reset discards what either side still had in flight, blackholed or not.
                dropQueued();
                blackhole(false);
                resetByFault();
            }
            case BLACKHOLE -> blackhole(true);
            case RESTORE -> blackhole(false);
        }
    }

    /** The peer resets the link: closed at once, reported as a peer's reset is. */
    protected abstract void resetByFault();

    private void blackhole(boolean on) {
        if (blackholed == on || closedByEngine) {
            return;
        }
        blackholed = on;
        if (on) {
            if (up == null) {
                up = new ShapedQueue<>(channel.eventLoop(), this::write);
            }
            down();
        }
        // Letting go releases everything that came due meanwhile, uplink first.
        up.hold(on);
        down.hold(on);
        applyReading();
    }

    protected final boolean blackholed() {
        return blackholed;
    }

    /** A one-line reason for logs and for the listener. */
    static String describe(Throwable t) {
        if (t instanceof ConnectTimeoutException) {
            return "connect timed out";
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
