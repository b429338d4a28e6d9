package dev.sim800emu.modem.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import dev.sim800emu.modem.testing.TcpTestServer;
import dev.sim800emu.modem.testing.TestDnsServer;
import dev.sim800emu.modem.testing.UdpTestServer;
import io.netty.channel.EventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Plays transcripts against the emulator as a user runs it: a modem on a real TCP serial endpoint
 * on 127.0.0.1, real sockets through NettyNetwork, and loopback TCP, UDP and DNS servers in place
 * of the note's public addresses.
 */
final class EndpointTarget implements TranscriptTarget {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** The port transcripts open servers on; the network maps it to a free host port. */
    static final int MODEM_PORT = 1234;

    /** Servers and the event loop, shared by every run of a test class. */
    static final class World implements AutoCloseable {
        final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        final TcpTestServer tcp = TcpTestServer.scripted();
        final UdpTestServer udp = UdpTestServer.recording();
        final UdpTestServer udp2 = UdpTestServer.recording();
        /** The modem's fixed UDP port for extended mode (AT+CLPORT), free on this host. */
        final int localUdpPort = freeUdpPort();
        final TestDnsServer dns = new TestDnsServer(Map.of(
                "www.baidu.com", List.of("127.0.0.77", "127.0.0.78"),
                "www.sim.com", List.of("127.0.0.1")));

        Map<String, String> vars() {
            return Map.of("LOCAL_IP", "10.78.245.128", "LOCAL_IP2", "10.204.70.11", "SERVER", "127.0.0.1",
                    "TCP_PORT", Integer.toString(tcp.port()), "UDP_PORT", Integer.toString(udp.port()),
                    "UDP2_PORT", Integer.toString(udp2.port()), "MODEM_PORT", Integer.toString(MODEM_PORT),
                    "LOCAL_UDP_PORT", Integer.toString(localUdpPort));
        }

        private static int freeUdpPort() {
            try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            tcp.close();
            udp.close();
            udp2.close();
            dns.close();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private final World world;
    private final NettyNetwork network;
    private final TcpSerialEndpoint endpoint;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int firstClient;
    private InetSocketAddress udpPeer;
    private final int serverHostPort;
    private Socket client;

    private static int freeTcpPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private final VirtualModem modem;

    EndpointTarget(World world, boolean echoOn) throws Exception {
        this(world, echoOn, ModemConfig.builder().bootMillis(0).activationMillis(0).build());
    }

    EndpointTarget(World world, boolean echoOn, ModemConfig config) throws Exception {
        this.world = world;
        this.firstClient = world.tcp.acceptedCount();
        serverHostPort = freeTcpPort();
        network = new NettyNetwork(world.group.next(), new NetworkOptions(world.dns.address(), DestinationPolicy.allowAll(),
                java.net.InetAddress.getLoopbackAddress(), serverHostPort - MODEM_PORT));
        modem = new VirtualModem(config, network.eventLoop(), network);
        endpoint = TcpSerialEndpoint.start(modem, world.group, NettyNetwork.serverChannelType(world.group),
                new InetSocketAddress("127.0.0.1", 0), false, new SerialTrace("test", false));
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(endpoint.localAddress(), 2000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        String boot = "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";
        assertThat(new String(read(boot.length()), "ISO-8859-1")).isEqualTo(boot);
        if (!echoOn) {
            send("ATE0\r".getBytes("ISO-8859-1"));
            assertThat(new String(read(11), "ISO-8859-1")).isEqualTo("ATE0\r\r\nOK\r\n");
        }
    }

    @Override
    public void send(byte[] bytes) throws Exception {
        out.write(bytes);
        out.flush();
    }

    @Override
    public byte[] read(int n) throws Exception {
        byte[] b = new byte[n];
        int got = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (got < n) {
            int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (System.nanoTime() > deadline) {
                break;
            }
            socket.setSoTimeout(left);
            try {
                int r = in.read(b, got, n - got);
                if (r < 0) {
                    break;
                }
                got += r;
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return Arrays.copyOf(b, got);
    }

    @Override
    public byte[] rest() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        socket.setSoTimeout(100);
        byte[] b = new byte[4096];
        try {
            int r;
            while ((r = in.read(b)) > 0) {
                all.write(b, 0, r);
            }
        } catch (SocketTimeoutException e) {
            // quiet for 100 ms: the modem has nothing more to say
        }
        return all.toByteArray();
    }

    /** "tcp" is the newest connection of this run, "tcp#n" its n-th (from 0). */
    private TcpTestServer.Client client(String proto) throws InterruptedException {
        String[] parts = proto.split("#");
        if (parts.length > 1) {
            return world.tcp.client(firstClient + Integer.parseInt(parts[1]), WAIT);
        }
        int newest = Math.max(firstClient, world.tcp.acceptedCount() - 1);
        return world.tcp.client(newest, WAIT);
    }

    private final java.util.Map<TcpTestServer.Client, Integer> tcpExpected = new java.util.HashMap<>();

    @Override
    public void act(Transcript.Action a) throws Exception {
        if ("ctl".equals(a.proto())) {
            modem.control(dev.sim800emu.modem.control.json.CommandJson.parse(a.verb(), Json.parse(a.data())))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
            return;
        }
        String kind = a.proto() == null ? null : a.proto().split("#")[0];
        switch (kind == null ? a.verb() : kind + " " + a.verb()) {
            case "wait" -> Thread.sleep(a.millis());
            case "tcp send" -> client(a.proto()).send(a.data());
            case "tcp close" -> client(a.proto()).close();
            case "tcp expect" -> {
                TcpTestServer.Client c = client(a.proto());
                int from = tcpExpected.getOrDefault(c, 0);
                byte[] all = c.awaitReceived(from + a.data().length, WAIT);
                assertThat(Arrays.copyOfRange(all, from, all.length)).isEqualTo(a.data());
                tcpExpected.put(c, all.length);
            }
            case "udp expect" -> {
                UdpTestServer.Datagram d = world.udp.receive(WAIT);
                assertThat(d).as("datagram").isNotNull();
                assertThat(d.data()).isEqualTo(a.data());
                udpPeer = d.sender();
            }
            case "udp send" -> world.udp.send(a.data(), udpPeer != null ? udpPeer
                    : new InetSocketAddress("127.0.0.1", world.localUdpPort));
            case "udp2 send" -> world.udp2.send(a.data(), udpPeer != null ? udpPeer
                    : new InetSocketAddress("127.0.0.1", world.localUdpPort));
            case "udp2 expect" -> {
                UdpTestServer.Datagram d = world.udp2.receive(WAIT);
                assertThat(d).as("datagram").isNotNull();
                assertThat(d.data()).isEqualTo(a.data());
            }
            case "client connect" -> {
                client = new Socket();
                client.setTcpNoDelay(true);
                client.connect(new InetSocketAddress("127.0.0.1", serverHostPort), 2000);
            }
            case "client send" -> {
                client.getOutputStream().write(a.data());
                client.getOutputStream().flush();
            }
            case "client close" -> client.close();
            case "client expect" -> {
                client.setSoTimeout((int) WAIT.toMillis());
                byte[] got = client.getInputStream().readNBytes(a.data().length);
                assertThat(got).isEqualTo(a.data());
            }
            default -> throw new IllegalArgumentException("unknown action " + a);
        }
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            client.close();
        }
        socket.close();
        endpoint.close();
        network.eventLoop().submit(() -> { }).sync();
        // Every socket the modem opened is closed once the host has gone (power off drops links).
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (network.openChannels() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(network.openChannels()).as("link sockets left open").isZero();
        network.close();
    }
}
