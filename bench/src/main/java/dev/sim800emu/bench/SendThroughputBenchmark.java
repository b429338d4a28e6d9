package dev.sim800emu.bench;

import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
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
 * Upload rate through the emulator: one operation is a whole {@code AT+CIPSEND=1460} exchange
 * (command, wait for the {@code "\r\n> "} prompt, 1460 bytes of payload, wait for the result) on a
 * TCP link to a loopback {@link SinkServer}. Bytes per second = operations per second × 1460.
 *
 * <ul>
 *   <li>{@link #modemCipsend}: CIPQSEND=0, until {@code \r\nSEND OK\r\n}, which means the sink's
 *       kernel acknowledged the bytes.</li>
 *   <li>{@link #modemCipsendQuick}: the same on a second modem set to AT+CIPQSEND=1, until
 *       {@code \r\nDATA ACCEPT:1460\r\n} (the payload was handed to the socket).</li>
 * </ul>
 *
 * <p>Baselines, in every fork: {@link #scriptedCipsend} and {@link #scriptedCipsendQuick}, the same
 * dialogs answered by a {@link ScriptedResponder} — the same kind of serial channel, the same link
 * to the same sink, the same wait for the acknowledgement, no engine. Two host round trips per chunk
 * are the protocol's, so this is the fair floor; goal: the emulator reaches at least 80 % of the
 * responder's rate, in both forms. {@link #rawSendAcked}, for reference: a plain blocking client
 * socket to the same sink that writes 1460 bytes and spins on {@code ioctl(SIOCOUTQ)} until the send
 * queue is empty (the promise of SEND OK without any dialog).
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"})
@Threads(1)
@State(Scope.Benchmark)
public class SendThroughputBenchmark {
    static final int CHUNK = 1460;
    private static final byte[] CIPSEND = BlockingClient.ascii("AT+CIPSEND=" + CHUNK + "\r");
    private static final byte[] PROMPT = BlockingClient.ascii("\r\n> ");
    private static final byte[] SEND_OK = BlockingClient.ascii("\r\nSEND OK\r\n");
    private static final byte[] DATA_ACCEPT = BlockingClient.ascii("\r\nDATA ACCEPT:" + CHUNK + "\r\n");
    private static final long ACK_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(BlockingClient.TIMEOUT_MILLIS);

    private final byte[] payload = new byte[CHUNK];
    private SinkServer sink;
    private EmulatorRig emulator;
    private EmulatorRig quickEmulator;
    private ScriptedResponder responder;
    private ScriptedResponder quickResponder;
    private BlockingClient scripted;
    private BlockingClient scriptedQuick;
    private SocketChannel raw;
    private KernelSendQueue rawQueue;
    private final ByteBuffer rawBuf = ByteBuffer.allocateDirect(CHUNK);

    @Setup(Level.Trial)
    public void start() throws Exception {
        Arrays.fill(payload, (byte) 'x'); // no LF first: an LF right after the command's CR is skipped
        sink = new SinkServer();
        emulator = connectedModem(0);
        quickEmulator = connectedModem(1);
        responder = new ScriptedResponder(sink.address());
        scripted = scriptedHost(responder, 0);
        quickResponder = new ScriptedResponder(sink.address());
        scriptedQuick = scriptedHost(quickResponder, 1);

        raw = SocketChannel.open();
        raw.setOption(StandardSocketOptions.TCP_NODELAY, true);
        raw.connect(sink.address());
        rawQueue = new KernelSendQueue(raw);
        rawBuf.put(payload).flip();
    }

    /** A modem with a TCP link to the sink, after CSTT, CIICR, CIFSR and CIPSTART. */
    private EmulatorRig connectedModem(int qsend) throws Exception {
        EmulatorRig rig = new EmulatorRig();
        BlockingClient host = rig.host;
        host.command("AT+CIPQSEND=" + qsend, "\r\nOK\r\n");
        host.command("AT+CSTT=\"CMNET\"", "\r\nOK\r\n");
        host.command("AT+CIICR", "\r\nOK\r\n");
        host.command("AT+CIFSR", "\r\n");
        host.awaitText("\r\n");
        host.command("AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + sink.address().getPort(), "CONNECT OK\r\n");
        return rig;
    }

    private static BlockingClient scriptedHost(ScriptedResponder responder, int qsend) throws Exception {
        BlockingClient host = new BlockingClient(responder.address());
        host.command("AT+CIPQSEND=" + qsend, "\r\nOK\r\n");
        return host;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        scripted.close();
        scriptedQuick.close();
        responder.close();
        quickResponder.close();
        raw.close();
        emulator.close();
        quickEmulator.close();
        sink.close();
    }

    /** One AT+CIPSEND=1460 exchange, until SEND OK. */
    @Benchmark
    public int modemCipsend() throws Exception {
        BlockingClient host = emulator.host;
        host.write(CIPSEND);
        host.expect(PROMPT);
        host.write(payload);
        return host.expect(SEND_OK);
    }

    /** The same exchange with CIPQSEND=1, until DATA ACCEPT (no wait for the ACK). */
    @Benchmark
    public int modemCipsendQuick() throws Exception {
        BlockingClient host = quickEmulator.host;
        host.write(CIPSEND);
        host.expect(PROMPT);
        host.write(payload);
        return host.expect(DATA_ACCEPT);
    }

    /** Baseline: the CIPQSEND=0 dialog answered by the scripted responder. */
    @Benchmark
    public int scriptedCipsend() throws Exception {
        scripted.write(CIPSEND);
        scripted.expect(PROMPT);
        scripted.write(payload);
        return scripted.expect(SEND_OK);
    }

    /** Baseline: the CIPQSEND=1 dialog answered by the scripted responder. */
    @Benchmark
    public int scriptedCipsendQuick() throws Exception {
        scriptedQuick.write(CIPSEND);
        scriptedQuick.expect(PROMPT);
        scriptedQuick.write(payload);
        return scriptedQuick.expect(DATA_ACCEPT);
    }

    /** 1460 bytes on a plain socket, until the kernel reports them acknowledged. */
    @Benchmark
    public int rawSendAcked() throws Exception {
        rawBuf.rewind();
        while (rawBuf.hasRemaining()) {
            raw.write(rawBuf);
        }
        long deadline = System.nanoTime() + ACK_TIMEOUT_NANOS;
        int unacked;
        while ((unacked = rawQueue.unacknowledged()) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(unacked + " bytes unacknowledged after 5 s");
            }
            Thread.onSpinWait();
        }
        return unacked;
    }
}
