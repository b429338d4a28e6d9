package dev.sim800emu.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The raw baseline for the AT round trip: a TCP server on 127.0.0.1 that answers every
 * {@code requestSize} bytes received with a fixed reply, and does nothing else. It runs on its own
 * one-thread event loop built exactly like the emulator's (native epoll, TCP_NODELAY), so the only
 * difference from the emulator's serial endpoint is the modem engine between read and write.
 */
final class ReplyServer extends LoopbackServer {

    ReplyServer(int requestSize, byte[] reply) throws InterruptedException {
        super(() -> new Answerer(requestSize, reply));
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
