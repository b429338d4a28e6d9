package dev.sim800emu.modem.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import dev.sim800emu.modem.testing.RawHost;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The emulator as a user runs it, in-process: one modem on its own epoll (or NIO) event loop, real
 * sockets through {@link NettyNetwork}, and the serial line on a {@link TcpSerialEndpoint} at
 * 127.0.0.1 with a {@link HostDriver} connected to it. Closing disconnects the host (which powers
 * the modem off and drops its links) and then checks that no link socket is left open and that the
 * engine caught no internal error.
 */
final class Rig implements AutoCloseable {
    static final String LOCAL_IP = "10.78.245.128";

    final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    final NettyNetwork network;
    final VirtualModem modem;
    final TcpSerialEndpoint endpoint;
    /** The host: a parsing driver, or null when the rig was made {@link #raw}. */
    final HostDriver host;
    /** A raw host (exact bytes), for rigs made {@link #raw}; null otherwise. */
    final RawHost raw;

    private Rig(NetworkOptions options) throws Exception {
        this(options, config().build(), false, false);
    }

    private Rig(NetworkOptions options, ModemConfig config, boolean keepPowered, boolean rawHost) throws Exception {
        network = new NettyNetwork(group.next(), options);
        modem = new VirtualModem(config, network.eventLoop(), network);
        endpoint = TcpSerialEndpoint.start(modem, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), keepPowered, new SerialTrace("integration", false));
        if (rawHost) {
            host = null;
            raw = RawHost.connectBooted(endpoint.localAddress(), HostDriver.TIMEOUT);
            raw.write("ATE0\r");
            raw.expect("ATE0\r\r\nOK\r\n", HostDriver.TIMEOUT);
        } else {
            host = HostDriver.connect(endpoint.localAddress());
            raw = null;
        }
    }

    /** The rigs' modem configuration: ready at once, CIICR at once. */
    static ModemConfig.Builder config() {
        return ModemConfig.builder().bootMillis(0).activationMillis(0);
    }

    /** A rig with its own network options and modem configuration; {@code rawHost}: a {@link RawHost}. */
    static Rig with(NetworkOptions options, ModemConfig config, boolean keepPowered, boolean rawHost)
            throws Exception {
        return new Rig(options, config, keepPowered, rawHost);
    }

    /** A modem whose links may go anywhere, with a {@link RawHost} past the boot URCs and ATE0. */
    static Rig raw() throws Exception {
        return with(new NetworkOptions(null, DestinationPolicy.allowAll()), config().build(), false, true);
    }

    /** A modem whose links may go anywhere (the tests only use 127.0.0.1) and no DNS server. */
    static Rig start() throws Exception {
        return new Rig(new NetworkOptions(null, DestinationPolicy.allowAll()));
    }

    /** A modem whose server port {@code modemPort} is host port {@code hostPort} on loopback. */
    static Rig withServerPort(int modemPort, int hostPort) throws Exception {
        return new Rig(new NetworkOptions(null, DestinationPolicy.allowAll(), InetAddress.getLoopbackAddress(),
                hostPort - modemPort));
    }

    /** A loopback port that was free a moment ago. */
    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Multi mode with context 0 up: CIPMUX=1, optional settings, CSTT, CIICR, CIFSR. */
    void bringUpMulti(String... settings) {
        ok("AT+CIPMUX=1");
        for (String s : settings) {
            ok(s);
        }
        bringUpContext();
    }

    void bringUpContext() {
        ok("AT+CSTT=\"CMNET\"");
        ok("AT+CIICR");
        if (raw != null) {
            exact("AT+CIFSR", "\r\n" + LOCAL_IP + "\r\n");
            return;
        }
        assertThat(host.cmd("AT+CIFSR", t -> true)).containsExactly(LOCAL_IP);
    }

    /** Raw host: sends {@code line} and CR; the modem's next bytes are exactly {@code answer}. */
    void exact(String line, String answer) {
        try {
            raw.write(line + "\r");
        } catch (java.io.IOException e) {
            throw new AssertionError("serial write failed", e);
        }
        raw.expect(answer, HostDriver.TIMEOUT);
    }

    /** Multi-mode TCP link {@code id} to 127.0.0.1:{@code port}, waiting for CONNECT OK. */
    void connect(int id, int port) {
        ok("AT+CIPSTART=" + id + ",\"TCP\",\"127.0.0.1\"," + port);
        host.awaitUrc(HostDriver.UrcKind.CONNECT_OK, id, HostDriver.TIMEOUT);
    }

    void ok(String line) {
        if (raw != null) {
            exact(line, "\r\nOK\r\n");
            return;
        }
        assertThat(host.cmd(line)).as(line).containsExactly("OK");
    }

    /** AT answers OK, and the engine has caught no internal error. */
    void assertResponsive() throws Exception {
        if (raw != null) {
            raw.write("AT\r");
            raw.expect("\r\nOK\r\n", HostDriver.TIMEOUT);
        } else {
            ok("AT");
        }
        assertThat(internalErrors()).as("engine internal errors").isZero();
    }

    long internalErrors() throws Exception {
        long[] n = new long[1];
        modem.runAndWait(e -> n[0] = e.internalErrors()).get(5, TimeUnit.SECONDS);
        return n[0];
    }

    /** Polls {@link NettyNetwork#openChannels()} until it equals {@code expected}, then asserts it. */
    void awaitOpenChannels(int expected, String why) throws InterruptedException {
        long deadline = System.nanoTime() + HostDriver.TIMEOUT.toNanos();
        while (network.openChannels() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(network.openChannels()).as("open channels " + why).isEqualTo(expected);
    }

    /** The C: lines of AT+CIPSTATUS (after OK, STATE and the optional S: line). */
    List<String> linkLines() {
        List<String> r = host.status();
        return r.stream().filter(t -> t.startsWith("C: ")).toList();
    }

    @Override
    public void close() throws Exception {
        Throwable failure = null;
        try {
            assertThat(internalErrors()).as("engine internal errors").isZero();
        } catch (Throwable t) {
            failure = t;
        }
        try {
            if (host != null) {
                host.close();
            }
            if (raw != null) {
                raw.close();
            }
            endpoint.close();
            network.eventLoop().submit(() -> { }).sync();
            // The host has gone: power off drops every link, so no link socket may stay open.
            awaitOpenChannels(0, "after the host disconnected (link sockets left open)");
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            } else {
                failure.addSuppressed(t);
            }
        } finally {
            network.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }
}
