package dev.sim800emu.modem.serial;

import static dev.sim800emu.modem.serial.TelnetCodec.COM_PORT_OPTION;
import static dev.sim800emu.modem.serial.TelnetCodec.DO;
import static dev.sim800emu.modem.serial.TelnetCodec.DONT;
import static dev.sim800emu.modem.serial.TelnetCodec.IAC;
import static dev.sim800emu.modem.serial.TelnetCodec.SB;
import static dev.sim800emu.modem.serial.TelnetCodec.SE;
import static dev.sim800emu.modem.serial.TelnetCodec.WILL;
import static dev.sim800emu.modem.serial.TelnetCodec.WONT;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.VirtualModem;
import io.netty.channel.EventLoopGroup;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RFC 2217 endpoint against pyserial's {@code rfc2217://} client (Debian's python3-serial, an
 * implementation we did not write), and byte-exact against a raw socket for what pyserial never
 * sends: refusals, escaped values, flow-control suspension, a second host.
 */
class Rfc2217EndpointTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final long TIMEOUT_MILLIS = 10_000;
    private static final String BOOT_URCS =
            "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";
    /** What the server offers on connect: WILL COM-PORT, WILL/DO BINARY, WILL/DO SGA. */
    private static final byte[] GREETING = bytes(IAC, WILL, 44, IAC, WILL, 0, IAC, DO, 0, IAC, WILL, 3, IAC, DO, 3);

    @TempDir
    Path dir;

    private EventLoopGroup group;
    private NettyNetwork network;
    private VirtualModem modem;
    private Rfc2217Endpoint endpoint;

    @BeforeEach
    void setUp() throws Exception {
        group = NettyNetwork.newEventLoopGroup(1);
        network = new NettyNetwork(group.next(), new NetworkOptions(null, DestinationPolicy.allowAll()));
        modem = new VirtualModem(ModemConfig.builder().bootMillis(0).activationMillis(0).build(),
                network.eventLoop(), network);
    }

    @AfterEach
    void tearDown() {
        if (endpoint != null) {
            endpoint.close();
        }
        network.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ------------------------------------------------------------------ pyserial

    @Test
    void pyserialTalksToTheModemAndSeesItsLines() throws Exception {
        Assumptions.assumeTrue(pyserialAvailable(), PYTHON + " has no serial module (apt-get install python3-serial)");
        start(false);

        try (Pyserial py = new Pyserial(endpoint.localAddress().getPort())) {
            Map<String, Object> off = py.next();
            assertThat(off.get("phase")).isEqualTo("host-lines-off");
            // At idle with AT&C1: no carrier, no ring, the modem ready and clear to send.
            assertThat(off.get("at_open")).isEqualTo(lines(false, false, true, true));
            assertThat(off.get("ate0")).isEqualTo("ATE0\r\r\nOK\r\n");
            assertThat(off.get("ati")).isEqualTo("\r\nSIM800 R14.18\r\n\r\nOK\r\n");
            // 0xFF crossed both ways: pyserial doubled it, we undoubled it, the modem echoed it,
            // we doubled it and pyserial undoubled it.
            assertThat(off.get("echo_ff")).isEqualTo("AT\u00ff\r\r\nERROR\r\n");
            assertThat(onLoop(ModemEngine::dtr)).isFalse();
            assertThat(onLoop(ModemEngine::rts)).isFalse();
            assertThat(this.<Integer>onLoop(ModemEngine::hostBaud).intValue()).isEqualTo(9600);
            py.proceed();

            assertThat(py.next().get("phase")).isEqualTo("host-lines-on");
            assertThat(onLoop(ModemEngine::dtr)).isTrue();
            assertThat(onLoop(ModemEngine::rts)).isTrue();
            py.proceed();

            Map<String, Object> closed = py.next();
            assertThat(closed.get("phase")).isEqualTo("closed");
            assertThat(closed.get("ampc0")).isEqualTo("\r\nOK\r\n");
            assertThat(closed.get("reboot")).isEqualTo("\r\nOK\r\n" + BOOT_URCS);
            // Saved with AT&C0, DCD comes up with the modem; while it boots every line is off.
            List<?> reboot = (List<?>) closed.get("reboot_notified");
            assertThat(reboot).hasSize(2);
            assertThat((Integer) reboot.get(0) & 0xF0).as("lines while booting").isZero();
            assertThat(reboot.get(1)).isEqualTo(0xB0 | Rfc2217Session.DELTA_CD | Rfc2217Session.DELTA_DSR
                    | Rfc2217Session.DELTA_CTS);
            assertThat(closed.get("after_reboot")).isEqualTo(lines(true, false, true, true));
            // The first notification, sent once pyserial agreed to COM-PORT-OPTION: DSR and CTS on.
            assertThat(((List<?>) closed.get("notifications")).get(0)).isEqualTo(0x33);
            assertThat(py.exit()).as(py.stderr()).isZero();
        }
        awaitPower(ModemEngine.Power.OFF);
    }

    // ------------------------------------------------------------------ raw socket

    @Test
    void negotiatesTheOptionsItKnowsAndRefusesTheRest() throws Exception {
        start(false);
        try (RawClient c = new RawClient()) {
            c.expect(GREETING);
            c.expect(BOOT_URCS.getBytes(ISO_8859_1));

            // Our WILL COM-PORT acknowledged: no answer, but the lines are reported (DSR, CTS, their deltas).
            c.send(IAC, DO, 44);
            c.expect(modemState(0x33));
            // Their WILL COM-PORT was not asked for, so it gets a DO.
            c.send(IAC, WILL, 44);
            c.expect(bytes(IAC, DO, 44));
            // ECHO is the modem's business (ATE); terminal type is of no use.
            c.send(IAC, DO, 1, IAC, WILL, 24);
            c.expect(bytes(IAC, WONT, 1, IAC, DONT, 24));
            // Acknowledgements and repeats are not answered (no loops): the next reply is the WONT 7.
            c.send(IAC, DO, 0, IAC, WILL, 0, IAC, DO, 0, IAC, DO, 7);
            c.expect(bytes(IAC, WONT, 7));
            // SGA refused, then asked for again: now the server must say WILL itself.
            c.send(IAC, DONT, 3, IAC, DO, 3);
            c.expect(bytes(IAC, WILL, 3));
            // Turning an enabled option off is confirmed.
            c.send(IAC, DONT, 0);
            c.expect(bytes(IAC, WONT, 0));
        }
    }

    @Test
    void answersComPortCommandsWithEscapedValues() throws Exception {
        start(false);
        try (RawClient c = new RawClient()) {
            c.expect(GREETING);
            c.expect(BOOT_URCS.getBytes(ISO_8859_1));

            // 115455 baud = 00 01 c2 ff: the ff is doubled in both directions.
            c.send(IAC, SB, 44, 1, 0x00, 0x01, 0xC2, IAC, IAC, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 101, 0x00, 0x01, 0xC2, IAC, IAC, IAC, SE));
            assertThat(this.<Integer>onLoop(ModemEngine::hostBaud).intValue()).isEqualTo(115455);
            c.send(IAC, SB, 44, 1, 0, 0, 0, 0, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 101, 0x00, 0x01, 0xC2, IAC, IAC, IAC, SE));

            // Data size query, parity 9 refused (answer: the current "none"), two stop bits.
            c.send(IAC, SB, 44, 2, 0, IAC, SE, IAC, SB, 44, 3, 9, IAC, SE, IAC, SB, 44, 4, 2, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 102, 8, IAC, SE, IAC, SB, 44, 103, 1, IAC, SE, IAC, SB, 44, 104, 2, IAC, SE));

            // SET-CONTROL: DTR query, DTR off, RTS off, RTS query, hardware flow, flow query.
            c.send(IAC, SB, 44, 5, 7, IAC, SE, IAC, SB, 44, 5, 9, IAC, SE, IAC, SB, 44, 5, 12, IAC, SE,
                    IAC, SB, 44, 5, 10, IAC, SE, IAC, SB, 44, 5, 3, IAC, SE, IAC, SB, 44, 5, 0, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 105, 8, IAC, SE, IAC, SB, 44, 105, 9, IAC, SE, IAC, SB, 44, 105, 12, IAC, SE,
                    IAC, SB, 44, 105, 12, IAC, SE, IAC, SB, 44, 105, 3, IAC, SE, IAC, SB, 44, 105, 3, IAC, SE));
            assertThat(onLoop(ModemEngine::dtr)).isFalse();
            assertThat(onLoop(ModemEngine::rts)).isFalse();

            // Masks are echoed; a modem-state mask of 0xFF on the wire is a doubled IAC.
            c.send(IAC, SB, 44, 10, 0x12, IAC, SE, IAC, SB, 44, 11, IAC, IAC, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 110, 0x12, IAC, SE, IAC, SB, 44, 111, IAC, IAC, IAC, SE));
            // Purge both buffers; a poll of the modem state (as pyserial's ?poll_modem sends).
            c.send(IAC, SB, 44, 12, 3, IAC, SE, IAC, SB, 44, 7, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 112, 3, IAC, SE));
            c.expect(modemState(0x33));

            // Data with 0xFF: echoed back doubled.
            c.send('A', 'T', IAC, IAC, '\r');
            c.expect(bytes("AT", IAC, IAC, "\r\r\nERROR\r\n"));
        }
    }

    @Test
    void modemStateNotificationsFollowTheMask() throws Exception {
        start(false);
        try (RawClient c = new RawClient()) {
            c.expect(GREETING);
            c.expect(BOOT_URCS.getBytes(ISO_8859_1));
            c.send(IAC, DO, 44);
            c.expect(modemState(0x33));

            // Only CD and its delta wanted: a reset's drop and return of DSR and CTS (CD stays off
            // with AT&C1) is not worth a word, as a poll afterwards shows (its value is masked too).
            c.send(IAC, SB, 44, 11, 0x88, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 111, 0x88, IAC, SE));
            c.send("AT+CFUN=1,1\r");
            c.expect(bytes("AT+CFUN=1,1\r\r\nOK\r\n", BOOT_URCS));
            c.send(IAC, SB, 44, 7, IAC, SE);
            c.expect(modemState(0x00));

            // DSR and CTS without their deltas: both changes are reported, deltas masked off.
            c.send(IAC, SB, 44, 11, 0x30, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 111, 0x30, IAC, SE));
            c.send("AT+CFUN=1,1\r");
            c.expect(bytes("AT+CFUN=1,1\r\r\nOK\r\n"));
            c.expect(bytes(modemState(0x00), modemState(0x30), BOOT_URCS));
        }
    }

    @Test
    void suspendedFlowHoldsModemOutputButNotControlTraffic() throws Exception {
        start(false);
        try (RawClient c = new RawClient()) {
            c.expect(GREETING);
            c.expect(BOOT_URCS.getBytes(ISO_8859_1));

            c.send(IAC, SB, 44, 8, IAC, SE);
            c.send("AT\r");
            // The answer to a query passes the held echo and OK.
            c.send(IAC, SB, 44, 5, 0, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 105, 1, IAC, SE));
            c.send(IAC, SB, 44, 9, IAC, SE);
            c.expect(bytes("AT\r\r\nOK\r\n"));

            // Without pacing the server keeps no output of its own: a purge is only acknowledged,
            // and what the modem held comes once the flow resumes.
            c.send(IAC, SB, 44, 8, IAC, SE);
            c.send("ATI\r");
            c.send(IAC, SB, 44, 12, 1, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 112, 1, IAC, SE));
            c.send(IAC, SB, 44, 9, IAC, SE);
            c.expect(bytes("ATI\r\r\nSIM800 R14.18\r\n\r\nOK\r\n"));
        }
    }

    @Test
    void ringIndicatorIsReportedWithItsTrailingEdge() throws Exception {
        start(false);
        try (RawClient c = new RawClient()) {
            c.expect(GREETING);
            c.expect(BOOT_URCS.getBytes(ISO_8859_1));
            c.send(IAC, DO, 44);
            c.expect(modemState(0x33));

            // A new SMS pulses RI for 120 ms: RI on (a leading edge has no delta bit), then off.
            modem.run(e -> e.events().newSms(3));
            c.expect(bytes(modemState(0x70), "\r\n+CMTI: \"SM\",3\r\n"));
            c.expect(modemState(0x30 | Rfc2217Session.TRAILING_RI));

            // A call holds RI until it ends.
            modem.run(e -> e.events().incomingCall());
            c.expect(bytes(modemState(0x70), "\r\nRING\r\n"));
            modem.run(e -> e.events().callEnded());
            c.expect(modemState(0x34));
        }
    }

    @Test
    void baudPacingFollowsTheRateTheClientSets() throws Exception {
        endpoint = Rfc2217Endpoint.start(modem, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), false, true, new SerialTrace("rfc2217-test", true));
        try (RawClient c = new RawClient()) {
            c.expect(GREETING);
            c.expect(BOOT_URCS.getBytes(ISO_8859_1));

            // 1200 baud (00 00 04 b0) is 120 bytes a second: the first of ATI's 27 bytes leaves at once,
            // the other 26 take about 217 ms.
            c.send(IAC, SB, 44, 1, 0x00, 0x00, 0x04, 0xB0, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 101, 0x00, 0x00, 0x04, 0xB0, IAC, SE));
            assertThat(this.<Integer>onLoop(ModemEngine::serialRate).intValue()).isEqualTo(1200);
            long t0 = System.nanoTime();
            c.send("ATI\r");
            c.expect(bytes("ATI\r\r\nSIM800 R14.18\r\n\r\nOK\r\n"));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(200);

            // At 300 baud a purge catches the reply in the paced queue: a few bytes at most escape.
            c.send(IAC, SB, 44, 1, 0x00, 0x00, 0x01, 0x2C, IAC, SE);
            c.expect(bytes(IAC, SB, 44, 101, 0x00, 0x00, 0x01, 0x2C, IAC, SE));
            c.send("ATI\r", IAC, SB, 44, 12, 1, IAC, SE);
            byte[] got = c.readFor(500);
            byte[] ack = bytes(IAC, SB, 44, 112, 1, IAC, SE);
            String hex = HexFormat.of().formatHex(got);
            assertThat(hex).contains(HexFormat.of().formatHex(ack));
            String data = new String(HexFormat.of().parseHex(hex.replace(HexFormat.of().formatHex(ack), "")), ISO_8859_1);
            assertThat("ATI\r\r\nSIM800 R14.18\r\n\r\nOK\r\n").startsWith(data);
            assertThat(data.length()).isLessThan(10);
        }
    }

    @Test
    void aSecondHostIsClosedAndTheFirstOnesLeavingPowersTheModemOff() throws Exception {
        start(false);
        try (RawClient first = new RawClient()) {
            first.expect(GREETING);
            first.expect(BOOT_URCS.getBytes(ISO_8859_1));
            try (RawClient second = new RawClient()) {
                assertThat(second.readToEnd()).isEmpty();
            }
            first.send("AT\r");
            first.expect(bytes("AT\r\r\nOK\r\n"));
            assertThat(onLoop(ModemEngine::power)).isEqualTo(ModemEngine.Power.ON);
        }
        awaitPower(ModemEngine.Power.OFF);
    }

    @Test
    void keepPoweredLeavesTheModemRunningForTheNextHost() throws Exception {
        start(true);
        try (RawClient first = new RawClient()) {
            first.expect(GREETING);
            first.expect(BOOT_URCS.getBytes(ISO_8859_1));
            first.send("ATE0\r");
            first.expect(bytes("ATE0\r\r\nOK\r\n"));
        }
        try (RawClient next = connectWhenFree()) {
            // No boot this time, and the echo is still off.
            next.send("AT\r");
            next.expect(bytes("\r\nOK\r\n"));
        }
        assertThat(onLoop(ModemEngine::power)).isEqualTo(ModemEngine.Power.ON);
    }

    // ------------------------------------------------------------------ helpers

    private void start(boolean keepPowered) throws InterruptedException {
        endpoint = Rfc2217Endpoint.start(modem, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), keepPowered, new SerialTrace("rfc2217-test", true));
    }

    /**
     * Connects once the endpoint has seen the previous host leave (until then a new connection is
     * refused as a second host), and reads the greeting.
     */
    private RawClient connectWhenFree() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (true) {
            RawClient c = new RawClient();
            byte[] first = c.readSome();
            if (first.length > 0) {
                c.expectRest(first, GREETING);
                return c;
            }
            c.close();
            assertThat(System.nanoTime()).as("endpoint free again").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private <T> T onLoop(Function<ModemEngine, T> read) throws Exception {
        List<T> box = new ArrayList<>(1);
        modem.runAndWait(e -> box.add(read.apply(e))).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        return box.get(0);
    }

    /** The host's leaving reaches the engine after the socket closes, so wait for it. */
    private void awaitPower(ModemEngine.Power expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (onLoop(ModemEngine::power) != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(onLoop(ModemEngine::power)).isEqualTo(expected);
    }

    private static Map<String, Object> lines(boolean cd, boolean ri, boolean cts, boolean dsr) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cd", cd);
        m.put("cts", cts);
        m.put("dsr", dsr);
        m.put("ri", ri);
        return m;
    }

    private static byte[] modemState(int state) {
        return bytes(IAC, SB, COM_PORT_OPTION, 107, state, IAC, SE);
    }

    private static boolean pyserialAvailable() throws InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import serial.rfc2217")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Bytes from ints (0–255), chars, strings (ISO-8859-1) and byte arrays, in order. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                out.write(i);
            } else if (p instanceof Character ch) {
                out.write(ch);
            } else if (p instanceof String s) {
                out.writeBytes(s.getBytes(ISO_8859_1));
            } else {
                out.writeBytes((byte[]) p);
            }
        }
        return out.toByteArray();
    }

    /** A plain socket speaking Telnet by hand. */
    private final class RawClient implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;

        RawClient() throws IOException {
            socket.setTcpNoDelay(true);
            socket.connect(endpoint.localAddress(), (int) TIMEOUT_MILLIS);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(Object... parts) throws IOException {
            out.write(bytes(parts));
            out.flush();
        }

        /** Reads exactly as many bytes as expected, with a deadline, and compares them. */
        void expect(byte[] want) throws IOException {
            byte[] got = new byte[want.length];
            int n = 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
            while (n < want.length) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                try {
                    int r = in.read(got, n, want.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                } catch (SocketTimeoutException e) {
                    break;
                }
            }
            assertThat(HexFormat.of().formatHex(got, 0, n)).isEqualTo(HexFormat.of().formatHex(want));
        }

        /** Whatever arrives first (empty if the server closed the connection). */
        byte[] readSome() throws IOException {
            socket.setSoTimeout((int) TIMEOUT_MILLIS);
            byte[] b = new byte[64];
            int n = in.read(b);
            return n < 0 ? new byte[0] : Arrays.copyOf(b, n);
        }

        /** Like {@link #expect}, when {@code first} has already been read. */
        void expectRest(byte[] first, byte[] want) throws IOException {
            int n = Math.min(first.length, want.length);
            assertThat(HexFormat.of().formatHex(first)).isEqualTo(HexFormat.of().formatHex(want, 0, n));
            expect(Arrays.copyOfRange(want, n, want.length));
        }

        /** Everything that arrives within {@code millis}. */
        byte[] readFor(long millis) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            byte[] b = new byte[256];
            for (long left; (left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) > 0; ) {
                socket.setSoTimeout((int) left);
                try {
                    int n = in.read(b);
                    if (n < 0) {
                        break;
                    }
                    all.write(b, 0, n);
                } catch (SocketTimeoutException e) {
                    break;
                }
            }
            return all.toByteArray();
        }

        /** Everything until the server closes (bounded by the deadline). */
        byte[] readToEnd() throws IOException {
            socket.setSoTimeout((int) TIMEOUT_MILLIS);
            return in.readAllBytes();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * The pyserial script (a test resource) run by {@link #PYTHON}: it prints one JSON object per
     * phase and waits for a line on stdin before the next, so that the engine can be inspected
     * while the port is open.
     */
    private final class Pyserial implements AutoCloseable {
        private final Process process;
        private final Path stderr;
        private final Writer stdin;
        private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();

        Pyserial(int port) throws IOException {
            Path script = dir.resolve("client.py");
            try (InputStream res = Rfc2217EndpointTest.class.getResourceAsStream("/rfc2217/client.py")) {
                Files.copy(res, script);
            }
            stderr = dir.resolve("client.stderr");
            process = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(port))
                    .redirectError(stderr.toFile())
                    .start();
            stdin = new java.io.OutputStreamWriter(process.getOutputStream(), UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        stdout.add(line);
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "pyserial-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next phase's report. */
        Map<String, Object> next() throws Exception {
            String line = stdout.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(line).as("a report from the pyserial client; its stderr:\n%s", stderr()).isNotNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> report = (Map<String, Object>) new Json(line).value();
            return report;
        }

        void proceed() throws IOException {
            stdin.write("go\n");
            stdin.flush();
        }

        int exit() throws InterruptedException {
            assertThat(process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).as("pyserial client exits").isTrue();
            return process.exitValue();
        }

        String stderr() {
            try {
                return Files.exists(stderr) ? Files.readString(stderr, UTF_8) : "";
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** Just enough JSON for the script's reports: objects, arrays, strings, integers, booleans, null. */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skipSpace();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skipSpace();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                do {
                    skipSpace();
                    String key = (String) value();
                    skipSpace();
                    expect(':');
                    m.put(key, value());
                    skipSpace();
                } while (s.charAt(i++) == ',');
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skipSpace();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                do {
                    l.add(value());
                    skipSpace();
                } while (s.charAt(i++) == ',');
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = i;
            while (i < s.length() && (s.charAt(i) == '-' || Character.isDigit(s.charAt(i)))) {
                i++;
            }
            return Integer.valueOf(s.substring(start, i));
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++;
            for (char c; (c = s.charAt(i++)) != '"'; ) {
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e); // \" \\ \/
                }
            }
            return b.toString();
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (i - 1) + " in " + s);
            }
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
