package dev.sim800emu.bench;

import dev.sim800emu.modem.netty.NettyNetwork;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The raw baseline for the transparent-mode relay: a plain TCP relay on 127.0.0.1 that accepts a
 * client and forwards bytes unchanged between it and {@code target}, both ways. It is built like the
 * emulator's side of the same path: one epoll event loop thread serves both the accepted socket (the
 * emulator's serial endpoint) and the outgoing one (the emulator's link), TCP_NODELAY on both.
 * What it leaves out is the modem: no copies into the engine, no packetization, no ACK accounting.
 *
 * <p>It relays the way a good proxy does: buffers are passed through without copying, written as
 * they are read and flushed once per read burst; when one side stops taking output (Netty's
 * high-water mark) the other side stops being read until it drains.
 */
final class PlainRelay implements AutoCloseable {
    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final Class<? extends SocketChannel> socketType;
    private final InetSocketAddress target;
    private final Channel server;

    PlainRelay(InetSocketAddress target) throws InterruptedException {
        this.target = target;
        this.socketType = NettyNetwork.serverChannelType(group) == EpollServerSocketChannel.class
                ? EpollSocketChannel.class : NioSocketChannel.class;
        server = new ServerBootstrap()
                .group(group)
                .channel(NettyNetwork.serverChannelType(group))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false) // until the outgoing side is connected
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Frontend());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The accepted client: connects to the target, then relays. */
    private final class Frontend extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            Bootstrap b = new Bootstrap()
                    .group(client.eventLoop())
                    .channel(socketType)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new Pipe(client));
            b.connect(target).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    client.pipeline().addLast(new Pipe(f.channel()));
                    client.pipeline().remove(this);
                    client.config().setAutoRead(true);
                } else {
                    client.close();
                }
            });
        }
    }

    /** Forwards what its channel reads to {@code peer}, with back-pressure. */
    private static final class Pipe extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        Pipe(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            peer.write(msg, peer.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
            if (!peer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // This channel's output drained (or filled up): the peer that feeds it reads accordingly.
            peer.config().setAutoRead(ctx.channel().isWritable());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer.isActive()) {
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
