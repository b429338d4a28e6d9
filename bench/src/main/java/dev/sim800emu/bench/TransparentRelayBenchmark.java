package dev.sim800emu.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bytes through the modem in transparent mode, against a plain relay doing the same job.
 *
 * <p>The modem: {@code AT+CIPMODE=1}, {@code AT+CIPCCFG=5,1,1460,1,0,1460,50} (an uplink packet
 * leaves at SendSz = 1460 bytes, the largest allowed, or after WaitTm = 1 × 100 ms of idle; esc on;
 * Rxmode 0: received bytes go to the host at once), then
 * {@code AT+CIPSTART="TCP","127.0.0.1",<port>} → {@code CONNECT}, data mode, to an
 * {@link EchoServer}. The host streams through the serial socket with a bounded window: one operation
 * writes a chunk ({@link #chunkBytes}) and then reads echoed bytes until at most 64 KiB minus a chunk
 * are in flight, so at most 64 KiB are ever unanswered and the pipeline never drains between
 * operations. Every byte crosses the modem twice (host → echo → host); the result is chunks echoed
 * per second. JMH runs the two sides one after the other; {@link InterleavedPairs} runs them in
 * alternating slices of one process, which is what docs/benchmarks.md judges.
 *
 * <p>Baseline: {@link PlainRelay}, a Netty relay on its own one-thread epoll loop, configured like the
 * emulator's endpoint and link (TCP_NODELAY, one loop for both sides), forwarding between the same
 * kind of host client and the same echo server, with the same chunk and window. Both sides run in
 * every fork. Goal: the emulator moves at least 80 % of the relay's bytes per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Threads(1)
@State(Scope.Benchmark)
public class TransparentRelayBenchmark {
    static final int WINDOW = 64 * 1024;

    /**
     * Bytes per host write: 16,060 = 11 packets of SendSz, so a chunk the modem reads whole leaves
     * whole; 16,384 leaves the bytes short of a packet in the modem until the next chunk (the chip's
     * rule: a packet leaves at SendSz bytes or after WaitTm), which a relay does not have.
     */
    @Param({"16060", "16384"})
    int chunkBytes;
    static final String CCFG = "AT+CIPCCFG=5,1,1460,1,0,1460,50";

    private byte[] chunk;
    private final byte[] readBuf = new byte[64 * 1024];

    private EchoServer echo;
    private EmulatorRig emulator;
    private Stream viaModem;
    private PlainRelay relay;
    private BlockingClient relayClient;
    private Stream viaRelay;

    /** One host's streaming state: bytes written and not yet read back. */
    private static final class Stream {
        final InputStream in;
        final OutputStream out;
        long inFlight;

        Stream(BlockingClient client) {
            this.in = client.input();
            this.out = client.output();
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        chunk = new byte[chunkBytes];
        Arrays.fill(chunk, (byte) 'x'); // no '+': nothing here can look like the +++ escape
        echo = new EchoServer();

        emulator = new EmulatorRig();
        BlockingClient host = emulator.host;
        host.command("AT+CIPMODE=1", "\r\nOK\r\n");
        host.command(CCFG, "\r\nOK\r\n");
        host.command("AT+CSTT=\"CMNET\"", "\r\nOK\r\n");
        host.command("AT+CIICR", "\r\nOK\r\n");
        host.command("AT+CIFSR", "\r\n");
        host.awaitText("\r\n");
        host.command("AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + echo.address().getPort(), "\r\nOK\r\n\r\nCONNECT\r\n");
        viaModem = new Stream(host);

        relay = new PlainRelay(echo.address());
        relayClient = new BlockingClient(relay.address());
        viaRelay = new Stream(relayClient);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        // Everything sent must come back: the bytes short of a packet leave after WaitTm (100 ms).
        drain(viaModem);
        drain(viaRelay);
        relayClient.close();
        relay.close();
        emulator.close();
        echo.close();
    }

    /** 16 KiB into the modem's data mode, echoed bytes read until at most 48 KiB are in flight. */
    @Benchmark
    public long modemTransparent() throws IOException {
        return pump(viaModem);
    }

    /** The same through the plain relay. */
    @Benchmark
    public long rawRelay() throws IOException {
        return pump(viaRelay);
    }

    private long pump(Stream s) throws IOException {
        s.out.write(chunk);
        s.inFlight += chunk.length;
        while (s.inFlight > WINDOW - chunk.length) {
            receive(s, (int) Math.min(readBuf.length, s.inFlight));
        }
        return s.inFlight;
    }

    private void receive(Stream s, int max) throws IOException {
        int r = s.in.read(readBuf, 0, max);
        if (r < 0) {
            throw new IOException("connection closed with " + s.inFlight + " bytes in flight");
        }
        s.inFlight -= r;
    }

    private void drain(Stream s) throws IOException {
        while (s.inFlight > 0) {
            receive(s, (int) Math.min(readBuf.length, s.inFlight));
        }
    }
}
