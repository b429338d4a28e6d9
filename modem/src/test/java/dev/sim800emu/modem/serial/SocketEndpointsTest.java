package dev.sim800emu.modem.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.testing.RawHost;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The socket endpoints (raw TCP, RFC 2217) over real loopback sockets (issue 8): a host that leaves
 * is seen to leave even while the modem takes no input, and hosts that connect right after the
 * previous one closed are never refused as "serial line busy".
 */
@Timeout(60)
class SocketEndpointsTest {
    private static final Duration T = Duration.ofSeconds(5);

    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private NettyNetwork network;
    private VirtualModem modem;
    private AutoCloseable endpoint;

    private InetSocketAddress start(String kind, long activationMillis) throws Exception {
        network = new NettyNetwork(group.next(), NetworkOptions.defaults());
        modem = new VirtualModem(ModemConfig.builder().bootMillis(0).activationMillis(activationMillis).build(),
                network.eventLoop(), network);
        InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 0);
        SerialTrace trace = new SerialTrace("test", false);
        if (kind.equals("tcp")) {
            TcpSerialEndpoint e = TcpSerialEndpoint.start(modem, group, NettyNetwork.serverChannelType(group), bind,
                    false, trace);
            endpoint = e;
            return e.localAddress();
        }
        Rfc2217Endpoint e = Rfc2217Endpoint.start(modem, group, NettyNetwork.serverChannelType(group), bind, false,
                trace);
        endpoint = e;
        return e.localAddress();
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
        if (network != null) {
            network.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private <T> T onModem(Function<ModemEngine, T> f) throws Exception {
        Object[] r = new Object[1];
        modem.runAndWait(e -> r[0] = f.apply(e)).get(5, TimeUnit.SECONDS);
        @SuppressWarnings("unchecked")
        T t = (T) r[0];
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

    /**
     * CIICR runs for 10 s with 512 KiB typed behind it, so the modem takes no input; the host then
     * closes. Its FIN is queued behind bytes the modem has not read, yet the modem must see it go
     * within a second (it powers off) and take the next host.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rfc2217"})
    void aHostThatLeavesWhileInputIsPausedIsSeenToLeave(String kind) throws Exception {
        InetSocketAddress serial = start(kind, 10_000);
        RawHost a = RawHost.connectBooted(serial, T);
        assertThat(a.cmd("ATE0", "OK\r\n", T)).isTrue();
        assertThat(a.cmd("AT+CSTT=\"CMNET\"", "OK\r\n", T)).isTrue();
        byte[] typed = new byte[512 * 1024];
        Arrays.fill(typed, (byte) 'x');
        a.write("AT+CIICR\r");
        a.writeAsync(typed);
        assertThat(awaitModem(e -> !e.inputReady(), T)).as("input paused behind CIICR").isTrue();
        Thread.sleep(100);
        a.close();
        assertThat(awaitModem(e -> e.power() == ModemEngine.Power.OFF, Duration.ofSeconds(1)))
                .as("the host's close is noticed within 1 s although input is paused").isTrue();
        try (RawHost b = RawHost.connectBooted(serial, T)) {
            assertThat(b.cmd("AT", "OK\r\n", T)).as("the next host gets the line").isTrue();
        }
    }

    /**
     * 20 hosts, each connecting right after the previous one closed: every one gets the line, also
     * when the previous one left while a command was running (CIICR, 100 ms) with a burst of input
     * typed behind it, so that the modem was not reading it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rfc2217"})
    void hostsConnectingRightAfterThePreviousClosedAreNeverRefused(String kind) throws Exception {
        InetSocketAddress serial = start(kind, 100);
        byte[] burst = new byte[Integer.getInteger("burst", 256 * 1024)];
        Arrays.fill(burst, (byte) 'x');
        for (int i = 0; i < Integer.getInteger("reconnects", 20); i++) {
            RawHost h;
            try {
                h = RawHost.connectBooted(serial, T);
            } catch (AssertionError e) {
                throw new AssertionError("host " + i + ": " + e.getMessage(), e);
            }
            assertThat(h.cmd("AT", "OK\r\n", T)).as("host %d answered", i).isTrue();
            if (i % 2 == 1) {
                assertThat(h.cmd("AT+CSTT=\"CMNET\"", "OK\r\n", T)).isTrue();
                h.write("AT+CIICR\r");
                h.writeAsync(burst);
                Thread.sleep(5);
            }
            h.close();
        }
    }
}
