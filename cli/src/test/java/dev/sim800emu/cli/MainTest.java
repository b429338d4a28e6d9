package dev.sim800emu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The launcher in-process: exit codes, help, and one clear line on stderr for each bad option. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a bad option that starts the modem would block
class MainTest {

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine(new Main());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /** Runs with the serial line on a free loopback port, so that nothing collides with a real 7000. */
    private static Run runLoopback(String... args) {
        List<String> all = new ArrayList<>(List.of("--tcp", "127.0.0.1:0"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Usage: sim800emu ");
        for (String option : List.of("--tcp", "--pty", "--rfc2217", "--keep-powered", "--trace", "--baud-pacing",
                "--server-port-offset", "--server-bind", "--dns", "--apn", "--allow", "--deny", "--local-ip",
                "--connect-timeout", "--boot-time", "--activation-time", "--pin", "--imei", "--control",
                "--control-token", "--scenario", "--tls", "--tls-trust", "--stress-timing", "--seed",
                "--stress-max-delay", "--host-check", "--model", "--firmware", "--ussd", "--location", "--help", "--version",
                "ctl")) {
            assertThat(r.out()).contains(option);
        }
        // help wraps lines, so compare with runs of white space folded
        assertThat(r.out().replaceAll("\\s+", " "))
                .contains("(default: 127.0.0.1:7000)", "(default: 75000)", "default: 10.78.245.128)");
    }

    @Test
    void shortHelpIsTheSame() {
        assertThat(run("-h")).isEqualTo(run("--help"));
    }

    @Test
    void versionExitsZero() {
        Run r = run("--version");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("sim800emu ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--foo",
        "--foo --bar",
        "-x",
        "extra",
        "--tcp",
        "--tcp x",
        "--tcp :99999",
        "--tcp 127.0.0.1:abc",
        "--tcp nosuch.invalid:7000",
        "--rfc2217 x",
        "--rfc2217 nosuch.invalid:7001",
        "--dns 127.0.0.1",
        "--dns nosuch.invalid:53",
        "--pty",
        "--keep-powered=maybe",
        "--server-port-offset abc",
        "--server-port-offset 70000",
        "--server-port-offset 99999999999",
        "--server-bind nosuch.invalid",
        "--apn ,user",
        "--apn a,b,c,d",
        "--allow 10.0.0",
        "--allow 10.0.0.0/33",
        "--deny example.com",
        "--local-ip 1.2.3",
        "--local-ip ::1",
        "--connect-timeout 0",
        "--connect-timeout 160001",
        "--connect-timeout x",
        "--boot-time -1",
        "--activation-time -5",
        "--activation-time 1.5",
        "--imei 12",
        "--tls 2.5",
        "--tls 1.0,x",
        "--tls-trust /nonexistent/ca.pem",
        "--imei 12345678901234x",
        "--pin",
        "--control x",
        "--control nosuch.invalid:7080",
        "--control 0.0.0.0:7080",
        "--control 0.0.0.0:7080 --control-token short",
        "--seed x",
        "--stress-max-delay 60001",
        "--stress-max-delay -1",
        "--model SIM900",
        "--firmware R99.99",
        "--location 91,0",
        "--location 48.85",
        "--location north,east",
    })
    void badOptionPrintsOneLineAndExitsTwo(String args) {
        String[] argv = args.split(" ");
        Run r = args.startsWith("--tcp") ? run(argv) : runLoopback(argv);
        assertThat(r.status()).as("exit status; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        String line = r.errLines().get(0);
        assertThat(line).startsWith("sim800emu: ").endsWith(" (try --help)");
        String option = argv[0].split("=")[0];
        if (option.startsWith("--") && !option.equals("--foo")) {
            assertThat(line).contains("'" + option + "'");
        }
    }

    @Test
    void modelFirmwareAndUssdMakeTheConfig() {
        Main main = new Main();
        Main.commandLine(main).parseArgs("--model", "sim808", "--firmware", "R13.08", "--imei", "864369032292264",
                "--ussd", "*100#=Balance: 5.00", "--location", "48.8584,2.2945,550");
        var config = main.config();
        assertThat(config.identity().product()).isEqualTo("SIM808 R13.08");
        assertThat(config.identity().model()).isEqualTo("SIMCOM_SIM808");
        assertThat(config.identity().revision()).isEqualTo("1308B08SIM808M32");
        assertThat(config.identity().imei()).isEqualTo("864369032292264");
        assertThat(config.ussdReplies()).containsEntry("*100#", "Balance: 5.00");
        assertThat(config.location()).isEqualTo(new dev.sim800emu.modem.config.CellLocation(48.8584, 2.2945, 550));
        Main plain = new Main();
        Main.commandLine(plain).parseArgs();
        assertThat(plain.config().identity()).isEqualTo(dev.sim800emu.modem.config.ModemIdentity.defaults());
        assertThat(plain.config().location()).isEqualTo(dev.sim800emu.modem.config.CellLocation.DEFAULT);
        assertThat(runLoopback("--model", "SIM900").errLines()).containsExactly("sim800emu: Invalid value for option "
                + "'--model': unknown model 'SIM900' (known: SIM800L|SIM800C|SIM800H|SIM800|SIM808|SIM868) (try --help)");
    }

    @Test
    void unknownOptionMessages() {
        assertThat(run("--foo").err()).isEqualTo("sim800emu: Unknown option: '--foo' (try --help)" + System.lineSeparator());
        assertThat(run("--foo", "--bar").err())
                .isEqualTo("sim800emu: Unknown options: '--foo', '--bar' (try --help)" + System.lineSeparator());
    }

    @Test
    void valueMessagesNameTheProblem() {
        assertThat(runLoopback("--boot-time", "-1").errLines())
                .containsExactly("sim800emu: Invalid value for option '--boot-time': boot time must not be negative (try --help)");
        assertThat(runLoopback("--connect-timeout", "0").errLines()).containsExactly(
                "sim800emu: Invalid value for option '--connect-timeout': connect timeout must be 1..160000 ms (try --help)");
        assertThat(runLoopback("--local-ip", "1.2.3").errLines()).containsExactly(
                "sim800emu: Invalid value for option '--local-ip': '1.2.3' is not an IPv4 address a.b.c.d (try --help)");
        assertThat(runLoopback("--imei", "12").errLines())
                .containsExactly("sim800emu: Invalid value for option '--imei': '12' is not 15 digits (try --help)");
        assertThat(run("--tcp", "nosuch.invalid:7000").errLines()).containsExactly(
                "sim800emu: Invalid value for option '--tcp': cannot resolve host 'nosuch.invalid' (try --help)");
    }

    @Test
    void serialPortInUseExitsOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = run("--tcp", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).containsExactly(
                    "sim800emu: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use");
        }
    }

    @Test
    void rfc2217PortInUseExitsOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = runLoopback("--rfc2217", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).startsWith("sim800emu: modem serial line on tcp://127.0.0.1:");
            assertThat(r.errLines()).containsExactly(
                    "sim800emu: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use");
        }
    }

    @Test
    void ptyPathThatCannotBeLinkedExitsOne() {
        Run r = runLoopback("--pty", "/nonexistent-sim800emu-dir/modem");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(
                "sim800emu: cannot open a pseudo-terminal at /nonexistent-sim800emu-dir/modem: no such file or directory");
    }

    @Test
    void aNonLoopbackControlAddressNeedsAToken() {
        assertThat(runLoopback("--control", "0.0.0.0:0").errLines()).containsExactly(
                "sim800emu: Invalid value for option '--control': 0.0.0.0 is not a loopback address: anyone who can "
                        + "reach it could drive the modem, so give --control-token TOKEN too (try --help)");
    }

    @Test
    void aBadScenarioIsRefusedNamingTheLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(file, "steps:\n  - after: 5s\n    do: {signal: {rssi: 40}}\n");
        Run r = runLoopback("--scenario", file.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "sim800emu: scenario " + file + " line 3: signal: 'rssi' must be 0..31 or 99, not 40");
        Run missing = runLoopback("--scenario", dir.resolve("none.yaml").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.errLines()).containsExactly(
                "sim800emu: scenario " + dir.resolve("none.yaml") + ": no such file");
    }
}
