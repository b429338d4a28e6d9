package dev.sim800emu.bench.fleet;

import dev.sim800emu.modem.netty.NettyNetwork;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;

/**
 * The server of the fleet scale benchmark, in a process of its own (each side of ten thousand
 * links needs its own ten thousand descriptors): it reads lines {@code e|r ID SEQ NANOS} — a
 * device's message through an emulated modem, or the raw baseline's straight over a socket — and
 * records how long each took from {@code NANOS} (System.nanoTime() in the sender, which on Linux is
 * CLOCK_MONOTONIC, shared by every process of the machine) to its arrival.
 *
 * <p>{@code ScaleSink PORT WARMUP_S MEASURE_S}: records only during the measurement window, then
 * prints one result line per path and exits.
 */
public final class ScaleSink {
    private ScaleSink() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long warmupNanos = Long.parseLong(args[1]) * 1_000_000_000L;
        long measureNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        Recorder emulated = new Recorder(3);
        Recorder raw = new Recorder(3);
        AtomicInteger connections = new AtomicInteger();
        long start = System.nanoTime();
        EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        try {
            new ServerBootstrap().group(group).channel(NettyNetwork.serverChannelType(group))
                    .option(io.netty.channel.ChannelOption.SO_BACKLOG, 4096)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.incrementAndGet();
                            ch.closeFuture().addListener(f -> connections.decrementAndGet());
                            ch.pipeline().addLast(new LineBasedFrameDecoder(256), new SimpleChannelInboundHandler<ByteBuf>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                                    long now = System.nanoTime();
                                    if (now - start < warmupNanos || now - start > warmupNanos + measureNanos) {
                                        return;
                                    }
                                    String[] f = line.toString(StandardCharsets.US_ASCII).split(" ");
                                    if (f.length == 4) {
                                        long took = Math.max(0, now - Long.parseLong(f[3]));
                                        (f[0].equals("e") ? emulated : raw).recordValue(took / 1000);
                                    }
                                }
                            });
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync();
            System.out.println("sink: listening on 127.0.0.1:" + port);
            long end = start + warmupNanos + measureNanos;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                System.out.println("sink: " + connections.get() + " connections, " + (System.nanoTime() - start) / 1_000_000_000 + " s");
            }
            report("emulated", emulated);
            report("raw", raw);
        } finally {
            group.shutdownGracefully().sync();
        }
    }

    private static void report(String path, Recorder r) {
        var h = r.getIntervalHistogram();
        System.out.printf("result %s messages=%d p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f%n", path,
                h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
