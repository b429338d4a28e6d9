package dev.sim800emu.modem.transparent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import io.netty.channel.EventLoopGroup;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 64 MiB each way through transparent mode over the real TCP serial endpoint, in four phases with
 * a +++ escape, a command and ATO between them, checksummed: nothing lost, nothing inserted, and
 * the bytes the server sends while the host is in command mode arrive after ATO.
 *
 * <p>Volume: {@code -Dsim800emu.integrity.transparentBytes=N} bytes each way (a multiple of four
 * phases of 64 KiB); the Maven profile {@code long} sets 320 MiB. The streams are generated and
 * checksummed as they go, so the volume costs no memory.
 */
class TransparentIntegrityTest {
    private static final int PHASES = 4;
    private static final int CHUNK = 64 * 1024;
    private static final long PHASE = Long.getLong("sim800emu.integrity.transparentBytes", 64L << 20) / PHASES
            / CHUNK * CHUNK;
    private static final byte[] KEPT = "kept".getBytes(StandardCharsets.US_ASCII);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void streamsBothWaysWithEscapes() throws Exception {
        // Own threads: the common pool may have a single worker on a 2-core machine, and the peer's
        // endless reader would starve the writers.
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NettyNetwork network = new NettyNetwork(group.next(), NetworkOptions.defaults());
            VirtualModem modem = new VirtualModem(ModemConfig.builder().bootMillis(0).activationMillis(0).build(),
                    network.eventLoop(), network);
            TcpSerialEndpoint endpoint = TcpSerialEndpoint.start(modem, group, NettyNetwork.serverChannelType(group),
                    new InetSocketAddress("127.0.0.1", 0), false, new SerialTrace("it", false));
            try (Socket host = new Socket()) {
                host.connect(endpoint.localAddress(), 2000);
                host.setSoTimeout(20_000);
                DataInputStream in = new DataInputStream(host.getInputStream());
                OutputStream out = host.getOutputStream();
                expect(in, "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n");
                command(out, in, "ATE0", "ATE0\r\r\nOK\r\n");
                command(out, in, "AT+CIPMODE=1", "\r\nOK\r\n");
                command(out, in, "AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + server.getLocalPort(), "\r\nOK\r\n");
                try (Socket peer = server.accept()) {
                    expect(in, "\r\nCONNECT\r\n");
                    AtomicLong peerReceived = new AtomicLong();
                    CRC32 peerCrc = new CRC32();
                    CompletableFuture<Void> peerReader = CompletableFuture.runAsync(() -> drain(peer, peerReceived, peerCrc), threads);
                    CRC32 hostSentCrc = new CRC32();
                    CRC32 peerSentCrc = new CRC32();
                    CRC32 hostGotCrc = new CRC32();
                    long started = System.nanoTime();
                    for (int phase = 0; phase < PHASES; phase++) {
                        long upSeed = 1000 + phase;
                        long downSeed = 2000 + phase;
                        CompletableFuture<Void> hostWriter = CompletableFuture.runAsync(
                                () -> write(out, upSeed, hostSentCrc), threads);
                        CompletableFuture<Void> peerWriter = CompletableFuture.runAsync(
                                () -> write(outputOf(peer), downSeed, peerSentCrc), threads);
                        byte[] got = new byte[CHUNK];
                        for (long n = 0; n < PHASE; n += CHUNK) {
                            in.readFully(got);
                            hostGotCrc.update(got);
                        }
                        // Each writer has written one phase; a slow machine gets time in proportion.
                        long writeSeconds = 60 + PHASE / (1 << 20);
                        hostWriter.get(writeSeconds, TimeUnit.SECONDS);
                        peerWriter.get(writeSeconds, TimeUnit.SECONDS);
                        long target = PHASE * (phase + 1);
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        while (peerReceived.get() < target && System.nanoTime() < deadline) {
                            Thread.sleep(5);
                        }
                        assertThat(peerReceived.get()).as("bytes at the server after phase %d", phase).isEqualTo(target);
                        if (phase == PHASES - 1) {
                            break;
                        }
                        // Escape with a second of silence on both sides, then talk in command mode.
                        Thread.sleep(1100);
                        out.write("+++".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(1100);
                        expect(in, "\r\nOK\r\n");
                        peer.getOutputStream().write(KEPT);
                        peer.getOutputStream().flush();
                        command(out, in, "AT+CIPSTATUS", "\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n");
                        command(out, in, "ATO", "\r\nCONNECT\r\n");
                        expect(in, "kept");
                    }
                    assertThat(hostGotCrc.getValue()).as("server → host stream").isEqualTo(peerSentCrc.getValue());
                    peer.shutdownOutput();
                    expect(in, "\r\nCLOSED\r\n");
                    peerReader.get(30, TimeUnit.SECONDS);
                    assertThat(peerCrc.getValue()).as("host → server stream").isEqualTo(hostSentCrc.getValue());
                    assertThat(peerReceived.get()).isEqualTo(PHASE * PHASES);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf("integrity: transparent mode, %d phases: %,d bytes checked in %.1f s%n",
                            PHASES, 2 * PHASE * PHASES, seconds);
                }
                command(out, in, "AT", "\r\nOK\r\n");
                assertThat(modem.runAndWait(e -> assertThat(e.internalErrors()).isZero())).succeedsWithin(java.time.Duration.ofSeconds(5));
            } finally {
                endpoint.close();
                network.close();
            }
        } finally {
            threads.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Writes one phase: {@link #PHASE} pseudo-random bytes from {@code seed}, added to {@code crc} as they go. */
    private static void write(OutputStream out, long seed, CRC32 crc) {
        Random random = new Random(seed);
        byte[] chunk = new byte[CHUNK];
        try {
            for (long n = 0; n < PHASE; n += CHUNK) {
                random.nextBytes(chunk);
                crc.update(chunk);
                out.write(chunk);
            }
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static OutputStream outputOf(Socket s) {
        try {
            return s.getOutputStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void drain(Socket peer, AtomicLong count, CRC32 crc) {
        try {
            InputStream in = peer.getInputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (crc) {
                    crc.update(buf, 0, n);
                }
                count.addAndGet(n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void command(OutputStream out, DataInputStream in, String line, String reply) throws IOException {
        out.write((line + "\r").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, reply);
    }

    private static void expect(DataInputStream in, String text) throws IOException {
        byte[] b = new byte[text.length()];
        in.readFully(b);
        assertThat(new String(b, StandardCharsets.ISO_8859_1)).isEqualTo(text);
    }
}
