package dev.sim800emu.modem.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.DnsFault;
import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.testing.TcpTestServer;
import dev.sim800emu.modem.testing.TestDnsServer;
import dev.sim800emu.modem.testing.UdpTestServer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NettyNetwork} under {@link LinkConditions} and faults, against loopback servers: rates and
 * latency measured on real sockets (a second or so of data each, so tolerances are a few percent;
 * the accuracy benchmark in bench/ measures longer), byte order under jitter, seeded UDP loss,
 * resets, blackholes, DNS faults and refused connections.
 */
class ShapedNetworkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();
    private static final EventLoopGroup GROUP = NettyNetwork.newEventLoopGroup(1);
    private static final long MS = 1_000_000;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final EventLoop loop = GROUP.next();
    private NettyNetwork net = new NettyNetwork(loop, NetworkOptions.defaults());

    @AfterEach
    void tearDown() throws Exception {
        net.close();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @AfterAll
    static void shutDown() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ---------------------------------------------------------------- rates and latency

    @Test
    void uplinkBytesAndTheirAcknowledgementsFollowTheRate() throws Exception {
        conditions(new LinkConditions(0, 400_000, 0, 0, 0, 0));
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events ev = new Events(loop);
        NetLink link = connect(server, ev);

        byte[] payload = randomBytes(50_000);
        long t0 = System.nanoTime();
        onLoop(() -> sendInChunks(link, payload));
        assertThat(server.client(0, TIMEOUT).awaitReceived(payload.length, TIMEOUT)).isEqualTo(payload);
        ev.awaitAcked(payload.length);

        // 50,000 bytes at 400 kbit/s: 1 s on the wire, and SEND OK cannot come earlier.
        assertThat((System.nanoTime() - t0) / 1e9).isGreaterThanOrEqualTo(0.98);
        assertThat(rate(ev.ackTimes())).isCloseTo(400_000, within(40_000.0));
        assertThat(ev.ackHistory()).isSorted();
        ev.assertWellBehaved();
    }

    @Test
    void downlinkBytesReachTheEngineAtTheRate() throws Exception {
        conditions(new LinkConditions(400_000, 0, 0, 0, 0, 0));
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events ev = new Events(loop);
        connect(server, ev);

        byte[] payload = randomBytes(50_000);
        server.client(0, TIMEOUT).send(payload);

        assertThat(ev.awaitData(payload.length)).isEqualTo(payload);
        assertThat(rate(ev.dataTimes())).isCloseTo(400_000, within(40_000.0));
        // Evenly, in 20 ms pieces, not in one burst.
        assertThat(ev.dataTimes().size()).isGreaterThan(20);
        ev.assertWellBehaved();
    }

    @Test
    void latencyIsAddedToConnectAndToEveryRoundTrip() throws Exception {
        conditions(new LinkConditions(0, 0, 300, 0, 0, 0));
        TcpTestServer server = closeLater(TcpTestServer.echo());
        Events ev = new Events(loop);
        long t0 = System.nanoTime();
        NetLink link = connect(server, ev);
        assertThat((System.nanoTime() - t0) / MS).as("connect: handshake plus a round trip").isBetween(295L, 600L);

        long sent = System.nanoTime();
        onLoop(() -> {
            link.send(new byte[] {42});
            return null;
        });
        ev.awaitData(1);
        long echoed = ev.dataTimes().get(0)[0];
        ev.awaitAcked(1);
        long acked = ev.ackTimes().get(0)[0];
        assertThat((echoed - sent) / MS).as("echo round trip").isBetween(295L, 550L);
        // The acknowledgement travels back down: SEND OK a round trip after the send, before the echo.
        assertThat((acked - sent) / MS).as("SEND OK").isBetween(295L, 550L);
        assertThat(acked).isLessThanOrEqualTo(echoed);
        ev.assertWellBehaved();
    }

    @Test
    void aLatencySpikeSlowsOpenLinksForItsDurationOnly() throws Exception {
        TcpTestServer server = closeLater(TcpTestServer.echo());
        Events ev = new Events(loop);
        NetLink link = connect(server, ev);
        onLoop(() -> {
            net.latencySpike(300, 500);
            return null;
        });
        long spikeStart = System.nanoTime();

        assertThat(echoMillis(link, ev, 1)).isBetween(295L, 600L);
        while (System.nanoTime() - spikeStart < 550 * MS) {
            Thread.sleep(10);
        }
        assertThat(echoMillis(link, ev, 2)).isLessThan(100L);
        ev.assertWellBehaved();
    }

    @Test
    void jitterNeverReordersAStream() throws Exception {
        conditions(new LinkConditions(0, 0, 100, 100, 0, 0));
        net.seed(7);
        TcpTestServer server = closeLater(TcpTestServer.echo());
        Events ev = new Events(loop);
        NetLink link = connect(server, ev);

        byte[] payload = randomBytes(300_000);
        onLoop(() -> sendInChunks(link, payload));

        assertThat(ev.awaitData(payload.length)).isEqualTo(payload);
        assertThat(server.client(0, TIMEOUT).received()).isEqualTo(payload);
        ev.awaitAcked(payload.length);
        ev.assertWellBehaved();
    }

    @Test
    void backToIdealTakesTheDirectPathAgain() throws Exception {
        conditions(LinkConditions.preset("gprs-good"));
        conditions(LinkConditions.IDEAL);
        TcpTestServer server = closeLater(TcpTestServer.echo());
        Events ev = new Events(loop);
        NetLink link = connect(server, ev);
        assertThat(echoMillis(link, ev, 1)).isLessThan(100L);
        assertThat(onLoop(() -> net.conditions())).isEqualTo(LinkConditions.IDEAL);
    }

    // ---------------------------------------------------------------- UDP loss

    @Test
    void udpLossDropsTheGivenShareReproducibly() throws Exception {
        conditions(new LinkConditions(0, 0, 0, 0, 25, 0));
        UdpTestServer server = closeLater(UdpTestServer.recording());
        Set<Integer> first = sendNumberedDatagrams(server, 400);
        Set<Integer> second = sendNumberedDatagrams(server, 400);

        assertThat(first.size() / 400.0).isCloseTo(0.75, within(0.07));
        assertThat(second).as("the same seed loses the same datagrams").isEqualTo(first);
    }

    @Test
    void udpLossAppliesToTheDownlinkToo() throws Exception {
        conditions(new LinkConditions(0, 0, 0, 0, 25, 0));
        net.seed(3);
        UdpTestServer server = closeLater(UdpTestServer.recording());
        int localPort = freePort();
        Events ev = new Events(loop);
        onLoop(() -> net.open(new LinkRequest(Protocol.UDP, LOCALHOST, server.port(), localPort, 5_000, null), ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // In batches, each taken in before the next, so that the kernel's receive buffer never
        // overflows on a loaded machine: only the link's own loss may drop a datagram.
        for (int i = 0; i <= 400; i++) {
            server.send(new byte[] {(byte) i}, new InetSocketAddress(LOCALHOST, localPort));
            if (i % 40 == 39 || i == 400) {
                awaitQuiet(ev);
            }
        }
        int received = ev.data().length;
        assertThat(received / 401.0).isCloseTo(0.75, within(0.07));
    }

    /** Waits until no more data has arrived for 100 ms (at most 5 s). */
    private static void awaitQuiet(Events ev) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int seen = -1;
        while (System.nanoTime() < deadline) {
            int now = ev.data().length;
            if (now == seen) {
                return;
            }
            seen = now;
            Thread.sleep(100);
        }
    }

    private Set<Integer> sendNumberedDatagrams(UdpTestServer server, int count) throws Exception {
        net.seed(42);
        Events ev = new Events(loop);
        NetLink link = onLoop(() -> net.open(new LinkRequest(Protocol.UDP, LOCALHOST, server.port(), 0, 5_000, null), ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // In batches of 40, each sent before the next, so that the server's receive buffer never
        // overflows on a loaded machine: only the link's own loss may drop a datagram.
        for (int from = 0; from < count; from += 40) {
            int start = from;
            int end = Math.min(count, from + 40);
            onLoop(() -> {
                for (int i = start; i < end; i++) {
                    link.send(new byte[] {(byte) (i >> 8), (byte) i});
                }
                return null;
            });
            ev.awaitAcked(2L * end); // lost datagrams count as gone, as on the air
            Thread.sleep(20);
        }
        Set<Integer> got = new HashSet<>();
        while (true) {
            try {
                byte[] d = server.receive(Duration.ofMillis(200)).data();
                got.add((d[0] & 0xFF) << 8 | d[1] & 0xFF);
            } catch (AssertionError noMore) {
                break;
            }
        }
        onLoop(() -> {
            link.close(false);
            return null;
        });
        return got;
    }

    // ---------------------------------------------------------------- faults

    @Test
    void resetIsAnRstToThePeerAndAPeerResetToTheEngine() throws Exception {
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events ev = new Events(loop);
        NetLink link = connect(server, ev);
        TcpTestServer.Client peer = server.client(0, TIMEOUT);

        onLoop(() -> {
            link.fault(LinkFault.RESET);
            return null;
        });

        assertThat(ev.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(TcpLink.PEER_RESET);
        peer.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(peer.wasReset()).isTrue();
        ev.assertWellBehaved();
    }

    @Test
    void blackholeHoldsBothDirectionsUntilRestored() throws Exception {
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events ev = new Events(loop);
        NetLink link = connect(server, ev);
        TcpTestServer.Client peer = server.client(0, TIMEOUT);

        onLoop(() -> {
            link.fault(LinkFault.BLACKHOLE);
            link.send(ascii("up, held"));
            return null;
        });
        peer.send(ascii("down, held"));
        Thread.sleep(300);
        assertThat(peer.received()).isEmpty();
        assertThat(ev.acked()).as("nothing acknowledged: SEND OK never comes").isZero();
        assertThat(ev.data()).isEmpty();

        onLoop(() -> {
            link.fault(LinkFault.RESTORE);
            link.send(ascii(", then free"));
            return null;
        });
        assertThat(peer.awaitReceived(19, TIMEOUT)).isEqualTo(ascii("up, held, then free"));
        assertThat(ev.awaitData(10)).isEqualTo(ascii("down, held"));
        ev.awaitAcked(19);
        ev.assertWellBehaved();
    }

    @Test
    void refusedConnectionsFailUntilAllowedAgain() throws Exception {
        TcpTestServer server = closeLater(TcpTestServer.echo());
        onLoop(() -> {
            net.refuseConnections(true);
            return null;
        });
        Events refused = new Events(loop);
        onLoop(() -> net.open(tcp(server.port()), refused));
        assertThat(refused.failed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("Connection refused");
        assertThat(server.acceptedCount()).isZero();

        onLoop(() -> {
            net.refuseConnections(false);
            return null;
        });
        connect(server, new Events(loop));
        refused.assertWellBehaved();
    }

    @Test
    void dnsFaultsFailOrSlowLookupsUntilRestored() throws Exception {
        TestDnsServer dns = closeLater(new TestDnsServer(Map.of("one.test", List.of("192.0.2.1"))));
        net.close();
        net = new NettyNetwork(loop, new NetworkOptions(dns.address(), DestinationPolicy.allowAll()));

        onLoop(() -> {
            net.dnsFault(DnsFault.FAIL, 0);
            return null;
        });
        assertThat(resolve("one.test")).isEqualTo("not found");

        onLoop(() -> {
            net.dnsFault(DnsFault.SLOW, 400);
            return null;
        });
        long t0 = System.nanoTime();
        assertThat(resolve("one.test")).isEqualTo("[one.test/192.0.2.1]");
        assertThat((System.nanoTime() - t0) / MS).isGreaterThanOrEqualTo(400L);

        onLoop(() -> {
            net.dnsFault(DnsFault.RESTORE, 0);
            net.conditions(new LinkConditions(0, 0, 200, 0, 0, 0));
            return null;
        });
        t0 = System.nanoTime();
        assertThat(resolve("one.test")).isEqualTo("[one.test/192.0.2.1]");
        assertThat((System.nanoTime() - t0) / MS).as("a lookup takes a round trip").isBetween(200L, 550L);
    }

    // ---------------------------------------------------------------- helpers

    private void conditions(LinkConditions c) throws Exception {
        onLoop(() -> {
            net.conditions(c);
            return null;
        });
    }

    private NetLink connect(TcpTestServer server, Events ev) throws Exception {
        NetLink link = onLoop(() -> net.open(tcp(server.port()), ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return link;
    }

    /** Sends one byte to an echo server, waits for it, and returns the round trip. */
    private long echoMillis(NetLink link, Events ev, int total) throws Exception {
        long t0 = System.nanoTime();
        onLoop(() -> {
            link.send(new byte[] {(byte) total});
            return null;
        });
        ev.awaitData(total);
        return (System.nanoTime() - t0) / MS;
    }

    /** Bits per second between the first and the last event of a {nanos, bytes so far} series. */
    private static double rate(List<long[]> times) {
        long[] first = times.get(0);
        long[] last = times.get(times.size() - 1);
        return (last[1] - first[1]) * 8e9 / (last[0] - first[0]);
    }

    private static Void sendInChunks(NetLink link, byte[] payload) {
        for (int off = 0; off < payload.length; off += 1460) {
            link.send(Arrays.copyOfRange(payload, off, Math.min(payload.length, off + 1460)));
        }
        return null;
    }

    private String resolve(String host) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        onLoop(() -> {
            net.resolve(host, new ResolveCallback() {
                @Override
                public void onResolved(List<InetAddress> addresses) {
                    result.complete(addresses.toString());
                }

                @Override
                public void onFailed(boolean notFound) {
                    result.complete(notFound ? "not found" : "failed");
                }
            });
            return null;
        });
        return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        toClose.add(resource);
        return resource;
    }

    private <T> T onLoop(Callable<T> action) throws Exception {
        return loop.submit(action).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static LinkRequest tcp(int port) {
        return new LinkRequest(Protocol.TCP, LOCALHOST, port, 0, 5_000, null);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, LOCALHOST)) {
            return s.getLocalPort();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
