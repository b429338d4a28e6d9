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
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A TCP server on 127.0.0.1 that streams bytes to every connection as fast as the connection takes
 * them, and reads and discards whatever it is sent. Flow control is TCP's: the server writes only
 * while the channel is writable (Netty's 64 KiB high-water mark over the kernel's send buffer), so a
 * client that reads slowly costs it nothing. One epoll event loop thread for all connections,
 * TCP_NODELAY, like the emulator's endpoint. The bytes sent are all {@code 'y'}.
 */
final class StreamingServer implements AutoCloseable {
    private static final int BLOCK = 64 * 1024;

    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final ByteBuf block;
    private final Channel server;

    StreamingServer() throws InterruptedException {
        byte[] fill = new byte[BLOCK];
        Arrays.fill(fill, (byte) 'y');
        block = Unpooled.unreleasableBuffer(Unpooled.directBuffer(BLOCK).writeBytes(fill));
        server = new ServerBootstrap()
                .group(group)
                .channel(NettyNetwork.serverChannelType(group))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Streamer());
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

    /** Writes while writable, resumes when the channel becomes writable again; discards input. */
    private final class Streamer extends ChannelInboundHandlerAdapter {
        private boolean pumping;
        private boolean again;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            pump(ctx);
            ctx.fireChannelActive();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                pump(ctx);
            }
        }

        private void pump(ChannelHandlerContext ctx) {
            if (pumping) {
                again = true; // a flush below made the channel writable again: loop instead of recursing
                return;
            }
            pumping = true;
            try {
                do {
                    again = false;
                    while (ctx.channel().isWritable()) {
                        ctx.write(block.duplicate(), ctx.voidPromise());
                    }
                    ctx.flush();
                } while (again && ctx.channel().isActive());
            } finally {
                pumping = false;
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((ByteBuf) msg).release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
