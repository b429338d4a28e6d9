package dev.sim800emu.modem.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.testing.TcpTestServer;
import dev.sim800emu.modem.testing.TestDnsServer;
import dev.sim800emu.modem.testing.UdpTestServer;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link NettyNetwork} against loopback servers, on the native (epoll) transport and on NIO. */
class NettyNetworkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();
    private static final EventLoopGroup NATIVE = NettyNetwork.newEventLoopGroup(1);
    private static final EventLoopGroup NIO = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private EventLoop loop;
    private NettyNetwork net;

    static Stream<String> transports() {
        return Stream.of("native", "nio");
    }

    private NettyNetwork network(String transport) {
        return network(transport, NetworkOptions.defaults());
    }

    private NettyNetwork network(String transport, NetworkOptions options) {
        loop = ("nio".equals(transport) ? NIO : NATIVE).next();
        net = new NettyNetwork(loop, options);
        return net;
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        toClose.add(resource);
        return resource;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (net != null) {
            net.close();
        }
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @AfterAll
    static void shutDown() {
        NATIVE.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        NIO.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ---------------------------------------------------------------- TCP

    @Test
    void nativeLoopsUseEpollAndMeasurePeerAcks() {
        network("native");
        if (Epoll.isAvailable()) {
            assertThat(net.transport()).isEqualTo("epoll");
            assertThat(net.measuresPeerAcks()).isEqualTo(Libc.available());
            assertThat(Libc.available()).as("JNA ioctl on Linux x86-64").isTrue();
            assertThat(NettyNetwork.serverChannelType(NATIVE)).isEqualTo(EpollServerSocketChannel.class);
        }
        assertThat(net.eventLoop()).isSameAs(loop);
        assertThat(network("nio").transport()).isEqualTo("nio");
        assertThat(net.measuresPeerAcks()).isFalse();
        assertThat(NettyNetwork.serverChannelType(NIO)).isEqualTo(NioServerSocketChannel.class);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void tcpEchoRoundTripIsAcknowledged(String transport) throws Exception {
        network(transport);
        TcpTestServer server = closeLater(TcpTestServer.echo());
        Events ev = new Events(loop);
        NetLink link = onLoop(() -> net.open(tcp(server.port()), ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        byte[] payload = randomBytes(200_000);
        onLoop(() -> {
            for (int off = 0; off < payload.length; off += 1460) {
                link.send(Arrays.copyOfRange(payload, off, Math.min(payload.length, off + 1460)));
            }
            return null;
        });

        assertThat(ev.awaitData(payload.length)).isEqualTo(payload);
        ev.awaitAcked(payload.length);
        assertThat(ev.ackHistory()).isSorted().last().isEqualTo((long) payload.length);
        assertThat(ev.log()).startsWith("connected").doesNotContain("closed", "failed");
        ev.assertWellBehaved();

        onLoop(() -> {
            link.close(false);
            return null;
        });
        server.client(0, TIMEOUT).closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        awaitNoOpenChannels();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void acknowledgementsCatchUpWhenTheStalledPeerReadsAgain(String transport) throws Exception {
        network(transport);
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events ev = new Events(loop);
        NetLink link = onLoop(() -> net.open(tcp(server.port()), ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        TcpTestServer.Client peer = server.client(0, TIMEOUT);
        peer.setReading(false);

        // Far more than fits in both sides' socket buffers, so most of it waits for the peer.
        int total = 48 * 1024 * 1024;
        byte[] chunk = randomBytes(64 * 1024);
        onLoop(() -> {
            for (int sent = 0; sent < total; sent += chunk.length) {
                link.send(chunk);
            }
            return null;
        });
        assertThat(onLoop(ev::acked)).isLessThan(total);

        peer.setReading(true);
        peer.awaitReceived(total, TIMEOUT);
        ev.awaitAcked(total);
        assertThat(ev.ackHistory()).isSorted();
        ev.assertWellBehaved();
    }

    @Test
    void refusedConnectFails() throws Exception {
        network("native");
        try (Socket holder = new Socket()) {
            // Bound but not listening: connecting to it is refused.
            holder.bind(new InetSocketAddress(LOCALHOST, 0));
            Events ev = new Events(loop);
            onLoop(() -> net.open(tcp(holder.getLocalPort()), ev));
            assertThat(ev.failed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotBlank();
        }
        awaitNoOpenChannels();
    }

    @Test
    void connectTimeoutFails() throws Exception {
        network("native");
        // A listener that never accepts, with its accept queue filled: further SYNs are dropped,
        // so a connect to it can only time out.
        try (ServerSocket full = new ServerSocket(0, 1, LOCALHOST)) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket();
                    fillers.add(s);
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                    } catch (java.io.IOException queueFull) {
                        break;
                    }
                }
                Events ev = new Events(loop);
                LinkRequest req = new LinkRequest(Protocol.TCP, LOCALHOST, full.getLocalPort(), 0, 200, null);
                onLoop(() -> net.open(req, ev));
                assertThat(ev.failed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("connect timed out");
                ev.assertWellBehaved();
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
        awaitNoOpenChannels();
    }

    /**
     * A graceful close of a link that has not connected yet ends the attempt at once: there is
     * nothing to deliver, and an attempt left running would outlive the modem's hold on it (found
     * by the endpoint fuzzer: a CIPCLOSE during a slow connect kept the socket past a power off).
     */
    @ParameterizedTest
    @MethodSource("transports")
    void closingAConnectingLinkEndsTheAttemptAtOnce(String transport) throws Exception {
        network(transport);
        try (ServerSocket full = new ServerSocket(0, 1, LOCALHOST)) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket();
                    fillers.add(s);
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                    } catch (java.io.IOException queueFull) {
                        break;
                    }
                }
                Events ev = new Events(loop);
                LinkRequest req = new LinkRequest(Protocol.TCP, LOCALHOST, full.getLocalPort(), 0, 60_000, null);
                NetLink link = onLoop(() -> net.open(req, ev));
                assertThat(net.openChannels()).isEqualTo(1);
                onLoop(() -> {
                    link.close(false);
                    return null;
                });
                awaitNoOpenChannels();
                assertThat(ev.log()).as("the engine let go: no event follows").isEmpty();
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void peerCloseIsReportedAfterItsDataAndOurAcks(String transport) throws Exception {
        network(transport);
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events ev = new Events(loop);
        NetLink link = onLoop(() -> net.open(tcp(server.port()), ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        TcpTestServer.Client peer = server.client(0, TIMEOUT);

        onLoop(() -> {
            link.send(ascii("hello"));
            return null;
        });
        peer.awaitReceived(5, TIMEOUT);
        peer.send(ascii("bye"));
        peer.close();

        assertThat(ev.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotBlank();
        assertThat(ev.log()).containsSubsequence("connected", "acked:5", "data:3", "closed");
        assertThat(ev.data()).isEqualTo(ascii("bye"));
        ev.assertWellBehaved();
        awaitNoOpenChannels();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void peerResetIsReported(String transport) throws Exception {
        network(transport);
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events ev = new Events(loop);
        onLoop(() -> net.open(tcp(server.port()), ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        server.client(0, TIMEOUT).reset();

        assertThat(ev.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotBlank();
        ev.assertWellBehaved();
        awaitNoOpenChannels();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void localAbortResetsThePeerAndReportsNothing(String transport) throws Exception {
        network(transport);
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events ev = new Events(loop);
        NetLink link = onLoop(() -> net.open(tcp(server.port()), ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        TcpTestServer.Client peer = server.client(0, TIMEOUT);

        onLoop(() -> {
            link.close(true);
            return null;
        });
        peer.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        onLoop(() -> null); // anything the close could have triggered has run by now

        assertThat(peer.wasReset()).isTrue();
        assertThat(ev.log()).containsExactly("connected");
        awaitNoOpenChannels();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void gracefulCloseDeliversQueuedDataThenFin(String transport) throws Exception {
        network(transport);
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events ev = new Events(loop);
        NetLink link = onLoop(() -> net.open(tcp(server.port()), ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        TcpTestServer.Client peer = server.client(0, TIMEOUT);

        byte[] payload = randomBytes(2 * 1024 * 1024);
        onLoop(() -> {
            link.send(payload);
            link.close(false);
            return null;
        });

        peer.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(peer.received()).isEqualTo(payload);
        assertThat(peer.wasReset()).isFalse();
        onLoop(() -> null);
        assertThat(ev.log()).containsExactly("connected");
        awaitNoOpenChannels();
    }

    @Test
    void tcpBindsTheRequestedLocalPort() throws Exception {
        network("native");
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        int localPort = freePort();
        Events ev = new Events(loop);
        LinkRequest req = new LinkRequest(Protocol.TCP, LOCALHOST, server.port(), localPort, 5_000, null);
        onLoop(() -> net.open(req, ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(server.client(0, TIMEOUT).remoteAddress().getPort()).isEqualTo(localPort);
    }

    @Test
    void tcpLocalPortInUseFailsToConnect() throws Exception {
        network("native");
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events ev = new Events(loop);
        LinkRequest req = new LinkRequest(Protocol.TCP, LOCALHOST, server.port(), server.port(), 5_000, null);
        onLoop(() -> net.open(req, ev));
        assertThat(ev.failed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotBlank();
        assertThat(server.acceptedCount()).isZero();
        awaitNoOpenChannels();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void keepAliveSettingsReachTheSocket(String transport) throws Exception {
        network(transport);
        TcpTestServer server = closeLater(TcpTestServer.echo());
        Events ev = new Events(loop);
        LinkRequest req = new LinkRequest(Protocol.TCP, LOCALHOST, server.port(), 0, 5_000,
                new LinkRequest.KeepAlive(30, 10, 3));
        NetLink link = onLoop(() -> net.open(req, ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        ChannelConfig config = ((ChannelLink) link).channel.config();
        assertThat(onLoop(() -> config.getOption(ChannelOption.SO_KEEPALIVE))).isTrue();
        ChannelOption<Integer> idle = "nio".equals(transport)
                ? NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE)
                : EpollChannelOption.TCP_KEEPIDLE;
        if ("nio".equals(transport) || Epoll.isAvailable()) {
            assertThat(onLoop(() -> config.getOption(idle))).isEqualTo(30);
        }
        onLoop(() -> {
            link.send(ascii("ka"));
            return null;
        });
        assertThat(ev.awaitData(2)).isEqualTo(ascii("ka"));
    }

    // ---------------------------------------------------------------- UDP

    @ParameterizedTest
    @MethodSource("transports")
    void udpSendsAndReceivesFromAnySender(String transport) throws Exception {
        network(transport);
        UdpTestServer echo = closeLater(UdpTestServer.echo());
        UdpTestServer other = closeLater(UdpTestServer.recording());
        Events ev = new Events(loop);
        NetLink link = onLoop(() -> net.open(udp(echo.port(), 0), ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        onLoop(() -> {
            link.send(ascii("ping"));
            return null;
        });
        UdpTestServer.Datagram atEcho = echo.receive(TIMEOUT);
        assertThat(atEcho.data()).isEqualTo(ascii("ping"));
        assertThat(ev.awaitData(4)).isEqualTo(ascii("ping"));
        assertThat(ev.senders()).containsExactly(echo.address());
        ev.awaitAcked(4);

        // Extended mode: to another destination, and from a sender never contacted.
        onLoop(() -> {
            link.sendTo(ascii("to-other"), other.address());
            return null;
        });
        assertThat(other.receive(TIMEOUT).data()).isEqualTo(ascii("to-other"));
        ev.awaitAcked(12);
        other.send(ascii("hi"), new InetSocketAddress(LOCALHOST, atEcho.sender().getPort()));
        assertThat(ev.awaitData(6)).isEqualTo(ascii("pinghi"));
        assertThat(ev.senders()).containsExactly(echo.address(), other.address());
        ev.assertWellBehaved();

        onLoop(() -> {
            link.close(false);
            return null;
        });
        awaitNoOpenChannels();
        onLoop(() -> null);
        assertThat(ev.log()).doesNotContain("closed");
    }

    @Test
    void udpLocalPortInUseFailsToConnect() throws Exception {
        network("native");
        UdpTestServer server = closeLater(UdpTestServer.recording());
        Events ev = new Events(loop);
        onLoop(() -> net.open(udp(server.port(), server.port()), ev));
        assertThat(ev.failed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotBlank();
        awaitNoOpenChannels();
    }

    @Test
    void udpToDeniedDestinationIsDroppedButCounted() throws Exception {
        DestinationPolicy policy = DestinationPolicy.parse(List.of(), List.of("127.0.0.2/32"));
        network("native", new NetworkOptions(null, policy));
        UdpTestServer echo = closeLater(UdpTestServer.echo());
        Events ev = new Events(loop);
        NetLink link = onLoop(() -> net.open(udp(echo.port(), 0), ev));
        ev.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        onLoop(() -> {
            link.sendTo(ascii("nope"), new InetSocketAddress(InetAddress.getByName("127.0.0.2"), echo.port()));
            return null;
        });
        ev.awaitAcked(4);
    }

    // ---------------------------------------------------------------- policy

    @ParameterizedTest
    @MethodSource("protocols")
    void deniedDestinationFailsAfterOpenReturns(Protocol protocol) throws Exception {
        DestinationPolicy policy = DestinationPolicy.parse(List.of("10.0.0.0/8"), List.of("127.0.0.1"));
        network("native", new NetworkOptions(null, policy));
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events ev = new Events(loop);
        List<String> duringOpen = onLoop(() -> {
            net.open(new LinkRequest(protocol, LOCALHOST, server.port(), 0, 5_000, null), ev);
            return ev.log();
        });
        assertThat(duringOpen).isEmpty();
        assertThat(ev.failed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("destination denied by policy");
        assertThat(server.acceptedCount()).isZero();
        assertThat(net.openChannels()).isZero();
    }

    static Stream<Protocol> protocols() {
        return Stream.of(Protocol.TCP, Protocol.UDP);
    }

    @Test
    void refusedLinkClosedBeforeTheFailureHearsNothing() throws Exception {
        network("native", new NetworkOptions(null, DestinationPolicy.parse(List.of(), List.of("127.0.0.0/8"))));
        Events ev = new Events(loop);
        onLoop(() -> {
            net.open(tcp(9), ev).close(true);
            return null;
        });
        onLoop(() -> null);
        assertThat(ev.log()).isEmpty();
    }

    // ---------------------------------------------------------------- names

    @Test
    void resolvesThroughTheConfiguredServer() throws Exception {
        TestDnsServer dns = closeLater(new TestDnsServer(
                Map.of("one.test", List.of("192.0.2.1"), "two.test", List.of("192.0.2.10", "192.0.2.11")),
                Set.of("broken.test")));
        network("native", new NetworkOptions(dns.address(), DestinationPolicy.allowAll()));

        assertThat(resolve("one.test").addresses())
                .containsExactly(InetAddress.getByName("192.0.2.1"));
        assertThat(resolve("two.test").addresses())
                .containsExactlyInAnyOrder(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("192.0.2.11"));
        assertThat(resolve("missing.test").notFound()).isTrue();
        assertThat(resolve("broken.test").notFound()).isFalse();
        assertThat(dns.queries()).isPositive();
    }

    @Test
    void hostsFileStillAnswersLocalhost() throws Exception {
        TestDnsServer dns = closeLater(new TestDnsServer(Map.of()));
        network("native", new NetworkOptions(dns.address(), DestinationPolicy.allowAll()));
        assertThat(resolve("localhost").addresses())
                .containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(dns.queries()).isZero();
    }

    /** What a lookup produced: addresses, or the notFound flag of the failure. */
    private record Outcome(List<InetAddress> addresses, Boolean notFound) {
    }

    /** Resolves on the loop and waits for the callback. */
    private Outcome resolve(String host) throws Exception {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        boolean[] inCall = {false};
        onLoop(() -> {
            inCall[0] = true;
            net.resolve(host, new ResolveCallback() {
                @Override
                public void onResolved(List<InetAddress> addresses) {
                    check();
                    result.complete(new Outcome(addresses, null));
                }

                @Override
                public void onFailed(boolean notFound) {
                    check();
                    result.complete(new Outcome(List.of(), notFound));
                }

                private void check() {
                    if (!loop.inEventLoop() || inCall[0]) {
                        result.completeExceptionally(new AssertionError("callback off the loop or inside resolve()"));
                    }
                }
            });
            inCall[0] = false;
            return null;
        });
        return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- shutdown

    @Test
    void closingTheNetworkClosesEverySocketSilently() throws Exception {
        network("native");
        TcpTestServer server = closeLater(TcpTestServer.scripted());
        Events tcpEv = new Events(loop);
        Events udpEv = new Events(loop);
        onLoop(() -> net.open(tcp(server.port()), tcpEv));
        onLoop(() -> net.open(udp(server.port(), 0), udpEv));
        tcpEv.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        udpEv.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(net.openChannels()).isEqualTo(2);

        net.close();

        server.client(0, TIMEOUT).closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        awaitNoOpenChannels();
        onLoop(() -> null);
        assertThat(tcpEv.log()).containsExactly("connected");
        assertThat(udpEv.log()).containsExactly("connected");
    }

    // ---------------------------------------------------------------- helpers

    private static LinkRequest tcp(int port) {
        return new LinkRequest(Protocol.TCP, LOCALHOST, port, 0, 5_000, null);
    }

    private static LinkRequest udp(int port, int localPort) {
        return new LinkRequest(Protocol.UDP, LOCALHOST, port, localPort, 5_000, null);
    }

    private <T> T onLoop(Callable<T> action) throws Exception {
        return loop.submit(action).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void awaitNoOpenChannels() {
        eventually(() -> net.openChannels() == 0, "open channels: " + net.openChannels());
    }

    /** Bounded wait for a condition that no future or latch signals. */
    private static void eventually(BooleanSupplier condition, String message) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, LOCALHOST)) {
            return s.getLocalPort();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
