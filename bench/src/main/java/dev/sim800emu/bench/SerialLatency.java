package dev.sim800emu.bench;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.PtyEndpoint;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AT round trip over the serial line, as latency distributions with their raw baselines
 * measured in the same process: {@code SerialLatency [ROUNDS [WARMUP [REPEATS]]]}.
 *
 * <p>One client thread writes {@code AT\r} and reads {@code AT\r\r\nOK\r\n} (echo on, as after
 * power-up), timing each round trip. Cases:
 * <ul>
 *   <li>{@code tcp-emulator}: the emulator's TCP serial endpoint ({@link EmulatorRig}), a blocking
 *       {@link BlockingClient} (TCP_NODELAY);</li>
 *   <li>{@code tcp-raw}: the same client to {@link ReplyServer}, a bare Netty handler on its own
 *       epoll loop that answers every 3 bytes with the same 9;</li>
 *   <li>{@code pty-emulator}: the emulator's PTY endpoint, the client on the slave in blocking mode
 *       ({@link PtyClient});</li>
 *   <li>{@code pty-raw}: the same client on a bare PTY whose master a thread answers
 *       ({@link RawPtyResponder}).</li>
 *   <li>{@code pty-emulator-thread} and {@code pty-raw-2}: the same pair with the endpoint's
 *       fallback reader thread ({@link PtyEndpoint.Reading#THREAD}), how every PTY was read before.</li>
 * </ul>
 * Every case is warmed up, then measured {@code REPEATS} times, interleaved (A/B, then B/A, …);
 * the output gives every run and the median of each figure over the runs, in microseconds.
 */
public final class SerialLatency {
    static final byte[] AT = BlockingClient.ascii("AT\r");
    static final byte[] REPLY = BlockingClient.ascii("AT\r\r\nOK\r\n");
    private static final String BOOT =
            "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";

    private SerialLatency() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("# SerialLatency rounds=%d warmup=%d repeats=%d%n", rounds, warmup, repeats);

        List<AutoCloseable> owned = new ArrayList<>();
        Map<String, RoundTrip.Line> cases = new LinkedHashMap<>();
        try {
            EmulatorRig rig = new EmulatorRig();
            owned.add(rig);
            rig.host.command("ATE1", "\r\nOK\r\n");
            cases.put("tcp-emulator", tcp(rig.host));
            ReplyServer raw = new ReplyServer(AT.length, REPLY);
            owned.add(raw);
            cases.put("tcp-raw", tcp(new BlockingClient(raw.address())));

            PtyRig pty = new PtyRig(PtyEndpoint.Reading.EVENT_LOOP);
            owned.add(pty);
            cases.put("pty-emulator", pty.client);
            RawPtyResponder rawPty = new RawPtyResponder(AT.length, REPLY);
            PtyClient rawPtyClient = new PtyClient(rawPty.slavePath());
            owned.add(rawPty);
            owned.add(rawPtyClient);
            cases.put("pty-raw", rawPtyClient);
            // the fallback, and what every PTY did before issue 16: a reader thread hands input over
            PtyRig ptyThread = new PtyRig(PtyEndpoint.Reading.THREAD);
            owned.add(ptyThread);
            cases.put("pty-emulator-thread", ptyThread.client);
            RawPtyResponder rawPty2 = new RawPtyResponder(AT.length, REPLY);
            PtyClient rawPtyClient2 = new PtyClient(rawPty2.slavePath());
            owned.add(rawPty2);
            owned.add(rawPtyClient2);
            cases.put("pty-raw-2", rawPtyClient2);

            for (Map.Entry<String, RoundTrip.Line> c : cases.entrySet()) {
                RoundTrip.measure(c.getValue(), AT, REPLY, warmup);
            }
            Map<String, List<RoundTrip.Stats>> runs = new LinkedHashMap<>();
            List<String> order = new ArrayList<>(cases.keySet());
            System.out.println("# RUN\tcase\trun\t" + RoundTrip.Stats.HEADER + "   (µs)");
            for (int r = 0; r < repeats; r++) {
                for (int pair = 0; pair + 1 < order.size(); pair += 2) {
                    // A/B, then B/A: a drift in the machine's load falls on both sides alike
                    String first = order.get(pair + (r % 2));
                    String second = order.get(pair + 1 - (r % 2));
                    for (String name : List.of(first, second)) {
                        RoundTrip.Stats s = RoundTrip.measure(cases.get(name), AT, REPLY, rounds);
                        runs.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
                        System.out.println("RUN\t" + name + "\t" + (r + 1) + "\t" + s.tsv());
                    }
                }
            }
            System.out.println("# MEDIAN\tcase\t" + RoundTrip.Stats.HEADER + "   (µs, median of the runs)");
            for (String name : order) {
                System.out.println("MEDIAN\t" + name + "\t" + RoundTrip.Stats.median(runs.get(name)).tsv());
            }
            if (rig.internalErrors() != 0 || pty.internalErrors() != 0 || ptyThread.internalErrors() != 0) {
                throw new IllegalStateException("the engine reported internal errors");
            }
        } finally {
            for (int i = owned.size() - 1; i >= 0; i--) {
                owned.get(i).close();
            }
        }
    }

    private static RoundTrip.Line tcp(BlockingClient client) {
        return new RoundTrip.Line() {
            @Override
            public void write(byte[] bytes) throws IOException {
                client.write(bytes);
            }

            @Override
            public void expect(byte[] expected) throws IOException {
                client.expect(expected);
            }

            @Override
            public void close() throws IOException {
                client.close();
            }
        };
    }

    /** One modem behind its PTY endpoint, on an epoll loop as the CLI runs it, and a client on the slave. */
    static final class PtyRig implements AutoCloseable {
        private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        private final NettyNetwork network;
        private final VirtualModem modem;
        private final PtyEndpoint endpoint;
        private final Path dir;
        final PtyClient client;

        PtyRig(PtyEndpoint.Reading reading) throws Exception {
            DestinationPolicy loopbackOnly = DestinationPolicy.parse(List.of("127.0.0.0/8"), List.of());
            network = new NettyNetwork(group.next(), new NetworkOptions(null, loopbackOnly));
            modem = new VirtualModem(ModemConfig.builder().bootMillis(0).activationMillis(0).build(),
                    network.eventLoop(), network);
            dir = Files.createTempDirectory("sim800-bench");
            endpoint = PtyEndpoint.open(modem, dir.resolve("modem"), reading);
            client = new PtyClient(endpoint.slavePath());
            client.awaitText(BOOT);
        }

        long internalErrors() {
            long[] n = new long[1];
            modem.runAndWait(e -> n[0] = e.internalErrors()).join();
            return n[0];
        }

        @Override
        public void close() throws Exception {
            client.close();
            endpoint.close();
            network.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            Files.deleteIfExists(dir);
        }
    }
}
