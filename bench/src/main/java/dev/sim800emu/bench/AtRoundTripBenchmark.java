package dev.sim800emu.bench;

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
 * Latency and rate of one AT command over the emulator's TCP serial line: the host writes
 * {@code AT\r} and reads {@code \r\nOK\r\n} (echo off).
 *
 * <p>Baseline: {@link ReplyServer}, a bare server on its own event loop of the same kind (epoll,
 * TCP_NODELAY, one thread) that answers every 3 bytes with the same 6 bytes. Same client, same
 * payload sizes, same number of threads and wake-ups per round trip; what remains is the cost of the
 * modem engine (framing, command table, result formatting) and its endpoint. Goal: the emulator's
 * mean latency within 1.2 times the baseline's. Both servers run in every fork.
 */
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Threads(1)
@State(Scope.Benchmark)
public class AtRoundTripBenchmark {
    private static final byte[] AT = BlockingClient.ascii("AT\r");
    private static final byte[] OK = BlockingClient.ascii("\r\nOK\r\n");

    private EmulatorRig emulator;
    private ReplyServer echo;
    private BlockingClient echoClient;

    @Setup(Level.Trial)
    public void start() throws Exception {
        emulator = new EmulatorRig();
        echo = new ReplyServer(AT.length, OK);
        echoClient = new BlockingClient(echo.address());
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        echoClient.close();
        echo.close();
        emulator.close();
    }

    /** {@code AT\r} to the emulator, {@code \r\nOK\r\n} back. */
    @Benchmark
    public int modemAtOk() throws Exception {
        emulator.host.write(AT);
        return emulator.host.expect(OK);
    }

    /** 3 bytes to the bare reply server, the same 6 bytes back. */
    @Benchmark
    public int rawEcho() throws Exception {
        echoClient.write(AT);
        return echoClient.expect(OK);
    }
}
