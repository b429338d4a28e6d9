package dev.sim800emu.modem.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sim800emu.modem.testing.TcpTestServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.UnixChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The SIOCOUTQ binding that TCP acknowledgements are computed from. */
class LibcTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void sendQueueHoldsWhatAStalledPeerHasNotAcknowledged() throws Exception {
        assumeTrue(Epoll.isAvailable() && Libc.available(), "needs native epoll and JNA");
        EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        try (TcpTestServer server = TcpTestServer.scripted()) {
            Channel ch = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(server.address()).sync().channel();
            TcpTestServer.Client peer = server.client(0, TIMEOUT);
            peer.setReading(false);
            int total = 16 * 1024 * 1024;
            for (int sent = 0; sent < total; sent += 64 * 1024) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[64 * 1024]));
            }

            // The peer's window closes, and what the kernel took beyond it stays unacknowledged.
            eventually(() -> outq(ch) > 0);

            peer.setReading(true);
            peer.awaitReceived(total, TIMEOUT);
            eventually(() -> outq(ch) == 0);
            ch.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static int outq(Channel ch) {
        try {
            return ch.eventLoop().submit(() -> Libc.unacknowledged(((UnixChannel) ch).fd().intValue()))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
