package dev.sim800emu.bench;

import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.SerialOutput;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.net.ServerHandle;
import dev.sim800emu.modem.net.ServerListener;
import dev.sim800emu.modem.time.ModemClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine alone, no sockets and no threads: what one command costs in CPU and, run with JMH's
 * {@code -prof gc}, in heap allocated per command in steady state ({@code gc.alloc.rate.norm},
 * bytes/op). {@code bench/run.sh} runs it with that profiler.
 *
 * <ul>
 *   <li>{@link #at}: {@code AT\r} in, {@code \r\nOK\r\n} out (echo off).</li>
 *   <li>{@link #cipsend}: a whole {@code AT+CIPSEND=1460} dialog on a connected TCP link: command,
 *       prompt, 1460 bytes of payload handed to the link, the link's acknowledgement, SEND OK.</li>
 *   <li>{@link #cipsendQuick}: the same with {@code AT+CIPQSEND=1}, ending at DATA ACCEPT.</li>
 * </ul>
 *
 * <p>The clock and the network are in-memory stand-ins: a clock whose timers run only when the
 * benchmark fires them (none is due during a dialog), and a link that acknowledges every byte it is
 * given, delivered after the engine's call has returned, as the real network does. Every operation
 * checks that the modem answered as expected, so a benchmark that broke the dialog would fail.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@State(Scope.Thread)
public class EngineCommandBenchmark {
    static final int CHUNK = 1460;
    private static final byte[] AT = ascii("AT\r");
    private static final byte[] CIPSEND = ascii("AT+CIPSEND=" + CHUNK + "\r");

    private Modem plain;
    private Modem quick;
    private final byte[] payload = new byte[CHUNK];

    @Setup(Level.Trial)
    public void start() {
        Arrays.fill(payload, (byte) 'x');
        plain = new Modem(0);
        quick = new Modem(1);
    }

    /** AT in, OK out. */
    @Benchmark
    public int at() {
        return plain.exchange(AT, "\r\nOK\r\n");
    }

    /** CIPSEND=1460, prompt, payload, acknowledgement, SEND OK. */
    @Benchmark
    public int cipsend() {
        return plain.send(CIPSEND, payload, "\r\nSEND OK\r\n");
    }

    /** The same with CIPQSEND=1: DATA ACCEPT as soon as the payload is handed to the link. */
    @Benchmark
    public int cipsendQuick() {
        return quick.send(CIPSEND, payload, "\r\nDATA ACCEPT:" + CHUNK + "\r\n");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A booted engine with its stand-ins; output is counted, its last piece kept for checks. */
    private static final class Modem implements SerialOutput {
        final ManualTimers clock = new ManualTimers();
        final AckingNetwork network = new AckingNetwork();
        final ModemEngine engine;
        private byte[] last = new byte[0];
        private int outputBytes;
        /** Everything printed while the modem is being set up; null afterwards. */
        private StringBuilder setup = new StringBuilder();

        Modem(int qsend) {
            ModemConfig config = ModemConfig.builder().bootMillis(0).activationMillis(0).build();
            engine = new ModemEngine(config, clock, network);
            engine.attach(this);
            engine.powerOn();
            clock.runDue();
            command("ATE0", "\r\nOK\r\n");
            command("AT+CIPQSEND=" + qsend, "\r\nOK\r\n");
            command("AT+CSTT=\"CMNET\"", "\r\nOK\r\n");
            command("AT+CIICR", "\r\nOK\r\n");
            command("AT+CIFSR", "\r\n10.");
            command("AT+CIPSTART=\"TCP\",\"127.0.0.1\",7", "\r\nOK\r\n\r\nCONNECT OK\r\n");
            setup = null;
        }

        private void command(String line, String expected) {
            clock.runDue();
            engine.onSerialInput(ascii(line + "\r"));
            clock.runDue();
            network.deliver();
            clock.runDue();
            String out = setup.toString();
            setup.setLength(0);
            if (!out.contains(expected)) {
                throw new IllegalStateException(line + " answered " + out);
            }
        }

        int exchange(byte[] in, String expected) {
            engine.onSerialInput(in);
            return expectLast(expected);
        }

        int send(byte[] command, byte[] data, String expected) {
            engine.onSerialInput(command);
            expectLast("\r\n> ");
            engine.onSerialInput(data);
            network.deliver();
            return expectLast(expected);
        }

        private int expectLast(String expected) {
            // Compared without building a String: the check must not allocate itself.
            int n = expected.length();
            if (last.length != n) {
                throw new IllegalStateException("unexpected output: " + new String(last, StandardCharsets.ISO_8859_1));
            }
            for (int i = 0; i < n; i++) {
                if (last[i] != expected.charAt(i)) {
                    throw new IllegalStateException("unexpected output: " + new String(last, StandardCharsets.ISO_8859_1));
                }
            }
            return outputBytes;
        }

        @Override
        public void write(byte[] bytes) {
            last = bytes;
            if (setup != null) {
                setup.append(new String(bytes, StandardCharsets.ISO_8859_1));
            }
            outputBytes += bytes.length;
        }
    }

    /** Timers that run only when {@link #runDue} is called, and only those with no delay. */
    private static final class ManualTimers implements ModemClock {
        private final ArrayDeque<Runnable> due = new ArrayDeque<>();

        @Override
        public long nowMillis() {
            return 0;
        }

        @Override
        public Timer schedule(long delayMillis, Runnable task) {
            if (delayMillis == 0) {
                due.add(task);
                return () -> due.remove(task);
            }
            return () -> { }; // give-up and idle timers never come due in a benchmark
        }

        void runDue() {
            Runnable r;
            while ((r = due.poll()) != null) {
                r.run();
            }
        }
    }

    /**
     * Links that connect and acknowledge everything sent, after the engine's call (as a socket's
     * completions come back on a later turn of the event loop).
     */
    private static final class AckingNetwork implements Network {
        private LinkListener listener;
        private boolean connectPending;
        private long sent;
        private long acked;

        @Override
        public NetLink open(LinkRequest request, LinkListener l) {
            listener = l;
            connectPending = true;
            return new NetLink() {
                @Override
                public void send(byte[] data) {
                    sent += data.length;
                }

                @Override
                public void close(boolean abort) {
                    listener = null;
                }

                @Override
                public void setReading(boolean reading) {
                }
            };
        }

        void deliver() {
            if (listener == null) {
                return;
            }
            if (connectPending) {
                connectPending = false;
                listener.onConnected();
            }
            if (acked < sent) {
                acked = sent;
                listener.onAcked(acked);
            }
        }

        @Override
        public ServerHandle listen(int port, ServerListener l) {
            throw new UnsupportedOperationException("no servers in this benchmark");
        }

        @Override
        public void resolve(String host, ResolveCallback callback) {
            throw new UnsupportedOperationException("no names in this benchmark");
        }
    }
}
