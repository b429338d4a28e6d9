package dev.sim800emu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * What {@code --record FILE} costs the host: the AT round trip ({@code AT\r}, {@code \r\nOK\r\n},
 * echo off) and a CIPSEND loop ({@code AT+CIPSEND=1460}, the prompt, 1460 bytes, SEND OK, to a
 * loopback {@link SinkServer}) on two modems of one trial, one without the recorder ({@code …Off})
 * and one recording the session ({@code …On}; the file in a temporary directory, deleted after the
 * trial), so that {@link InterleavedPairs} can run the two in alternating slices.
 *
 * <p>Baseline in the same run: {@link ReplyServer}'s bare 3-bytes-in, 6-bytes-out round trip, as in
 * {@link AtRoundTripBenchmark}. Goal: recording adds at most 10 % to either exchange's mean time.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Threads(1)
@State(Scope.Benchmark)
public class RecordingOverheadBenchmark {
    private static final byte[] AT = BlockingClient.ascii("AT\r");
    private static final byte[] OK = BlockingClient.ascii("\r\nOK\r\n");
    private static final int CHUNK = 1460;
    private static final byte[] CIPSEND = BlockingClient.ascii("AT+CIPSEND=" + CHUNK + "\r");
    private static final byte[] PROMPT = BlockingClient.ascii("\r\n> ");
    private static final byte[] SEND_OK = BlockingClient.ascii("\r\nSEND OK\r\n");

    private final byte[] payload = new byte[CHUNK];
    private Path dir;
    private EmulatorRig plain;
    private EmulatorRig recorded;
    private SinkServer sink;
    private ReplyServer echo;
    private BlockingClient echoClient;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Arrays.fill(payload, (byte) 'x');
        dir = Files.createTempDirectory("sim800emu-bench-record");
        sink = new SinkServer();
        plain = connected(new EmulatorRig(null));
        recorded = connected(new EmulatorRig(dir.resolve("session.rec")));
        echo = new ReplyServer(AT.length, OK);
        echoClient = new BlockingClient(echo.address());
    }

    /** The modem with a TCP link to the sink, after CSTT, CIICR, CIFSR and CIPSTART. */
    private EmulatorRig connected(EmulatorRig rig) throws Exception {
        BlockingClient host = rig.host;
        host.command("AT+CSTT=\"CMNET\"", "\r\nOK\r\n");
        host.command("AT+CIICR", "\r\nOK\r\n");
        host.command("AT+CIFSR", "\r\n");
        host.awaitText("\r\n");
        host.command("AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + sink.address().getPort(), "CONNECT OK\r\n");
        return rig;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        echoClient.close();
        echo.close();
        plain.close();
        recorded.close();
        sink.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** {@code AT\r} to the modem without the recorder, {@code \r\nOK\r\n} back. */
    @Benchmark
    public int atOkOff() throws Exception {
        return atOk(plain.host);
    }

    /** The same to the modem that records. */
    @Benchmark
    public int atOkOn() throws Exception {
        return atOk(recorded.host);
    }

    /** One AT+CIPSEND=1460 exchange until SEND OK, without the recorder. */
    @Benchmark
    public int cipsendOff() throws Exception {
        return cipsend(plain.host);
    }

    /** The same with the recorder. */
    @Benchmark
    public int cipsendOn() throws Exception {
        return cipsend(recorded.host);
    }

    private static int atOk(BlockingClient host) throws Exception {
        host.write(AT);
        return host.expect(OK);
    }

    private int cipsend(BlockingClient host) throws Exception {
        host.write(CIPSEND);
        host.expect(PROMPT);
        host.write(payload);
        return host.expect(SEND_OK);
    }

    /** Baseline: 3 bytes to the bare reply server, the same 6 bytes back. */
    @Benchmark
    public int rawEcho() throws Exception {
        echoClient.write(AT);
        return echoClient.expect(OK);
    }
}
