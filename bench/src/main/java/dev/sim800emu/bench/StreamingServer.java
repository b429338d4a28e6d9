package dev.sim800emu.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Arrays;

/**
 * A TCP server on 127.0.0.1 that streams bytes to every connection as fast as the connection takes
 * them, and reads and discards whatever it is sent. Flow control is TCP's: the server writes only
 * while the channel is writable (Netty's 64 KiB high-water mark over the kernel's send buffer), so a
 * client that reads slowly costs it nothing. One epoll event loop thread for all connections,
 * TCP_NODELAY, like the emulator's endpoint. The bytes sent are all {@code 'y'}.
 */
final class StreamingServer extends LoopbackServer {
    private static final int BLOCK = 64 * 1024;
    /** The bytes streamed, shared read-only by every connection (written as duplicates). */
    private static final ByteBuf BLOCK_OF_Y = blockOfY();

    StreamingServer() throws InterruptedException {
        super(Streamer::new);
    }

    private static ByteBuf blockOfY() {
        byte[] fill = new byte[BLOCK];
        Arrays.fill(fill, (byte) 'y');
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(BLOCK).writeBytes(fill));
    }

    /** Writes while writable, resumes when the channel becomes writable again; discards input. */
    private static final class Streamer extends ChannelInboundHandlerAdapter {
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
                        ctx.write(BLOCK_OF_Y.duplicate(), ctx.voidPromise());
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
