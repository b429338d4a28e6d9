package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Payload;
import java.util.List;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One TCP connection. Besides relaying data it counts how much of what was sent the peer has
 * acknowledged ({@link AckCounter}), because the modem's SEND OK promises exactly that.
 */
final class TcpLink extends ChannelLink {
    /** A graceful close whose data cannot drain (peer not reading) turns into a reset after this. */
    private static final long DRAIN_TIMEOUT_MILLIS = 10_000;

    /** Why the channel is closing, when an exception closed it (a reset, for instance). */
    private String failure;
    private final AckCounter acks;

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
        this.acks = new AckCounter(() -> channel, kernelAcks, this::live, n -> toEngine(new LinkEvent.Acked(n)));
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

    /**
     * The transparent uplink's packets: the head copied into one small buffer, the rest a slice of
     * the host's read buffer, both in one flush (one system call). A shaped uplink holds an array.
     */
    @Override
    public void send(byte[] head, int headLen, Payload data, int off, int len) {
        ByteBuf rest = closedByEngine || uplinkShaped() || !channel.isOpen() ? null : BufPayload.slice(data, off, len);
        if (rest == null) {
            send(NetLink.join(head, headLen, data, off, len));
            return;
        }
        if (headLen > 0) {
            channel.write(channel.alloc().buffer(headLen).writeBytes(head, 0, headLen));
        }
        flushed(channel.writeAndFlush(rest), headLen + len);
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
        flushed(channel.writeAndFlush(channel.alloc().buffer(length).writeBytes(data, off, length)), length);
    }

    /** Counts {@code length} bytes as written when {@code f}, the flush that ends them, is done. */
    private void flushed(ChannelFuture f, int length) {
        // A failed write needs no handling here: the channel is failing and will report onClosed.
        if (f.isDone()) {
            // The usual case: the socket took it at once; no listener to allocate.
            writeCompleted(f, length);
        } else {
            f.addListener(done -> writeCompleted(done, length));
        }
    }

    private void writeCompleted(io.netty.util.concurrent.Future<?> f, int length) {
        if (f.isSuccess()) {
            acks.written(length);
        }
    }

    @Override
    public void close(boolean abort) {
        closedByEngine = true;
        acks.stop();
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
        if (acks.awaited()) {
            acks.poll();
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
            acks.poll();
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
        acks.stop();
        if (live()) {
            toEngine(new LinkEvent.Closed(failure != null ? failure : "closed by peer"));
        }
        ctx.fireChannelInactive();
    }

    // ---------------------------------------------------------------- acknowledgements

    @Override
    public void acksAwaited(boolean awaited) {
        acks.awaited(awaited);
    }
}
