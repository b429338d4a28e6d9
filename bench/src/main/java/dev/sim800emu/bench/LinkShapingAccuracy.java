package dev.sim800emu.bench;

import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.netty.NettyNetwork;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * How exactly a {@link NettyNetwork} link keeps the {@link LinkConditions} it is given: the rate
 * achieved on a few seconds of data in each direction (10 kbit/s, 100 kbit/s, 1 Mbit/s), and the
 * round trip of one byte echoed by the peer (100, 600, 1500 ms added), each against the configured
 * value; and the same transfers under {@code IDEAL} conditions as the raw baseline. The peer is a
 * plain socket on 127.0.0.1 driven by this thread. Not JMH: each figure is one timed transfer.
 *
 * <p>Rate: bytes after the first delivery, over the time from the first delivery to the last (the
 * first delivery starts the clock, so it is not counted). Round trip: the median of several
 * one-byte echoes, from the send to the echo's delivery to the modem side. Prints one
 * {@code SHAPING} line per figure for {@code bench/report.py}.
 * Usage: {@code LinkShapingAccuracy [SECONDS]} (default 4 seconds of data per rate).
 */
public final class LinkShapingAccuracy {
    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();
    private static final long[] RATES = {10_000, 100_000, 1_000_000};
    private static final int[] LATENCIES = {100, 600, 1_500};
    private static final int ECHOES = 5;
    private static final int CHUNK = 1460;

    private final EventLoop loop;
    private final NettyNetwork net;
    private final ServerSocket peers;

    private LinkShapingAccuracy(EventLoop loop) throws Exception {
        this.loop = loop;
        this.net = new NettyNetwork(loop, NetworkOptions.defaults());
        this.peers = new ServerSocket(0, 50, LOCALHOST);
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 4;
        EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        try {
            LinkShapingAccuracy b = new LinkShapingAccuracy(group.next());
            System.out.printf(Locale.ROOT, "# transport %s, %.1f s of data per rate%n", b.net.transport(), seconds);
            b.run(seconds);
            b.net.close();
            b.peers.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void run(double seconds) throws Exception {
        // Untimed warm-up: the first transfer loads classes and JNA's native library on the loop,
        // which holds the loop for a few hundred milliseconds and would bunch the first packets.
        conditions(new LinkConditions(1_000_000, 1_000_000, 10, 0, 0, 0));
        uplinkRate(60_000);
        downlinkRate(60_000);
        roundTripMillis();
        for (long rate : RATES) {
            int bytes = (int) (rate / 8 * seconds);
            conditions(new LinkConditions(rate, rate, 0, 0, 0, 0));
            report("rate", "up", rate, uplinkRate(bytes), "bit/s");
            report("rate", "down", rate, downlinkRate(bytes), "bit/s");
        }
        for (int latency : LATENCIES) {
            conditions(new LinkConditions(0, 0, latency, 0, 0, 0));
            report("rtt", "both", latency, roundTripMillis(), "ms");
        }
        int raw = (int) (RATES[RATES.length - 1] / 8 * seconds);
        conditions(LinkConditions.IDEAL);
        report("raw", "up", 0, uplinkRate(raw), "bit/s");
        report("raw", "down", 0, downlinkRate(raw), "bit/s");
        report("raw", "both", 0, roundTripMillis(), "ms");
    }

    private static void report(String kind, String direction, double configured, double measured, String unit) {
        double error = configured > 0 ? (measured - configured) / configured * 100 : Double.NaN;
        System.out.printf(Locale.ROOT, "SHAPING\t%s\t%s\t%.3f\t%.3f\t%.2f\t%s%n", kind, direction, configured,
                measured, error, unit);
    }

    // ---------------------------------------------------------------- measurements

    /** The modem side sends {@code bytes}; the peer times what it reads. */
    private double uplinkRate(int bytes) throws Exception {
        Recorder rec = new Recorder();
        NetLink link = open(rec);
        try (Socket peer = peers.accept()) {
            rec.awaitConnected();
            byte[] payload = new byte[bytes];
            onLoop(() -> {
                for (int off = 0; off < bytes; off += CHUNK) {
                    link.send(Arrays.copyOfRange(payload, off, Math.min(bytes, off + CHUNK)));
                }
                return null;
            });
            InputStream in = peer.getInputStream();
            byte[] buf = new byte[64 * 1024];
            long first = 0;
            long firstBytes = 0;
            long last = 0;
            long got = 0;
            while (got < bytes) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IllegalStateException("peer closed after " + got + " bytes");
                }
                got += n;
                last = System.nanoTime();
                if (first == 0) {
                    first = last;
                    firstBytes = got;
                }
            }
            close(link);
            return (got - firstBytes) * 8e9 / (last - first);
        }
    }

    /** The peer writes {@code bytes} as fast as it can; the modem side times what it is given. */
    private double downlinkRate(int bytes) throws Exception {
        Recorder rec = new Recorder();
        NetLink link = open(rec);
        try (Socket peer = peers.accept()) {
            rec.awaitConnected();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = peer.getOutputStream();
                    out.write(new byte[bytes]);
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "peer-writer");
            writer.setDaemon(true);
            writer.start();
            List<long[]> times = rec.awaitBytes(bytes);
            writer.join();
            close(link);
            long[] first = times.get(0);
            long[] last = times.get(times.size() - 1);
            return (last[1] - first[1]) * 8e9 / (last[0] - first[0]);
        }
    }

    /** Median round trip of one byte echoed by the peer, in milliseconds. */
    private double roundTripMillis() throws Exception {
        Recorder rec = new Recorder();
        NetLink link = open(rec);
        try (Socket peer = peers.accept()) {
            peer.setTcpNoDelay(true);
            rec.awaitConnected();
            double[] rtts = new double[ECHOES];
            for (int i = 0; i < ECHOES; i++) {
                long t0 = System.nanoTime();
                onLoop(() -> {
                    link.send(new byte[] {1});
                    return null;
                });
                int b = peer.getInputStream().read();
                peer.getOutputStream().write(b);
                List<long[]> times = rec.awaitBytes(i + 1);
                rtts[i] = (times.get(times.size() - 1)[0] - t0) / 1e6;
            }
            close(link);
            Arrays.sort(rtts);
            return rtts[ECHOES / 2];
        }
    }

    // ---------------------------------------------------------------- plumbing

    private NetLink open(Recorder rec) throws Exception {
        InetSocketAddress at = (InetSocketAddress) peers.getLocalSocketAddress();
        return onLoop(() -> net.open(new LinkRequest(Protocol.TCP, LOCALHOST, at.getPort(), 0, 10_000, null), rec));
    }

    private void close(NetLink link) throws Exception {
        onLoop(() -> {
            link.close(true);
            return null;
        });
    }

    private void conditions(LinkConditions c) throws Exception {
        onLoop(() -> {
            net.conditions(c);
            return null;
        });
    }

    private <T> T onLoop(Callable<T> action) throws Exception {
        return loop.submit(action).get(60, TimeUnit.SECONDS);
    }

    /** The modem side's listener: when it connected, and when each delivery came, with bytes so far. */
    private static final class Recorder implements LinkListener {
        private final List<long[]> deliveries = new ArrayList<>();
        private boolean connected;
        private long received;

        @Override
        public synchronized void onConnected() {
            connected = true;
            notifyAll();
        }

        @Override
        public synchronized void onConnectFailed(String reason) {
            throw new IllegalStateException("connect failed: " + reason);
        }

        @Override
        public synchronized void onData(byte[] data, InetSocketAddress from) {
            received += data.length;
            deliveries.add(new long[] {System.nanoTime(), received});
            notifyAll();
        }

        @Override
        public void onAcked(long totalAcked) {
        }

        @Override
        public void onClosed(String reason) {
        }

        synchronized void awaitConnected() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!connected) {
                waitUntil(deadline, "connect");
            }
        }

        synchronized List<long[]> awaitBytes(long count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (received < count) {
                waitUntil(deadline, "received " + received + " of " + count);
            }
            return List.copyOf(deliveries);
        }

        private void waitUntil(long deadline, String what) throws InterruptedException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("timed out: " + what);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
