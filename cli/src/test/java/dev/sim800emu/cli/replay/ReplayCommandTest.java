package dev.sim800emu.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.record.EventKind;
import dev.sim800emu.modem.record.RecordedEvent;
import dev.sim800emu.modem.record.Recording;
import dev.sim800emu.modem.record.RecordingFormat;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Record a session against the emulator, then replay it in both roles through the command line. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplayCommandTest {
    @TempDir
    static Path dir;
    static RecordedSession session;
    static Path file;

    record Run(int status, String out, String err) {
    }

    static final class Output extends StringWriter {
        synchronized String text() {
            return toString();
        }
    }

    private static Run run(String... args) {
        CommandLine cl = dev.sim800emu.cli.MainAccess.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @BeforeAll
    static void record() throws Exception {
        session = new RecordedSession();
        file = dir.resolve("session.rec");
        session.record(file);
    }

    @AfterAll
    static void stop() throws Exception {
        session.close();
    }

    private static Recording recording() throws Exception {
        return RecordingFormat.parse(Files.readString(file, StandardCharsets.US_ASCII));
    }

    @Test
    void theRecordingHoldsEveryByteTheEmulatorSentAndTheDtrChange() throws Exception {
        Recording r = recording();
        assertThat(r.stream(EventKind.MODEM)).isEqualTo(session.modemSent);
        assertThat(new String(r.stream(EventKind.HOST), StandardCharsets.ISO_8859_1))
                .startsWith("AT\rAT+CSQ\r").endsWith("AT+CIPSEND=5\rhelloAT+CIPCLOSE\r");
        assertThat(r.events()).extracting(e -> e.kind().token() + " " + (e.kind().data() ? "" : e.text()))
                .containsSubsequence("dtr 0", "dtr 1");
        assertThat(r.events()).anyMatch(e -> e.kind() == EventKind.LINES);
        assertThat(r.option("model")).isEqualTo("SIM800L");
        assertThat(r.option("firmware")).isEqualTo("R14.18");
    }

    @Test
    void replayedAsTheHostAgainstAFreshEmulatorEveryReplyIsTheSame() {
        Run r = run("replay", file.toString(), "--as-host");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("all replies identical");
        assertThat(r.status()).isZero();
    }

    @Test
    void aChangedReplyShowsUpWithItsLineNumber() throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        int n = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" < ") && lines.get(i).contains("+CSQ: ")) {
                n = i;
            }
        }
        assertThat(n).isPositive();
        String original = lines.get(n);
        lines.set(n, original.replaceFirst("\\+CSQ: \\d+,", "+CSQ: 7,"));
        Path changed = dir.resolve("changed.rec");
        Files.write(changed, lines, StandardCharsets.US_ASCII);
        Run r = run("replay", changed.toString(), "--as-host", "--quiet", "100");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("line " + (n + 1) + ": reply differs (after line " + n + " > AT+CSQ\\r)")
                .contains("  expected: AT+CSQ\\r\\r\\n+CSQ: 7,")
                .contains("replay: ").contains(", 1 different");
    }

    @Test
    void replayedAsTheModemTheHostGetsWhatTheEmulatorSentByteForByte() throws Exception {
        Recording rec = recording();
        Output out = new Output();
        CommandLine cl = dev.sim800emu.cli.MainAccess.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> cl.execute("replay", file.toString(), "--as-modem", "--tcp", "127.0.0.1:0"));
        int port = port(out);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write(rec.stream(EventKind.HOST)); // all at once: the replay paces itself
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                got.write(buf, 0, n);
            }
        }
        assertThat(status.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(got.toByteArray()).isEqualTo(session.modemSent);
        assertThat(out.text()).contains("replay: the host sent what the recording has");
    }

    @Test
    void aHostThatSendsSomethingElseIsToldWhereItDiverged() throws Exception {
        Output out = new Output();
        CommandLine cl = dev.sim800emu.cli.MainAccess.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> cl.execute("replay", file.toString(), "--as-modem", "--tcp", "127.0.0.1:0"));
        int port = port(out);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write("AT\rAT+CREG?\r".getBytes(StandardCharsets.US_ASCII));
            assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        }
        int line = recording().events().stream().filter(e -> e.kind() == EventKind.HOST).skip(1).findFirst()
                .map(RecordedEvent::line).orElseThrow();
        assertThat(out.text()).contains("replay: line " + line + ": the host sent 'AT+C");
    }

    private static int port(Output out) throws InterruptedException {
        Pattern p = Pattern.compile("as the modem on tcp://127\\.0\\.0\\.1:(\\d+)");
        for (int i = 0; i < 1000; i++) {
            Matcher m = p.matcher(out.text());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("no port in " + out.text());
    }

    @Test
    void aMalformedFileGetsOneLineNamingItsLineAndStatusTwo() throws Exception {
        Path bad = dir.resolve("bad.rec");
        Files.writeString(bad, "#! sim800emu-record 1\n1.000 > AT\\r\n2.000 < \\q\n");
        for (String role : List.of("--as-host", "--as-modem")) {
            Run r = run("replay", bad.toString(), role, "--tcp", "127.0.0.1:0");
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err().lines().toList()).containsExactly(
                    "sim800emu: " + bad + ": line 3: unknown escape \\q at column 9");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void badOptionsAreStatusTwo() {
        assertThat(run("replay", file.toString()).status()).isEqualTo(2);
        assertThat(run("replay", file.toString(), "--as-host", "--as-modem").status()).isEqualTo(2);
        Run r = run("replay", file.toString(), "--as-host", "--normalise", "ip,colour");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("sim800emu: Invalid value for option '--normalise': unknown normalisation "
                + "'colour' (ip, port, imei, crlf) (try --help)\n");
        assertThat(run("replay", dir.resolve("missing.rec").toString(), "--as-host").err())
                .isEqualTo("sim800emu: " + dir.resolve("missing.rec") + ": no such file\n");
    }

    @Test
    void importWritesARecordingThatReplays() throws Exception {
        Path log = dir.resolve("screen.log");
        Files.writeString(log, "\r\nRDY\r\nAT\r\r\nOK\r\nAT+CSQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n", StandardCharsets.US_ASCII);
        Path out = dir.resolve("imported.rec");
        Run r = run("import", "--from", "screen", log.toString(), "-o", out.toString());
        assertThat(r.status()).isZero();
        Recording rec = recording(out);
        assertThat(rec.stream(EventKind.HOST)).isEqualTo("AT\rAT+CSQ\r".getBytes(StandardCharsets.US_ASCII));
        assertThat(run("import", "--from", "tinygsm", dir.resolve("nope.log").toString(), "-o", out.toString())
                .status()).isEqualTo(2);
    }

    @Test
    void recordIsAnOptionOfTheLauncherAndReplayAndImportAreSubcommands() {
        Run help = run("--help");
        assertThat(help.out()).contains("--record", "replay", "import");
        Run r = run("--tcp", "127.0.0.1:0", "--record", dir.resolve("no/such/dir/x.rec").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).singleElement().satisfies(line ->
                assertThat(line).startsWith("sim800emu: cannot record to " + dir.resolve("no/such/dir/x.rec")));
    }

    private static Recording recording(Path p) throws Exception {
        return RecordingFormat.parse(Files.readString(p, StandardCharsets.US_ASCII));
    }
}
