package dev.sim800emu.modem.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A UDP socket on 127.0.0.1 (ephemeral port) for tests. It records every datagram it receives
 * and, in echo mode, sends each one back to its sender. It can also send a datagram anywhere from
 * its own port.
 */
public final class UdpTestServer implements AutoCloseable {
    /** A received datagram and who sent it. */
    public record Datagram(byte[] data, InetSocketAddress sender) {
    }

    private final boolean echo;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();

    private UdpTestServer(boolean echo) {
        this.echo = echo;
        this.channel = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .handler(new Handler())
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    public static UdpTestServer echo() {
        return new UdpTestServer(true);
    }

    public static UdpTestServer recording() {
        return new UdpTestServer(false);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** The next datagram received, waiting up to {@code timeout}. */
    public Datagram receive(Duration timeout) throws InterruptedException {
        Datagram d = received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (d == null) {
            throw new AssertionError("no datagram within " + timeout);
        }
        return d;
    }

    /** Sends one datagram from this server's port. */
    public void send(byte[] data, InetSocketAddress to) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data), to)).syncUninterruptibly();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            byte[] data = ByteBufUtil.getBytes(packet.content());
            received.add(new Datagram(data, packet.sender()));
            if (echo) {
                ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data), packet.sender()));
            }
        }
    }
}
