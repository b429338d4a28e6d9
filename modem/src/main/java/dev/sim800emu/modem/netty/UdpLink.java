package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.LinkListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

/**
 * One UDP "connection": a bound, unconnected datagram socket, so that replies (and, in extended
 * mode, datagrams from anyone) are received. A datagram counts as acknowledged once its write has
 * finished; one the kernel refuses, or one to a destination the policy denies, is counted too, as
 * if lost in the network, because the cumulative count must keep matching what the engine sent.
 */
final class UdpLink extends ChannelLink {
    private final InetSocketAddress remote;
    private final DestinationPolicy policy;
    private long sent;
    private boolean reportQueued;

    UdpLink(LinkListener listener, BooleanSupplier networkClosed, InetSocketAddress remote,
            DestinationPolicy policy) {
        super(listener, networkClosed);
        this.remote = remote;
        this.policy = policy;
    }

    @Override
    public void send(byte[] data) {
        sendTo(data, remote);
    }

    @Override
    public void sendTo(byte[] data, InetSocketAddress to) {
        if (closedByEngine) {
            return;
        }
        int length = data.length;
        if (!policy.allows(to.getAddress())) {
            done(length); // dropped, as a firewall would
            return;
        }
        ByteBuf buf = channel.alloc().buffer(length).writeBytes(data);
        channel.writeAndFlush(new DatagramPacket(buf, to)).addListener(f -> done(length));
    }

    /**
     * Counts a finished datagram. Writes often finish inside {@code writeAndFlush}, that is inside
     * the engine's own call, so the report is made from a task.
     */
    private void done(int length) {
        sent += length;
        if (!reportQueued) {
            reportQueued = true;
            channel.eventLoop().execute(() -> {
                reportQueued = false;
                if (live()) {
                    listener.onAcked(sent);
                }
            });
        }
    }

    @Override
    public void close(boolean abort) {
        closedByEngine = true;
        channel.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        byte[] data = ByteBufUtil.getBytes(packet.content());
        InetSocketAddress from = packet.sender();
        packet.release();
        if (live()) {
            listener.onData(data, from);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed send or an ICMP error does not end a UDP socket; the datagram is simply lost.
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (live()) {
            finish();
            listener.onClosed("socket closed");
        }
        ctx.fireChannelInactive();
    }
}
