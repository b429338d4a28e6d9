package dev.sim800emu.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A TCP echo server on 127.0.0.1: every byte received is written back, flushed once per read burst.
 * When the connection stops taking output (Netty's high-water mark), the server stops reading until
 * it drains, so back-pressure reaches the sender through TCP. One epoll event loop thread,
 * TCP_NODELAY, like the emulator's endpoint.
 */
final class EchoServer extends LoopbackServer {

    EchoServer() throws InterruptedException {
        super(Echo::new);
    }

    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
