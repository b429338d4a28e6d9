package dev.sim800emu.bench.fleet;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.device.DeviceScript;
import dev.sim800emu.modem.device.DeviceStats;
import dev.sim800emu.modem.device.ScriptedDevice;
import dev.sim800emu.modem.fleet.Fleet;
import dev.sim800emu.modem.fleet.FleetCapacity;
import dev.sim800emu.modem.fleet.FleetPlan;
import dev.sim800emu.modem.fleet.IpPool;
import dev.sim800emu.modem.metrics.FleetMetrics;
import dev.sim800emu.modem.net.NetworkOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The fleet scale benchmark's emulator side: {@code FleetScale COUNT PERIOD_MS SECONDS SINK_PORT RAW}
 * starts COUNT modems (serial lines in-process) on one event loop per core, a scripted device on
 * each that brings up GPRS, opens a TCP link to the sink (ScaleSink, another process) and sends
 * {@code e ID SEQ NANOS} every PERIOD_MS, plus RAW plain sockets on the same loops sending
 * {@code r …} lines at the same period (the baseline). Prints start rate, heap per modem, threads,
 * file descriptors and device counters; the sink prints the latencies.
 */
public final class FleetScale {
    private FleetScale() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        long period = Long.parseLong(args[1]);
        long seconds = Long.parseLong(args[2]);
        int sinkPort = Integer.parseInt(args[3]);
        int rawCount = Integer.parseInt(args[4]);
        InetSocketAddress sink = new InetSocketAddress(InetAddress.getLoopbackAddress(), sinkPort);
        int cores = Runtime.getRuntime().availableProcessors();

        long heapBefore = usedHeap();
        long fdsBefore = FleetCapacity.openFds();
        FleetMetrics metrics = new FleetMetrics();
        long t0 = System.nanoTime();
        FleetPlan plan = new FleetPlan(count, 0, null, null, ModemConfig.defaults(), NetworkOptions.defaults(),
                cores, true);
        Fleet fleet = Fleet.start(plan, metrics, n -> { });
        double startSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("fleet: %d modems started in %.2f s (%.0f modems/s) on %d loops%n", count, startSeconds,
                count / startSeconds, cores);

        DeviceStats stats = new DeviceStats(metrics.registry());
        DeviceScript script = new DeviceScript(sink, period, "e {id} {seq} {nanos}\n", null, "internet", 1_000, 30_000);
        IpPool primary = IpPool.primary();
        IpPool secondary = IpPool.secondary();
        for (int i = 0; i < count; i++) {
            String imei = plan.config(i, primary, secondary).identity().imei();
            new ScriptedDevice(script, String.valueOf(i), imei, fleet.modem(i).eventLoop(), stats, i)
                    .attach(fleet.modem(i));
        }
        while (stats.connected() < count && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(5)) {
            Thread.sleep(100);
        }
        double upSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("devices: %d of %d links up %.2f s after start (%.0f devices/s)%n", stats.connected(), count,
                upSeconds, stats.connected() / upSeconds);

        List<Channel> raw = startRaw(fleet, sink, rawCount, period);
        long heapAfter = usedHeap();
        System.out.printf("heap: %.1f MiB for %d modems with live links and devices: %.2f KiB per modem%n",
                (heapAfter - heapBefore) / 1048576.0, count, (heapAfter - heapBefore) / 1024.0 / count);
        System.out.printf("threads: %d; file descriptors: %d (%d before the fleet)%n",
                ManagementFactory.getThreadMXBean().getThreadCount(), FleetCapacity.openFds(), fdsBefore);

        long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(30_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            System.out.printf("run: %d s, %d connected, %d sent, %d restarts, %d skipped, %d link sockets%n",
                    (System.nanoTime() - t0) / 1_000_000_000L, stats.connected(), stats.sent(), stats.restarts(),
                    (long) metrics.registry().get("sim800_device_skipped").counter().count(), fleet.openLinks());
        }
        System.out.printf("result modems=%d period_ms=%d seconds=%d start_rate=%.0f links_up_s=%.1f heap_kib_per_modem=%.2f "
                        + "threads=%d fds=%d sent=%d restarts=%d%n", count, period, seconds, count / startSeconds,
                upSeconds, (heapAfter - heapBefore) / 1024.0 / count, ManagementFactory.getThreadMXBean().getThreadCount(),
                FleetCapacity.openFds(), stats.sent(), stats.restarts());
        for (Channel c : raw) {
            c.close();
        }
        fleet.close();
    }

    /** RAW plain sockets on the fleet's loops, each sending one line per period: the path without a modem. */
    private static List<Channel> startRaw(Fleet fleet, InetSocketAddress sink, int rawCount, long period)
            throws InterruptedException {
        List<Channel> channels = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < rawCount; i++) {
            Channel ch = new Bootstrap().group(fleet.group()).channel(io.netty.channel.epoll.Epoll.isAvailable()
                            ? io.netty.channel.epoll.EpollSocketChannel.class
                            : io.netty.channel.socket.nio.NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new LineBasedFrameDecoder(64));
                        }
                    })
                    .connect(sink).sync().channel();
            channels.add(ch);
            int id = i;
            long[] seq = {0};
            ch.eventLoop().scheduleAtFixedRate(() -> {
                if (ch.isActive()) {
                    String line = "r " + id + " " + (++seq[0]) + " " + System.nanoTime() + "\n";
                    ch.writeAndFlush(Unpooled.wrappedBuffer(line.getBytes(StandardCharsets.US_ASCII)));
                }
            }, (long) (random.nextDouble() * period), period, TimeUnit.MILLISECONDS);
        }
        return channels;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
