package dev.sim800emu.modem.serial;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.runtime.VirtualModem;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The modem behind a real pseudo-terminal, driven through the slave as a program would. */
class PtyEndpointTest {
    private static final long TIMEOUT_MILLIS = 5_000;
    private static final String BOOT_URCS =
            "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";

    @TempDir
    Path dir;

    private EventLoopGroup group;
    private VirtualModem modem;
    private PtyEndpoint pty;
    private RandomAccessFile port;

    /** The modem's loop and who reads the master. */
    enum Setup {
        /** The CLI's default on Linux: the master registered with the modem's epoll loop. */
        EPOLL_LOOP(true, PtyEndpoint.Reading.AUTO, PtyEndpoint.Reading.EVENT_LOOP),
        /** The fallback thread, forced on an epoll loop. */
        EPOLL_THREAD(true, PtyEndpoint.Reading.THREAD, PtyEndpoint.Reading.THREAD),
        /** An NIO loop cannot carry the master: the fallback thread. */
        NIO(false, PtyEndpoint.Reading.AUTO, PtyEndpoint.Reading.THREAD);

        final boolean epoll;
        final PtyEndpoint.Reading asked;
        final PtyEndpoint.Reading expected;

        Setup(boolean epoll, PtyEndpoint.Reading asked, PtyEndpoint.Reading expected) {
            this.epoll = epoll;
            this.asked = asked;
            this.expected = expected;
        }
    }

    private Setup setup = Setup.NIO;

    @BeforeEach
    void setUp() {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"),
                "pseudo-terminals are supported on Linux only");
        use(Setup.NIO, ModemConfig.builder().bootMillis(0).build());
    }

    private void use(Setup s, ModemConfig config) {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (s.epoll) {
            Assumptions.assumeTrue(Epoll.isAvailable(), "Netty's native epoll transport is not available here");
        }
        setup = s;
        group = new MultiThreadIoEventLoopGroup(1, s.epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        modem = new VirtualModem(config, group.next(), new UnusedNetwork());
    }

    private PtyEndpoint open(Path link) throws IOException {
        PtyEndpoint p = PtyEndpoint.open(modem, link, setup.asked);
        assertThat(p.reading()).isEqualTo(setup.expected);
        return p;
    }

    @AfterEach
    void tearDown() throws IOException {
        // Closing the endpoint first hangs the port up, which ends the test's blocked read.
        if (pty != null) {
            pty.close();
        }
        if (port != null) {
            port.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void answersAtCommandsThroughTheSlave(Setup s) throws Exception {
        use(s, ModemConfig.builder().bootMillis(0).build());
        Path link = dir.resolve("sim800");
        pty = open(link);

        assertThat(pty.link()).isEqualTo(link);
        assertThat(pty.slavePath().toString()).startsWith("/dev/pts/");
        assertThat(Files.readSymbolicLink(link)).isEqualTo(pty.slavePath());

        SlaveReader in = openPort(link);
        in.expect(BOOT_URCS);
        send("AT\r");
        in.expect("AT\r\r\nOK\r\n");
        send("ATE0\r");
        in.expect("ATE0\r\r\nOK\r\n");
        send("ATI\r");
        in.expect("\r\nSIM800 R14.18\r\n\r\nOK\r\n");
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void closeRemovesTheLinkAndPowersTheModemOff(Setup s) throws Exception {
        use(s, ModemConfig.builder().bootMillis(0).build());
        Path link = dir.resolve("sim800");
        pty = open(link);
        assertThat(power()).isEqualTo(ModemEngine.Power.ON);

        pty.close();
        pty.close(); // idempotent

        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(power()).isEqualTo(ModemEngine.Power.OFF);
    }

    @Test
    void replacesAnExistingSymbolicLink() throws Exception {
        Path link = dir.resolve("sim800");
        Files.createSymbolicLink(link, dir.resolve("stale-target"));

        pty = PtyEndpoint.open(modem, link);

        assertThat(Files.readSymbolicLink(link)).isEqualTo(pty.slavePath());
    }

    @Test
    void refusesToReplaceARegularFile() throws Exception {
        Path file = dir.resolve("sim800");
        Files.writeString(file, "precious");

        assertThatThrownBy(() -> PtyEndpoint.open(modem, file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a symbolic link");
        assertThat(Files.readString(file)).isEqualTo("precious");
        assertThat(power()).isEqualTo(ModemEngine.Power.OFF);
    }

    /**
     * Type-ahead behind a running command (AT+CIICR, half a second) beyond the modem's whole inbox
     * (1 MiB): the endpoint stops reading the master while the modem takes no input, so the rest
     * waits in the terminal and the program's writes block, then reads on once the command is done.
     * Nothing is dropped: the command at the very end is answered. Were the master read on
     * regardless, the modem would drop what overflows its inbox, that command included.
     */
    @ParameterizedTest
    @EnumSource(value = Setup.class, names = {"EPOLL_LOOP", "EPOLL_THREAD"})
    void stopsReadingWhileTheModemTakesNoInputAndReadsOnAfterwards(Setup s) throws Exception {
        use(s, ModemConfig.builder().bootMillis(0).activationMillis(500).build());
        pty = open(dir.resolve("sim800"));
        SlaveReader in = openPort(dir.resolve("sim800"));
        in.expect(BOOT_URCS);
        send("ATE0\r");
        in.expect("ATE0\r\r\nOK\r\n");
        send("AT+CSTT=\"CMNET\"\r");
        in.expect("\r\nOK\r\n");
        byte[] typeAhead = ("AT+CIICR\r" + "x".repeat(1 << 20) + "x".repeat(64 * 1024) + "\rATI\r")
                .getBytes(US_ASCII);
        Thread writer = new Thread(() -> {
            try {
                port.write(typeAhead);
            } catch (IOException e) {
                // the endpoint closed: the test fails on the missing answer
            }
        }, "pty-test-writer");
        writer.setDaemon(true);
        writer.start();

        in.expect("\r\nOK\r\n\r\nSIM800 R14.18\r\n\r\nOK\r\n");
        writer.join(TIMEOUT_MILLIS);
        assertThat(writer.isAlive()).as("the program's writes went through").isFalse();
        assertThat(modem.runAndWait(e -> assertThat(e.internalErrors()).isZero()))
                .succeedsWithin(java.time.Duration.ofSeconds(5));
    }

    // ------------------------------------------------------------------ helpers

    private ModemEngine.Power power() throws Exception {
        ModemEngine.Power[] power = new ModemEngine.Power[1];
        modem.runAndWait(e -> power[0] = e.power()).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        return power[0];
    }

    private SlaveReader openPort(Path link) throws IOException {
        port = new RandomAccessFile(link.toFile(), "rw");
        SlaveReader reader = new SlaveReader(port);
        reader.start();
        return reader;
    }

    private void send(String text) throws IOException {
        port.write(text.getBytes(US_ASCII));
    }

    /**
     * Reads the slave on its own thread, since a read on a terminal cannot be given a timeout from
     * Java; the test waits on the queue with a deadline instead.
     */
    private static final class SlaveReader extends Thread {
        private final RandomAccessFile port;
        private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        SlaveReader(RandomAccessFile port) {
            super("pty-test-slave-reader");
            setDaemon(true);
            this.port = port;
        }

        @Override
        public void run() {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = port.read(buf)) > 0) {
                    chunks.add(Arrays.copyOf(buf, n));
                }
            } catch (IOException e) {
                // The endpoint closed: the port hung up.
            }
        }

        /** Waits for exactly {@code expected} to arrive next (and nothing else). */
        void expect(String expected) throws InterruptedException {
            byte[] want = expected.getBytes(US_ASCII);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
            while (received.size() < want.length) {
                long left = deadline - System.nanoTime();
                byte[] chunk = left > 0 ? chunks.poll(left, TimeUnit.NANOSECONDS) : null;
                if (chunk == null) {
                    break;
                }
                received.writeBytes(chunk);
            }
            byte[] got = received.toByteArray();
            received.reset();
            assertThat(new String(got, US_ASCII)).isEqualTo(expected);
        }
    }

    /** The tests never open links or resolve names. */
    private static final class UnusedNetwork implements Network {
        @Override
        public NetLink open(LinkRequest request, LinkListener listener) {
            throw new UnsupportedOperationException("no network in this test");
        }

        @Override
        public void resolve(String host, ResolveCallback callback) {
            throw new UnsupportedOperationException("no network in this test");
        }

        @Override
        public dev.sim800emu.modem.net.ServerHandle listen(int port, dev.sim800emu.modem.net.ServerListener listener) {
            throw new UnsupportedOperationException("no network in this test");
        }
    }
}
