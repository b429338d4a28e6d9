package dev.sim800emu.bench;

import dev.sim800emu.modem.net.NettyNetwork;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The raw baseline for the AT round trip: a TCP server on 127.0.0.1 that answers every
 * {@code requestSize} bytes received with a fixed reply, and does nothing else. It runs on its own
 * one-thread event loop built exactly like the emulator's (native epoll, TCP_NODELAY), so the only
 * difference from the emulator's serial endpoint is the modem engine between read and write.
 */
final class ReplyServer implements AutoCloseable {
    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final Channel server;

    ReplyServer(int requestSize, byte[] reply) throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NettyNetwork.serverChannelType(group))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Answerer(requestSize, reply));
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

    /** Counts bytes; one reply per complete request, written and flushed in one go. */
    private static final class Answerer extends ChannelInboundHandlerAdapter {
        private final int requestSize;
        private final byte[] reply;
        private int pending;

        Answerer(int requestSize, byte[] reply) {
            this.requestSize = requestSize;
            this.reply = reply;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            pending += buf.readableBytes();
            buf.release();
            boolean wrote = false;
            while (pending >= requestSize) {
                pending -= requestSize;
                ctx.write(Unpooled.wrappedBuffer(reply), ctx.voidPromise());
                wrote = true;
            }
            if (wrote) {
                ctx.flush();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
