package dev.sim800emu.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Six links streaming both ways through one emulated modem in multi mode, against six plain sockets.
 *
 * <p>The modem: {@code AT+CIPMUX=1}, {@code AT+CIPRXGET=1} (manual receive), {@code AT+CIPQSEND=1}
 * (quick send: {@code DATA ACCEPT:<n>,1460} as soon as the payload is handed to the socket, not
 * after the peer's ACK), six TCP links {@code AT+CIPSTART=<n>,"TCP","127.0.0.1",<port>} to a
 * {@link StreamingServer}, which streams to every connection and discards what it receives. One
 * operation drives the six links in turn; on each link the host
 * <ol>
 *   <li>sends 1460 bytes: {@code AT+CIPSEND=<n>,1460}, waits for {@code \r\n> }, writes the payload,
 *       waits for {@code DATA ACCEPT:<n>,1460};</li>
 *   <li>receives 1460 bytes: {@code AT+CIPRXGET=2,<n>,<1460 - so far>} until 1460 bytes came, each
 *       answer {@code +CIPRXGET: 2,<n>,<got>,<left>} + data + {@code OK}. When the link's buffer is
 *       known to be empty (the last read left 0) it first waits for the {@code +CIPRXGET: 1,<n>}
 *       notice, as a driver would.</li>
 * </ol>
 * So one operation moves 6 × 1460 bytes up and 6 × 1460 bytes down: 17,520 payload bytes.
 *
 * <p>Baseline: six plain blocking sockets (TCP_NODELAY) to the same kind of server, driven from one
 * thread in the same order with the same amounts: write 1460 bytes, read until 1460 bytes came
 * (reads of up to the rest), next socket. Both sides run in every fork. There is no numeric goal:
 * the report shows bytes per second and the ratio.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Threads(1)
@State(Scope.Benchmark)
public class SixLinkStreamBenchmark {
    static final int LINKS = 6;
    static final int CHUNK = 1460;
    /** Payload bytes per operation, both directions together. */
    static final int BYTES_PER_OP = 2 * LINKS * CHUNK;

    private final byte[] payload = new byte[CHUNK];
    private final byte[][] cipsend = new byte[LINKS][];
    private final byte[][] rxgetFull = new byte[LINKS][];
    private final String[] accepted = new String[LINKS];
    private final String[] readHead = new String[LINKS];

    private StreamingServer server;
    private EmulatorRig emulator;
    private OutputStream modemOut;
    private SerialReader modem;

    private final Socket[] raw = new Socket[LINKS];
    private final InputStream[] rawIn = new InputStream[LINKS];
    private final OutputStream[] rawOut = new OutputStream[LINKS];
    private final byte[] rawBuf = new byte[CHUNK];

    @Setup(Level.Trial)
    public void start() throws Exception {
        Arrays.fill(payload, (byte) 'x'); // no LF first: an LF right after the command's CR is skipped
        for (int n = 0; n < LINKS; n++) {
            cipsend[n] = BlockingClient.ascii("AT+CIPSEND=" + n + "," + CHUNK + "\r");
            rxgetFull[n] = BlockingClient.ascii("AT+CIPRXGET=2," + n + "," + CHUNK + "\r");
            accepted[n] = "DATA ACCEPT:" + n + "," + CHUNK;
            readHead[n] = "+CIPRXGET: 2," + n + ",";
        }
        server = new StreamingServer();

        emulator = new EmulatorRig();
        BlockingClient host = emulator.host;
        host.command("AT+CIPMUX=1", "\r\nOK\r\n");
        host.command("AT+CIPRXGET=1", "\r\nOK\r\n");
        host.command("AT+CIPQSEND=1", "\r\nOK\r\n");
        host.command("AT+CSTT=\"CMNET\"", "\r\nOK\r\n");
        host.command("AT+CIICR", "\r\nOK\r\n");
        host.command("AT+CIFSR", "\r\n");
        host.awaitText("\r\n");
        modemOut = host.output();
        modem = new SerialReader(host.input());
        for (int n = 0; n < LINKS; n++) {
            modemOut.write(BlockingClient.ascii("AT+CIPSTART=" + n + ",\"TCP\",\"127.0.0.1\","
                    + server.address().getPort() + "\r"));
            modem.expect("OK");
            modem.expect(n + ", CONNECT OK");
        }

        for (int n = 0; n < LINKS; n++) {
            raw[n] = new Socket();
            raw[n].setTcpNoDelay(true);
            raw[n].setSoTimeout(BlockingClient.TIMEOUT_MILLIS);
            raw[n].connect(server.address(), BlockingClient.TIMEOUT_MILLIS);
            rawIn[n] = raw[n].getInputStream();
            rawOut[n] = raw[n].getOutputStream();
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        for (Socket s : raw) {
            s.close();
        }
        emulator.close();
        server.close();
    }

    /** Six links through the modem: on each, 1460 bytes sent with CIPSEND, 1460 read with CIPRXGET=2. */
    @Benchmark
    public int modemSixLinks() throws IOException {
        int total = 0;
        for (int n = 0; n < LINKS; n++) {
            modemOut.write(cipsend[n]);
            modem.expect(SerialReader.PROMPT);
            modemOut.write(payload);
            modem.expect(accepted[n]);
            int got = 0;
            while (got < CHUNK) {
                modem.awaitReadable(n);
                modemOut.write(got == 0 ? rxgetFull[n]
                        : BlockingClient.ascii("AT+CIPRXGET=2," + n + "," + (CHUNK - got) + "\r"));
                got += read(n, CHUNK - got);
            }
            total += got;
        }
        return total;
    }

    /** Parses {@code +CIPRXGET: 2,<n>,<got>,<left>}, skips the data and the OK; returns got. */
    private int read(int n, int max) throws IOException {
        String head = modem.next();
        if (!head.startsWith(readHead[n])) {
            throw new IllegalStateException("expected " + readHead[n] + "… but got " + BlockingClient.show(head));
        }
        int comma = head.indexOf(',', readHead[n].length());
        int got = Integer.parseInt(head, readHead[n].length(), comma, 10);
        int left = Integer.parseInt(head, comma + 1, head.length(), 10);
        if (got > max) {
            throw new IllegalStateException("asked for " + max + " bytes, got " + BlockingClient.show(head));
        }
        modem.skip(got);
        modem.expect("OK");
        modem.readable[n] = left > 0;
        return got;
    }

    /** Six plain sockets, round robin: write 1460 bytes, read 1460 bytes. */
    @Benchmark
    public int rawSixSockets() throws IOException {
        int total = 0;
        for (int n = 0; n < LINKS; n++) {
            rawOut[n].write(payload);
            int got = 0;
            while (got < CHUNK) {
                int r = rawIn[n].read(rawBuf, got, CHUNK - got);
                if (r < 0) {
                    throw new IOException("stream server closed socket " + n);
                }
                got += r;
            }
            total += got;
        }
        return total;
    }
}
