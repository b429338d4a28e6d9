package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.LinkListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
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
    private String failure;

    UdpLink(LinkListener listener, BooleanSupplier networkClosed, InetSocketAddress remote,
            DestinationPolicy policy, Shaping shaping) {
        super(listener, networkClosed, shaping);
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
        if (uplinkShaped()) {
            // Lost on the air, or dropped at the tail of a full uplink queue: gone, but counted.
            if (shaping.lose() || uplinkBacklog() + length > shaping.queueBytes()) {
                done(length);
                return;
            }
            toPeer(new Outgoing(data, to), Integer.MAX_VALUE);
            return;
        }
        writeNow(data, to);
    }

    @Override
    protected void write(List<Outgoing> due) {
        for (Outgoing out : due) {
            writeNow(out.data(), out.to());
        }
    }

    private void writeNow(byte[] data, InetSocketAddress to) {
        int length = data.length;
        if (!channel.isOpen()) {
            done(length);
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
        dropQueued();
        channel.close();
    }

    @Override
    protected boolean handshakes() {
        return false;
    }

    /** UDP has no reset; the nearest thing is the socket failing under the modem: the link closes. */
    @Override
    protected void resetByFault() {
        if (live() && channel.isOpen()) {
            failure = TcpLink.PEER_RESET;
            channel.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        byte[] data = ByteBufUtil.getBytes(packet.content());
        InetSocketAddress from = packet.sender();
        packet.release();
        if (live() && !(shaping.active(System.nanoTime()) && shaping.lose())) {
            toEngine(new LinkEvent.Data(data, from));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed send or an ICMP error does not end a UDP socket; the datagram is simply lost.
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (live()) {
            toEngine(new LinkEvent.Closed(failure != null ? failure : "socket closed"));
        }
        ctx.fireChannelInactive();
    }
}
