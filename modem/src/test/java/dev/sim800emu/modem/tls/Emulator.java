package dev.sim800emu.modem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.netty.TlsPolicy;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import dev.sim800emu.modem.testing.RawHost;
import dev.sim800emu.modem.testing.TestDnsServer;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real emulator for TLS and application tests: serial line over TCP, NettyNetwork with a
 * {@link TlsPolicy}, and a DNS server that knows "tls.test" and "www.tls.test" (127.0.0.1) and
 * fails "broken.test". Echo is off once started.
 */
final class Emulator implements AutoCloseable {
    static final Duration T = Duration.ofSeconds(10);

    final TestDnsServer dns = new TestDnsServer(
            Map.of("tls.test", List.of("127.0.0.1"), "www.tls.test", List.of("127.0.0.1")), Set.of("broken.test"));
    final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    final NettyNetwork network;
    final VirtualModem modem;
    final TcpSerialEndpoint endpoint;
    final RawHost host;

    Emulator(TlsPolicy tls) throws Exception {
        this(tls, ModemConfig.builder().bootMillis(0).activationMillis(0).build());
    }

    Emulator(TlsPolicy tls, ModemConfig config) throws Exception {
        network = new NettyNetwork(group.next(), new NetworkOptions(dns.address(), DestinationPolicy.allowAll()), tls);
        modem = new VirtualModem(config, network.eventLoop(), network);
        endpoint = TcpSerialEndpoint.start(modem, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), false, new SerialTrace("tls", false));
        host = RawHost.connectBooted(endpoint.localAddress(), T);
        host.write("ATE0\r");
        assertThat(host.await("OK\r\n", T)).isTrue();
    }

    /** Sends {@code line} + CR and checks that the modem answers exactly {@code reply}. */
    void expect(String line, String reply) throws Exception {
        host.write(line + "\r");
        expect(reply);
    }

    /** The next bytes the modem prints are exactly {@code reply}. */
    void expect(String reply) {
        assertThat(host.take(reply.length(), T)).as("reply").isEqualTo(reply);
    }

    /** Nothing more arrives within {@code millis}. */
    void quiet(long millis) {
        assertThat(host.take(1, Duration.ofMillis(millis))).as("unexpected output").isEmpty();
    }

    void bringUpMulti() throws Exception {
        expect("AT+CIPMUX=1", "\r\nOK\r\n");
        expect("AT+CSTT=\"CMNET\"", "\r\nOK\r\n");
        expect("AT+CIICR", "\r\nOK\r\n");
        expect("AT+CIFSR", "\r\n10.78.245.128\r\n");
    }

    @Override
    public void close() throws Exception {
        host.close();
        endpoint.close();
        network.close();
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
        dns.close();
    }
}
