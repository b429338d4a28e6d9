package dev.sim800emu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.http.ControlServer;
import dev.sim800emu.modem.control.testing.FakeControlledModem;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code sim800emu fleet}: refusals up front, start progress, and {@code ctl --select} against a fleet's API. */
class FleetCommandTest {

    record Run(int status, String out, String err) {
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

    @Test
    void aFleetWhosePortsAreTakenIsRefusedWithOneLine() throws Exception {
        int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
        try (ServerSocket taken = new ServerSocket(base + 1, 1, InetAddress.getLoopbackAddress())) {
            Run r = main("fleet", "--count", "3", "--tcp-base", "127.0.0.1:" + base);
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("sim800emu fleet: port " + (base + 1)
                    + " on 127.0.0.1 is in use (modem 1); choose another --tcp-base" + System.lineSeparator());
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void badNumbersAreABadCommandLine() {
        Run r = main("fleet", "--count", "10", "--first-id", "999995");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("sim800emu fleet: modem ids run from 0 to 999999; 10 modems from id 999995 do not fit");
        assertThat(main("fleet", "--count", "10", "--control", "0.0.0.0:7080").err())
                .contains("sim800emu fleet: ").contains("token");
    }

    @Test
    void progressIsAPlainLineEveryTenthWithoutATerminalAndABarWithOne() {
        StringWriter plain = new StringWriter();
        FleetCommand.Progress p = new FleetCommand.Progress(new PrintWriter(plain), 20, false);
        for (int i = 1; i <= 20; i++) {
            p.update(i);
        }
        assertThat(plain.toString().lines()).hasSize(10).startsWith("sim800emu: 2 of 20 modems started")
                .endsWith("sim800emu: 20 of 20 modems started");
        StringWriter bar = new StringWriter();
        FleetCommand.Progress b = new FleetCommand.Progress(new PrintWriter(bar), 4, true);
        b.update(4);
        b.done();
        assertThat(bar.toString()).isEqualTo("\rstarting [" + "#".repeat(30) + "] 4/4 modems" + System.lineSeparator());
    }

    @Test
    void ctlSendsAVerbToASelectionOfModems() throws Exception {
        EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        List<FakeControlledModem> modems = new ArrayList<>();
        ModemRegistry registry = new ModemRegistry();
        for (int i = 0; i < 20; i++) {
            FakeControlledModem m = new FakeControlledModem();
            modems.add(m);
            registry.register(String.valueOf(100 + i), m);
        }
        modems.get(5).refusal = "the SIM is out";
        ControlServer server = ControlServer.start(registry, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), null);
        try {
            String api = "127.0.0.1:" + server.localAddress().getPort();
            Run r = main("ctl", "--control", api, "--select", "100-104", "register", "searching");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("register: applied to 5 of 5 modems (100-104)" + System.lineSeparator());
            for (int i = 0; i < 20; i++) {
                assertThat(modems.get(i).applied).as("modem %d", i).isEqualTo(i < 5
                        ? List.of(new ControlCommand.Register(Registration.SEARCHING)) : List.of());
            }
            Run all = main("ctl", "--control", api, "--select", "all", "detach");
            assertThat(all.status()).isEqualTo(1);
            assertThat(all.out()).isEqualTo("detach: applied to 19 of 20 modems (all)" + System.lineSeparator()
                    + "  modem 105: the SIM is out" + System.lineSeparator());
            Run share = main("ctl", "--control", api, "--select", "25%", "--seed", "3", "reboot");
            assertThat(share.out()).startsWith("reboot: applied to 5 of 5 modems (25% (seed 3))");
            assertThat(main("ctl", "--control", api, "--select", "lots", "reboot").status()).isEqualTo(2);
        } finally {
            server.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
