package dev.sim800emu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.adversary.StressTiming;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.http.ControlServer;
import dev.sim800emu.modem.control.testing.FakeControlledModem;
import dev.sim800emu.modem.net.DnsFault;
import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.radio.Registration;
import dev.sim800emu.modem.runtime.ModemRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code sim800emu ctl} in-process against a control API on loopback serving a fake modem. */
@Timeout(20)
class CtlTest {
    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final FakeControlledModem modem = new FakeControlledModem();
    private ControlServer server;

    record Run(int status, String out, String err) {
    }

    private void start(String token) throws Exception {
        server = ControlServer.start(ModemRegistry.of(modem), group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), token);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Run main(String... args) {
        CommandLine cl = Main.commandLine(new Main());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private Run ctl(String... args) {
        List<String> all = new ArrayList<>(List.of("ctl", "--control", "127.0.0.1:" + server.localAddress().getPort()));
        all.addAll(List.of(args));
        return main(all.toArray(String[]::new));
    }

    private void ok(ControlCommand expected, String... args) {
        modem.applied.clear();
        Run r = ctl(args);
        assertThat(r.status()).as("%s: %s", String.join(" ", args), r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(modem.applied).containsExactly(expected);
    }

    @Test
    void everyVerbSendsItsCommand() throws Exception {
        start(null);
        ok(new ControlCommand.Signal(10, 0), "signal", "10");
        ok(new ControlCommand.Signal(5, 3), "signal", "5", "--ber", "3");
        ok(new ControlCommand.Location(new dev.sim800emu.modem.config.CellLocation(48.8584, 2.2945, 550)),
                "location", "48.8584,2.2945,550");
        ok(new ControlCommand.Register(Registration.ROAMING), "register", "roaming");
        ok(new ControlCommand.Detach(), "detach");
        ok(new ControlCommand.PdpDeact(), "pdp-deact");
        ok(new ControlCommand.Sim(false), "sim", "remove");
        ok(new ControlCommand.Sim(true), "sim", "insert");
        ok(new ControlCommand.Reboot(), "reboot");
        ok(new ControlCommand.Call("+15551234567"), "call", "+15551234567");
        ok(new ControlCommand.Hangup(), "hangup");
        ok(new ControlCommand.Sms("1234", "hello there"), "sms", "1234", "hello", "there");
        ok(new ControlCommand.Ussd("Balance 5 EUR"), "ussd", "Balance 5 EUR");
        ok(new ControlCommand.Network(LinkConditions.preset("gprs-poor")), "network", "--preset", "gprs-poor");
        ok(new ControlCommand.Network(new LinkConditions(40_000, 20_000, 600, 100, 0.5, 0)), "network",
                "--down-kbps", "40", "--up-kbps", "20", "--latency-ms", "600", "--jitter-ms", "100", "--loss", "0.5");
        ok(new ControlCommand.Link(1, LinkFault.BLACKHOLE), "link", "1", "blackhole");
        ok(new ControlCommand.Dns(DnsFault.SLOW, 3000), "dns", "slow", "3000");
        ok(new ControlCommand.Dns(DnsFault.RESTORE, 0), "dns", "restore");
        ok(new ControlCommand.LatencySpike(2000, 10_000), "spike", "2000", "10000");
        ok(new ControlCommand.RefuseConnections(true), "refuse", "on");
        ok(new ControlCommand.Stress(StressTiming.seeded(7).withMaxResultDelay(100)), "stress", "on", "--stress-seed", "7",
                "--max-delay", "100");
        ok(new ControlCommand.Stress(null), "stress", "off");
    }

    @Test
    void optionsMayFollowTheVerb() throws Exception {
        start(null);
        Run r = main("ctl", "reboot", "--control", "127.0.0.1:" + server.localAddress().getPort(), "--modem", "0");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(modem.applied).containsExactly(new ControlCommand.Reboot());
    }

    @Test
    void statusForAPersonAndAsJson() throws Exception {
        start(null);
        Run r = ctl("status");
        assertThat(r.status()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "modem 0: power ON, HOME, rssi 20, SIM inserted, GPRS attached, CONNECT OK",
                "network: down 40.0 kbit/s, up 20.0 kbit/s, latency 600 ms, jitter 100 ms, loss 0.0 %",
                "link 0: CONNECTED TCP 127.0.0.1:5000, sent 5, acked 5, received 3");
        Run json = ctl("status", "--json");
        assertThat(json.status()).isZero();
        assertThat(json.out()).contains("\"ipState\" : \"CONNECT OK\"");
    }

    @Test
    void aRefusalIsOneLineAndStatusOne() throws Exception {
        start(null);
        modem.refusal = "link 3 is not open";
        Run r = ctl("link", "3", "reset");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("sim800emu ctl: link 3 is not open" + System.lineSeparator());
        Run other = ctl("--modem", "7", "reboot");
        assertThat(other.status()).isEqualTo(1);
        assertThat(other.err()).startsWith("sim800emu ctl: no modem '7' (modems: 0)");
    }

    @Test
    void anUnreachableApiIsStatusOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = main("ctl", "--control", "127.0.0.1:" + port, "reboot");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("sim800emu ctl: cannot reach the control API at 127.0.0.1:" + port
                + " (is the emulator running with --control?)" + System.lineSeparator());
    }

    @Test
    void theTokenGoesWithEveryRequest() throws Exception {
        start("s3cret-token");
        assertThat(ctl("reboot").status()).isEqualTo(1);
        assertThat(ctl("--token", "s3cret-token", "reboot").status()).isZero();
        assertThat(modem.applied).containsExactly(new ControlCommand.Reboot());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fly", "signal", "signal x", "signal 40", "register away", "sim out", "link 6 reset",
        "link 1 drop", "dns slow", "dns fail 5", "network", "network --preset lte", "network --loss 200",
        "call bob", "refuse maybe", "stress maybe", "detach now", "time yesterday", "location", "location 91,0",
        "location x,y"})
    void aBadCommandLineIsOneLineAndStatusTwo(String args) throws Exception {
        start(null);
        Run r = ctl(args.isEmpty() ? new String[0] : args.split(" "));
        assertThat(r.status()).as("stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("sim800emu");
        assertThat(modem.applied).isEmpty();
    }

    @Test
    void messagesOfBadValuesAreTheApisOwn() throws Exception {
        start(null);
        assertThat(ctl("signal", "40").err()).isEqualTo(
                "sim800emu ctl: signal: 'rssi' must be 0..31 or 99, not 40 (try --help)" + System.lineSeparator());
    }

    @Test
    void helpListsTheVerbs() {
        Run r = main("ctl", "--help");
        assertThat(r.status()).isZero();
        for (String verb : List.of("status", "signal", "register", "detach", "pdp-deact", "sim", "reboot", "call",
                "hangup", "sms", "ussd", "network", "link", "dns", "location")) {
            assertThat(r.out()).contains("  " + verb + " ");
        }
    }
}
