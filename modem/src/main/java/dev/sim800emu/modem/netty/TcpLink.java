package dev.sim800emu.modem.netty;

import com.sun.jna.LastErrorException;
import dev.sim800emu.modem.net.LinkListener;
import java.util.List;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.unix.UnixChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One TCP connection. Besides relaying data it measures how much of what was sent the peer has
 * acknowledged, because the modem's SEND OK promises exactly that.
 *
 * <p>With {@code kernelAcks} the count comes from the kernel: bytes whose write completed (handed
 * to the socket) minus {@code ioctl(SIOCOUTQ)} (bytes in the send queue not yet acknowledged).
 * While the engine awaits acknowledgements ({@link #acksAwaited}: a SEND OK, a transparent uplink
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
 * <p>A write often completes inside {@code writeAndFlush}, that is inside the engine's
 * {@link #send}; the poll after it is therefore queued as a task, so that the engine is never called
 * back from within its own call.
 */
final class TcpLink extends ChannelLink {
    private static final long FIRST_POLL_MICROS = 20;
    /** The first poll's delay while nothing awaits the count. */
    private static final long IDLE_POLL_MICROS = 1_000;
    private static final long MAX_POLL_MICROS = 20_000;
    /** A graceful close whose data cannot drain (peer not reading) turns into a reset after this. */
    private static final long DRAIN_TIMEOUT_MILLIS = 10_000;

    private final boolean kernelAcks;
    /** Why the channel is closing, when an exception closed it (a reset, for instance). */
    private String failure;
    private long written;
    private long reported;
    private ScheduledFuture<?> poll;
    private boolean pollQueued;
    private long pollDelayMicros = FIRST_POLL_MICROS;
    /** Polls at the first interval before backing off begins. */
    private static final int QUICK_POLLS = 8;
    private int quickPolls;
    /** Something in the engine waits on the count ({@link #acksAwaited}); links start awaited. */
    private boolean awaited = true;

    /** What a reset by the peer looks like to the listener (the kernel's words for ECONNRESET). */
    static final String PEER_RESET = "Connection reset by peer";

    /** A TLS handler sits below this one: the link opens when its handshake is done. */
    private final boolean tls;
    /** Makes the TLS handler {@link #startTls} puts below this one; null where TLS is not offered. */
    private java.util.function.Function<dev.sim800emu.modem.net.LinkRequest.Tls, io.netty.handler.ssl.SslHandler> upgrade;
    /** {@link #startTls} was called: the handshake's end secures an open link rather than opening it. */
    private boolean upgrading;

    TcpLink(LinkListener listener, BooleanSupplier networkClosed, boolean kernelAcks, Shaping shaping) {
        this(listener, networkClosed, kernelAcks, shaping, false);
    }

    TcpLink(LinkListener listener, BooleanSupplier networkClosed, boolean kernelAcks, Shaping shaping, boolean tls) {
        super(listener, networkClosed, shaping);
        this.kernelAcks = kernelAcks;
        this.tls = tls;
    }

    @Override
    protected boolean secured() {
        return tls;
    }

    /** Lets {@link #startTls} work, with handlers from {@code factory} (the network's TLS policy). */
    void upgradable(java.util.function.Function<dev.sim800emu.modem.net.LinkRequest.Tls, io.netty.handler.ssl.SslHandler> factory) {
        this.upgrade = factory;
    }

    /**
     * The TLS handler goes first in the pipeline, below this link; added to an active channel it
     * starts the client handshake at once. Everything the engine sent before has been written to
     * the channel already, so it stays in the clear, as the upgrade wants.
     */
    @Override
    public void startTls(dev.sim800emu.modem.net.LinkRequest.Tls secure) {
        if (upgrade == null) {
            throw new UnsupportedOperationException("no TLS on this link");
        }
        if (closedByEngine || upgrading || !channel.isActive()) {
            return;
        }
        upgrading = true;
        channel.pipeline().addFirst(upgrade.apply(secure));
    }

    // ---------------------------------------------------------------- engine → network

    @Override
    public void send(byte[] data) {
        send(data, 0, data.length);
    }

    /** Straight into the socket's buffer (one copy), unless the shaped uplink must hold the bytes. */
    @Override
    public void send(byte[] data, int off, int len) {
        if (closedByEngine) {
            return;
        }
        if (uplinkShaped()) {
            byte[] held = off == 0 && len == data.length ? data : java.util.Arrays.copyOfRange(data, off, off + len);
            toPeer(new Outgoing(held, null), Shaping.segmentBytes(shaping.upRate()));
            return;
        }
        writeNow(data, off, len);
    }

    /** The shaped uplink's release: adjacent pieces in one write; a piece without data is the FIN. */
    @Override
    protected void write(List<Outgoing> due) {
        java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        for (Outgoing out : due) {
            if (out.data() != null) {
                pending.writeBytes(out.data());
                continue;
            }
            if (pending.size() > 0) {
                writeNow(pending.toByteArray(), 0, pending.size());
                pending.reset();
            }
            closeGracefully();
        }
        if (pending.size() > 0) {
            byte[] all = pending.toByteArray();
            writeNow(all, 0, all.length);
        }
    }

    private void writeNow(byte[] data, int off, int length) {
        if (!channel.isOpen()) {
            return;
        }
        ByteBuf buf = channel.alloc().buffer(length).writeBytes(data, off, length);
        // A failed write needs no handling here: the channel is failing and will report onClosed.
        ChannelFuture f = channel.writeAndFlush(buf);
        if (f.isDone()) {
            // The usual case: the socket took it at once; no listener to allocate.
            writeCompleted(f, length);
        } else {
            f.addListener(done -> writeCompleted(done, length));
        }
    }

    private void writeCompleted(io.netty.util.concurrent.Future<?> f, int length) {
        if (f.isSuccess()) {
            written += length;
            if (awaited || !kernelAcks) {
                queuePoll();
            } else if (poll == null) {
                schedulePoll();
            }
        }
    }

    @Override
    public void close(boolean abort) {
        closedByEngine = true;
        stopPolling();
        if (abort || !channel.isActive() || blackholed()) {
            // Not connected yet: nothing to deliver, so the attempt ends now rather than lingering
            // (unowned, past a power off) until it connects or times out. A blackholed peer would
            // never take the rest, nor acknowledge a FIN.
            dropQueued();
            reset();
            return;
        }
        if (uplinkShaped()) {
            toPeer(new Outgoing(null, null), 0); // the FIN follows the queued bytes up the link
            return;
        }
        closeGracefully();
    }

    private void closeGracefully() {
        if (!channel.isOpen()) {
            return;
        }
        // The empty write completes after everything queued before it, so the FIN follows the data.
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        ScheduledFuture<?> drain = channel.eventLoop().schedule(this::reset, DRAIN_TIMEOUT_MILLIS,
                TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> drain.cancel(false));
    }

    @Override
    protected boolean handshakes() {
        return true;
    }

    @Override
    protected void resetByFault() {
        if (!live() || !channel.isOpen()) {
            return;
        }
        failure = PEER_RESET;
        reset();
    }

    /** Closes with SO_LINGER 0, so the kernel sends RST and drops unsent data. */
    private void reset() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (ChannelException e) {
            // The socket is already going away; a plain close is all that is left to do.
        }
        channel.close();
    }

    // ---------------------------------------------------------------- network → engine

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        if (awaited) {
            pollAcks();
        }
        if (!live() || !buf.isReadable()) {
            buf.release();
            return;
        }
        streamToEngine(buf, (InetSocketAddress) ctx.channel().remoteAddress());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            handshakeDone(ctx, done);
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent) {
            // The peer sent FIN. Half-closure is enabled only to get this moment: the socket is
            // still open, so acknowledgements that arrived with the FIN can be read before CLOSED.
            pollAcks();
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * The TLS handshake ended. With TLS the kernel's acknowledgement count still works as a lower
     * bound: the send queue holds records, which are never smaller than the bytes they carry.
     */
    private void handshakeDone(ChannelHandlerContext ctx, SslHandshakeCompletionEvent done) {
        if (done.isSuccess()) {
            if (live() && upgrading) {
                toEngine(new LinkEvent.Secured());
            } else if (live()) {
                connected();
            }
            return;
        }
        if (live()) {
            String reason = describe(rootCause(done.cause()));
            toEngine(new LinkEvent.TlsFailed(reason.contains("Received fatal alert"), reason));
        }
        ctx.close();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && !(c instanceof javax.net.ssl.SSLException)) {
            c = c.getCause();
        }
        return c;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = describe(cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopPolling();
        if (live()) {
            toEngine(new LinkEvent.Closed(failure != null ? failure : "closed by peer"));
        }
        ctx.fireChannelInactive();
    }

    // ---------------------------------------------------------------- acknowledgements

    @Override
    public void acksAwaited(boolean awaited) {
        if (this.awaited == awaited) {
            return;
        }
        this.awaited = awaited;
        if (awaited) {
            // Waiting starts now: ask at once (in a task: never back into the engine's own call),
            // and poll quickly from here, not at the idle pace a running timer may have.
            pollDelayMicros = FIRST_POLL_MICROS;
            quickPolls = 0;
            stopPolling();
            queuePoll();
        }
    }

    private void queuePoll() {
        if (!pollQueued) {
            pollQueued = true;
            channel.eventLoop().execute(queuedPoll);
        }
    }

    /** The poll after a completed write, as a task: one object per link, not one per write. */
    private final Runnable queuedPoll = () -> {
        pollQueued = false;
        pollAcks();
    };

    /** The timer's poll, likewise. */
    private final Runnable timedPoll = () -> {
        poll = null;
        pollAcks();
    };

    private void pollAcks() {
        if (reported >= written || !live() || !channel.isOpen()) {
            return;
        }
        if (!kernelAcks) {
            report(written);
            return;
        }
        long unacked;
        try {
            // Safe against descriptor reuse: the channel can only be closed on this thread.
            unacked = Libc.unacknowledged(((UnixChannel) channel).fd().intValue());
        } catch (LastErrorException e) {
            return;
        }
        report(written - unacked);
        if (reported < written && live() && poll == null) {
            schedulePoll();
        }
    }

    private void schedulePoll() {
        long delay = awaited ? pollDelayMicros : Math.max(pollDelayMicros, IDLE_POLL_MICROS);
        poll = channel.eventLoop().schedule(timedPoll, delay, TimeUnit.MICROSECONDS);
        // A few quick polls first (fast peers answer within them), then back off.
        if (++quickPolls > QUICK_POLLS) {
            pollDelayMicros = Math.min(pollDelayMicros * 2, MAX_POLL_MICROS);
        }
    }

    private void report(long acked) {
        if (acked > reported && live()) {
            reported = acked;
            pollDelayMicros = FIRST_POLL_MICROS;
            quickPolls = 0;
            toEngine(new LinkEvent.Acked(acked));
        }
    }

    private void stopPolling() {
        if (poll != null) {
            poll.cancel(false);
            poll = null;
        }
    }
}
