package dev.sim800emu.modem.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.ControlException;
import dev.sim800emu.modem.control.ControlTarget;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.scenario.Scenario;
import dev.sim800emu.modem.scenario.ScenarioListener;
import dev.sim800emu.modem.scenario.ScenarioParser;
import dev.sim800emu.modem.scenario.Step;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import dev.sim800emu.modem.testing.TcpTestServer;
import io.netty.channel.EventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario file run end to end: the emulator's real TCP serial endpoint and real sockets, a host
 * typing the dialog, and the scenario's {@code pdp-deact} 300 ms after CONNECT OK reaching the
 * host as +PDP: DEACT.
 */
@Timeout(30)
class ScenarioEndToEndTest {
    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final NettyNetwork network = new NettyNetwork(group.next(),
            new NetworkOptions(null, DestinationPolicy.allowAll()));
    private final VirtualModem modem = new VirtualModem(
            ModemConfig.builder().bootMillis(0).activationMillis(0).build(), network.eventLoop(), network);
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        network.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The engine's own control plane: the scenario's verbs act on the real modem. */
    private final ControlTarget target = modem.engine().control();

    @Test
    void pdpDeactFollowsConnectOk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad-day.yaml");
        Files.writeString(file, """
                name: the context drops
                steps:
                  - when: {host: "AT+CIPSTART"}
                    do: {signal: {rssi: 5}}
                  - when: {modem: "CONNECT OK"}
                    delay: 300ms
                    do: pdp-deact
                """);
        Scenario scenario = ScenarioParser.parse(Files.readString(file));
        modem.play(scenario, target, new ScenarioListener() {
            @Override
            public void applied(Step step) {
                log.add("applied " + step.describe());
            }

            @Override
            public void refused(Step step, String reason) {
                log.add("refused " + step.describe() + ": " + reason);
            }

            @Override
            public void finished() {
                log.add("finished");
            }
        });
        TcpSerialEndpoint endpoint = TcpSerialEndpoint.start(modem, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), false, new SerialTrace("e2e", false));
        try (TcpTestServer server = TcpTestServer.echo();
             Socket host = new Socket("127.0.0.1", endpoint.localAddress().getPort())) {
            host.setSoTimeout(100);
            Reader in = new Reader(host.getInputStream());
            in.await("SMS Ready");
            for (String line : List.of("ATE0", "AT+CSTT=\"CMNET\"", "AT+CIICR", "AT+CIFSR")) {
                send(host, line);
                in.await(line.equals("AT+CIFSR") ? "10.78.245.128" : "OK");
            }
            send(host, "AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"" + server.port() + "\"");
            in.await("CONNECT OK");
            long connected = System.nanoTime();
            String after = in.await("+PDP: DEACT");
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connected);
            assertThat(elapsedMs).isBetween(250L, 5000L);
            assertThat(after).isEqualTo("\r\n+PDP: DEACT\r\n");
        } finally {
            endpoint.close();
        }
        assertThat(log).containsExactly("applied line 3: signal", "applied line 5: pdp-deact", "finished");
    }

    @Test
    void theJavaApiHopsOntoTheLoopAndReportsRefusals() throws Exception {
        // No link is open, so the modem refuses a fault on one.
        var done = modem.control(new ControlCommand.Link(5, LinkFault.RESET));
        assertThatThrownBy(done::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ControlException.class);
        ModemRegistry registry = ModemRegistry.of(modem);
        assertThat(registry.ids()).containsExactly("0");
        assertThat(registry.find("0")).containsSame(modem);
        assertThatThrownBy(() -> registry.register("0", modem)).hasMessage("modem '0' is already registered");
        assertThatThrownBy(() -> registry.register("a b", modem)).hasMessageContaining("a modem id is");
    }

    private static void send(Socket host, String line) throws Exception {
        host.getOutputStream().write((line + "\r").getBytes(StandardCharsets.ISO_8859_1));
        host.getOutputStream().flush();
    }

    /** What the modem printed, read until a text appears; returns what came since the last await. */
    private static final class Reader {
        private final InputStream in;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Reader(InputStream in) {
            this.in = in;
        }

        String await(String text) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            byte[] buf = new byte[512];
            while (true) {
                String s = seen.toString(StandardCharsets.ISO_8859_1);
                int at = s.indexOf(text);
                if (at >= 0) {
                    int end = s.indexOf("\r\n", at);
                    end = end < 0 ? s.length() : end + 2;
                    seen.reset();
                    seen.write(s.substring(end).getBytes(StandardCharsets.ISO_8859_1));
                    return s.substring(0, end);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no '" + text + "' in: " + s);
                }
                try {
                    int n = in.read(buf);
                    if (n < 0) {
                        throw new AssertionError("the modem hung up; so far: " + s);
                    }
                    seen.write(buf, 0, n);
                } catch (SocketTimeoutException e) {
                    // keep waiting until the deadline
                }
            }
        }
    }
}
