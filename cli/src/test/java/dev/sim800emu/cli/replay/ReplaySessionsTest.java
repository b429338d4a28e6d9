package dev.sim800emu.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.record.EventKind;
import dev.sim800emu.modem.record.RecordedEvent;
import dev.sim800emu.modem.record.Recording;
import dev.sim800emu.modem.record.RecordingFormat;
import dev.sim800emu.modem.runtime.SerialObserver;
import dev.sim800emu.modem.runtime.SessionRecorder;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.Rfc2217Endpoint;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import io.netty.channel.EventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Recordings that span several host sessions on the emulator's TCP endpoint, replayed in both
 * roles; the RFC 2217 client of --as-host (DTR and the modem's lines); --as-modem on a PTY.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplaySessionsTest {
    @TempDir
    static Path dir;
    static Path twoSessions;
    /** What each of the two hosts received. */
    static final List<byte[]> heard = new CopyOnWriteArrayList<>();
    static EventLoopGroup group;
    static NettyNetwork network;
    static VirtualModem target;
    static TcpSerialEndpoint tcp;
    static Rfc2217Endpoint rfc2217;
    static final List<String> targetDtr = new CopyOnWriteArrayList<>();

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

    /** An emulator on TCP and RFC 2217 endpoints (powering off when its host leaves), recorded for two sessions. */
    @BeforeAll
    static void recordTwoSessions() throws Exception {
        group = NettyNetwork.newEventLoopGroup(1);
        network = new NettyNetwork(group.next(), NetworkOptions.defaults());
        ModemConfig config = ModemConfig.builder().build();
        target = new VirtualModem(config, network.eventLoop(), network);
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        tcp = TcpSerialEndpoint.start(target, group, NettyNetwork.serverChannelType(group), bind, false,
                new SerialTrace("tcp", false));
        rfc2217 = Rfc2217Endpoint.start(target, group, NettyNetwork.serverChannelType(group), bind, false,
                new SerialTrace("rfc2217", false));
        twoSessions = dir.resolve("two-sessions.rec");
        SessionRecorder recorder = SessionRecorder.start(target, config, twoSessions);
        heard.add(session(tcp.localAddress().getPort(), "AT\r", 1));
        heard.add(session(tcp.localAddress().getPort(), "AT+CSQ\r", 2));
        target.runAndWait(e -> { }).get(5, TimeUnit.SECONDS);
        recorder.close();
        target.runAndWait(e -> target.observe(new SerialObserver() {
            @Override
            public void fromHost(byte[] bytes, int off, int len) {
            }

            @Override
            public void fromModem(byte[] bytes) {
            }

            @Override
            public void hostDtr(boolean asserted) {
                targetDtr.add(asserted ? "1" : "0");
            }
        })).get(5, TimeUnit.SECONDS);
    }

    /** One host: waits for the boot, sends {@code command}, reads the reply up to OK, leaves. */
    private static byte[] session(int port, String command, int nth) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            readUntil(s.getInputStream(), got, "SMS Ready\r\n");
            s.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
            readUntil(s.getInputStream(), got, "OK\r\n");
            return got.toByteArray();
        } finally {
            // the endpoint's disconnect must be in before the next host comes
            for (int i = 0; i < 500 && Files.readString(twoSessions).split(" disconnect ", -1).length <= nth; i++) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
    }

    private static void readUntil(InputStream in, ByteArrayOutputStream got, String end) throws Exception {
        byte[] buf = new byte[512];
        while (!got.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int n = in.read(buf);
            assertThat(n).as("end of stream before '%s' in %s", end, got).isPositive();
            got.write(buf, 0, n);
        }
    }

    @AfterAll
    static void stop() {
        rfc2217.close();
        tcp.close();
        network.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Recording read(Path p) throws Exception {
        return RecordingFormat.parse(Files.readString(p, StandardCharsets.US_ASCII));
    }

    @Test
    void eachHostsComingAndGoingIsInTheRecording() throws Exception {
        Recording r = read(twoSessions);
        assertThat(r.events()).filteredOn(e -> e.kind().session()).extracting(e -> e.kind().token() + " " + e.text())
                .containsExactly("connect tcp", "disconnect tcp power-off", "connect tcp", "disconnect tcp power-off");
        // the modem booted twice, once for each host, and said nothing while no host was there
        String modem = new String(r.stream(EventKind.MODEM), StandardCharsets.ISO_8859_1);
        assertThat(modem).isEqualTo(new String(heard.get(0), StandardCharsets.ISO_8859_1)
                + new String(heard.get(1), StandardCharsets.ISO_8859_1));
    }

    @Test
    void replayedAsTheHostTheInProcessEmulatorLosesPowerAndBootsAgainWhereTheRecordingDid() {
        Run r = run("replay", twoSessions.toString(), "--as-host");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("replay: 7 exchanges, all replies identical");
        assertThat(r.status()).isZero();
    }

    @Test
    void replayedAsTheHostOverTcpTheLinkReconnects() {
        Run r = run("replay", twoSessions.toString(), "--as-host", "--connect", "127.0.0.1:" + tcp.localAddress().getPort());
        assertThat(r.out()).contains("all replies identical");
        assertThat(r.status()).isZero();
    }

    @Test
    void aRecordingWithoutTheSecondSessionShowsTheMissingBootAsADifference() throws Exception {
        // drop the first disconnect and the second connect: the replayed modem does not boot again
        List<String> lines = Files.readAllLines(twoSessions, StandardCharsets.US_ASCII);
        List<String> edited = lines.stream().filter(l -> !l.contains(" disconnect tcp") || lines.indexOf(l)
                > lines.stream().filter(x -> x.contains(" connect tcp")).map(lines::indexOf).max(Integer::compare).orElseThrow())
                .filter(l -> !l.contains(" connect tcp") || lines.indexOf(l) == lines.stream()
                        .filter(x -> x.contains(" connect tcp")).map(lines::indexOf).min(Integer::compare).orElseThrow())
                .toList();
        assertThat(edited).hasSize(lines.size() - 2);
        Path p = dir.resolve("one-session.rec");
        Files.write(p, edited, StandardCharsets.US_ASCII);
        Run r = run("replay", p.toString(), "--as-host", "--quiet", "100", "--timeout", "500");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("reply differs (after line ").contains("  expected: AT\\r\\r\\nOK\\r\\n\\r\\nRDY");
    }

    @Test
    void replayedAsTheModemTheHostMustLeaveAndComeBack() throws Exception {
        Output out = new Output();
        CommandLine cl = dev.sim800emu.cli.MainAccess.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> cl.execute("replay", twoSessions.toString(), "--as-modem", "--tcp", "127.0.0.1:0"));
        int port = port(out, "as the modem on tcp://127\\.0\\.0\\.1:(\\d+)");
        byte[] first = hostSession(port, "AT\r", "OK\r\n");
        byte[] second = hostSession(port, "AT+CSQ\r", "OK\r\n");
        assertThat(status.get(20, TimeUnit.SECONDS)).as(out.text() + "\n" + Files.readString(twoSessions)).isZero();
        assertThat(first).isEqualTo(heard.get(0));
        assertThat(second).isEqualTo(heard.get(1));
        assertThat(out.text()).contains("replay: the host left, as recorded; waiting for line ")
                .contains("replay: the host sent what the recording has");
    }

    @Test
    void aHostThatLeavesWhereTheRecordingHasItStayIsTold() throws Exception {
        Output out = new Output();
        CommandLine cl = dev.sim800emu.cli.MainAccess.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> cl.execute("replay", twoSessions.toString(), "--as-modem", "--tcp", "127.0.0.1:0"));
        int port = port(out, "as the modem on tcp://127\\.0\\.0\\.1:(\\d+)");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            readUntil(s.getInputStream(), new ByteArrayOutputStream(), "SMS Ready\r\n");
        }
        assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(out.text()).contains("replay: the host closed the line; waiting for line ")
                .contains(": 'AT\\r' from the host");
    }

    private static byte[] hostSession(int port, String command, String end) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            readUntil(s.getInputStream(), got, "SMS Ready\r\n");
            s.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
            readUntil(s.getInputStream(), got, end);
            return got.toByteArray();
        }
    }

    private static int port(Output out, String regex) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
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
    void overRfc2217TheDtrChangeIsReplayedAndTheModemsLinesCompared() throws Exception {
        Path rec = dir.resolve("dtr.rec");
        // one session: boot, DTR dropped and raised, AT; the lines as the emulator published them
        Recording two = read(twoSessions);
        StringBuilder sb = new StringBuilder(RecordingFormat.header(two.options()));
        for (RecordedEvent e : two.events()) {
            if (e.kind() == EventKind.DISCONNECT) {
                break;
            }
            if (e.kind() == EventKind.HOST) {
                sb.append(RecordingFormat.line(RecordedEvent.hostLine(e.micros(), EventKind.DTR, false))).append('\n');
                sb.append(RecordingFormat.line(RecordedEvent.hostLine(e.micros(), EventKind.DTR, true))).append('\n');
            }
            sb.append(RecordingFormat.line(e)).append('\n');
        }
        Files.writeString(rec, sb.toString(), StandardCharsets.US_ASCII);
        targetDtr.clear();
        String url = "rfc2217://127.0.0.1:" + rfc2217.localAddress().getPort();
        Run r = run("replay", rec.toString(), "--as-host", "--connect", url);
        assertThat(r.out()).contains("as the host to " + url).contains("all replies identical").doesNotContain("not replayed");
        assertThat(r.status()).isZero();
        assertThat(targetDtr).containsSubsequence("0", "1");
        assertThat(read(rec).events()).anyMatch(e -> e.kind() == EventKind.LINES);

        // a recorded line state the modem does not have is reported with its line
        List<String> lines = Files.readAllLines(rec, StandardCharsets.US_ASCII);
        int n = 0;
        while (!lines.get(n).contains(" lines ")) {
            n++;
        }
        lines.set(n, lines.get(n).replaceFirst("dsr=1", "dsr=0"));
        Path changed = dir.resolve("dtr-changed.rec");
        Files.write(changed, lines, StandardCharsets.US_ASCII);
        Run d = run("replay", changed.toString(), "--as-host", "--connect", url, "--quiet", "100", "--timeout", "500");
        assertThat(d.status()).isEqualTo(1);
        assertThat(d.out()).contains("line " + (n + 1) + ": modem lines differ (after line ")
                .contains("  expected: " + lines.get(n).replaceFirst("^\\S+ lines ", ""));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void replayedAsTheModemOnAPseudoTerminal() throws Exception {
        Path link = dir.resolve("modem");
        Output out = new Output();
        CommandLine cl = dev.sim800emu.cli.MainAccess.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        Path one = dir.resolve("pty.rec");
        Files.writeString(one, "#! sim800emu-record 1\n0.0 connect pty\n1.0 < \\r\\nRDY\\r\\n\n2.0 > AT\\r\n"
                + "3.0 < AT\\r\\r\\nOK\\r\\n\n4.0 disconnect pty power-off\n", StandardCharsets.US_ASCII);
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> cl.execute("replay", one.toString(), "--as-modem", "--pty", link.toString()));
        port(out, "as the modem on " + Pattern.quote(link.toString()) + " -> /dev/pts/(\\d+)");
        try (RandomAccessFile port = new RandomAccessFile(link.toFile(), "rw")) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[64];
            while (!got.toString(StandardCharsets.ISO_8859_1).endsWith("RDY\r\n")) {
                got.write(buf, 0, port.read(buf));
            }
            port.write("AT\r".getBytes(StandardCharsets.US_ASCII));
            while (!got.toString(StandardCharsets.ISO_8859_1).endsWith("OK\r\n")) {
                got.write(buf, 0, port.read(buf));
            }
            assertThat(got.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\r\nRDY\r\nAT\r\r\nOK\r\n");
            assertThat(status.get(20, TimeUnit.SECONDS)).isZero();
        }
        assertThat(out.text()).contains("replay: the host sent what the recording has");
        assertThat(link).doesNotExist();
    }
}
