package dev.sim800emu.modem.soak;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;

/**
 * The modems' far end: an echo server on 127.0.0.1 (ephemeral port) on the test's own loop, with a
 * backlog deep enough for every modem's CIPSTART at once. It counts the links it holds, so the test
 * can see each modem's link up and, after power-off, gone.
 */
final class EchoServer implements AutoCloseable {
    private final ChannelGroup conns = new DefaultChannelGroup("soak-echo", GlobalEventExecutor.INSTANCE);
    private final Channel server;

    EchoServer(EventLoopGroup group, Class<? extends ServerSocketChannel> type) throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 2048)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        conns.add(ch);
                        ch.pipeline().addLast(ECHO);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    private static final ChannelHandler ECHO = new Echo();

    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg, ctx.voidPromise());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Connections open right now. */
    int links() {
        return conns.size();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        conns.close().syncUninterruptibly();
    }
}
