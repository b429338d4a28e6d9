package dev.sim800emu.modem.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import dev.sim800emu.modem.testing.RawHost;
import dev.sim800emu.modem.testing.TcpTestServer;
import dev.sim800emu.modem.testing.TestDnsServer;
import dev.sim800emu.modem.testing.UdpTestServer;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Fuzzes the emulator as users run it: a modem on its own event loop with real loopback sockets,
 * its serial line on the raw TCP endpoint, and hosts that type random mutated command lines,
 * random bytes and lines of 20–60 KiB while reading everything the modem prints.
 *
 * <p>Everything stays on 127.0.0.1: links may only go to 127.0.0.1 (a destination policy), names
 * resolve through a loopback DNS server, the modem's server port maps to a free loopback port, and
 * lines that aim sockets are typed only as written (see {@link Inputs}).
 *
 * <p>After each host's run: {@code AT} is answered within a bounded time; the host leaves and is
 * seen to leave (the modem powers off) within a second, or the next host connects right away and
 * gets the line; no link socket is left open; no internal error was caught.
 */
final class EndpointFuzz implements AutoCloseable {
    static final int MODEM_SERVER_PORT = 8888;
    private static final Duration ANSWER = Duration.ofSeconds(5);

    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final TestDnsServer dns = new TestDnsServer(Map.of("peer.test", List.of("127.0.0.1")));
    private final TcpTestServer tcp = TcpTestServer.echo();
    private final UdpTestServer udp = UdpTestServer.echo();
    private final NettyNetwork network;
    private final VirtualModem modem;
    private final TcpSerialEndpoint endpoint;
    private RawHost host;
    long inputs;
    long bytes;
    long hosts;

    EndpointFuzz() throws Exception {
        int serverPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serverPort = s.getLocalPort();
        }
        NetworkOptions options = new NetworkOptions(dns.address(),
                DestinationPolicy.parse(List.of("127.0.0.1/32"), List.of()), InetAddress.getLoopbackAddress(),
                serverPort - MODEM_SERVER_PORT);
        network = new NettyNetwork(group.next(), options);
        modem = new VirtualModem(ModemConfig.builder().bootMillis(0).activationMillis(100)
                .connectTimeoutMillis(2_000).build(), network.eventLoop(), network);
        endpoint = TcpSerialEndpoint.start(modem, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), false, new SerialTrace("fuzz", false));
    }

    /**
     * One host: connects (it must get the line), types {@code count} inputs, checks liveness and
     * leaves. With {@code reconnectAtOnce} the next host connects right after this one closed.
     */
    void run(Random r, int count, boolean reconnectAtOnce) throws Exception {
        if (host == null) {
            connect();
        }
        for (int i = 0; i < count; i++) {
            input(r);
            inputs++;
        }
        assertLive();
        host.close();
        host = null;
        if (reconnectAtOnce) {
            connect();
            return;
        }
        assertThat(awaitModem(e -> e.power() == ModemEngine.Power.OFF, Duration.ofSeconds(1)))
                .as("the host that left is seen to leave within 1 s").isTrue();
        awaitNoLinks();
    }

    /** Ends with a host on the line (a last one connects if the last run's host left). */
    void finish() throws Exception {
        if (host == null) {
            connect();
        }
    }

    /**
     * A new host connects and gets the line, with no link of the previous one left. (What it sees
     * at boot depends on what earlier hosts saved with AT&W: nothing at all with AT+IPR=0.)
     */
    void connect() throws Exception {
        host = RawHost.connect(endpoint.localAddress());
        hosts++;
        awaitNoLinks();
        host.write("AT&F\r");
        host.write("ATE0\r");
        Thread.sleep(100);
        host.skip();
        assertThat(host.cmd("AT", "\r\nOK\r\n", ANSWER)).as("the new host gets the line and is answered; %s",
                host.eof() ? "refused" : "output: " + host.text()).isTrue();
    }

    private void input(Random r) throws IOException, InterruptedException {
        int k = r.nextInt(100);
        byte[] b;
        if (k < 78) {
            b = Inputs.ascii(Inputs.randomLine(r).text(tcp.port(), udp.port(), MODEM_SERVER_PORT, true));
        } else if (k < 88) {
            b = new byte[1 + r.nextInt(300)];
            r.nextBytes(b);
        } else if (k < 91) {
            b = Inputs.randomLongLine(r, 20 * 1024, 60 * 1024).bytes();
        } else if (k < 98) {
            b = Inputs.ascii(List.of("\u001a", "\u001b", "hello", "+++", "\r\n").get(r.nextInt(5)));
        } else {
            Thread.sleep(r.nextInt(20));
            return;
        }
        bytes += b.length;
        host.write(b);
    }

    /** Escapes data mode and payloads, restores factory settings, then AT must be answered. */
    private void assertLive() throws Exception {
        Thread.sleep(300); // links still connecting or resolving settle
        // A transparent-mode CIPSTART typed last may connect only after that (a loaded machine, or
        // Netty's PARANOID leak detection in the tests); the reset lines then went to the link as
        // data, so the modem is escaped again and the lines typed again.
        for (int attempt = 0; attempt < 3; attempt++) {
            if (onModem(ModemEngine::inDataMode)) {
                Thread.sleep(1_100);
                host.write("+++");
                Thread.sleep(1_100);
            }
            for (int i = 0; i < 2; i++) {
                host.write("\u001b" + "x".repeat(1_460) + "\r\n");
                Thread.sleep(150);
            }
            host.write("AT&F\r");
            host.write("ATE0\r");
            Thread.sleep(300);
            if (!onModem(ModemEngine::inDataMode)) {
                break;
            }
        }
        host.skip();
        assertThat(host.cmd("AT", "\r\nOK\r\n", ANSWER)).as("AT answered within %s; output: %s", ANSWER,
                host.text()).isTrue();
        assertThat(onModem(ModemEngine::inputReady)).as("input ready").isTrue();
        assertThat(onModem(ModemEngine::internalErrors)).as("internal errors").isZero();
    }

    private void awaitNoLinks() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (network.openChannels() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(network.openChannels()).as("link sockets left open after the host left: %s", channels()).isZero();
    }

    private String channels() {
        try {
            java.lang.reflect.Field f = NettyNetwork.class.getDeclaredField("channels");
            f.setAccessible(true);
            StringBuilder sb = new StringBuilder();
            @SuppressWarnings("unchecked")
            Iterable<io.netty.channel.Channel> all = (Iterable<io.netty.channel.Channel>) f.get(network);
            for (io.netty.channel.Channel c : all) {
                sb.append(c).append(c.getClass().getSimpleName()).append(" open=").append(c.isOpen())
                        .append(" active=").append(c.isActive()).append("; ");
            }
            return sb.toString();
        } catch (ReflectiveOperationException e) {
            return e.toString();
        }
    }

    private <T> T onModem(Function<ModemEngine, T> f) throws Exception {
        Object[] box = new Object[1];
        modem.runAndWait(e -> box[0] = f.apply(e)).get(5, TimeUnit.SECONDS);
        @SuppressWarnings("unchecked")
        T t = (T) box[0];
        return t;
    }

    private boolean awaitModem(Function<ModemEngine, Boolean> f, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (onModem(f)) {
                return true;
            }
            Thread.sleep(5);
        }
        return onModem(f);
    }

    @Override
    public void close() throws Exception {
        try {
            if (host != null) {
                host.close();
            }
            endpoint.close();
        } finally {
            network.close();
            tcp.close();
            udp.close();
            dns.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
