package dev.sim800emu.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sim800emu.driver.CmeErrorException;
import dev.sim800emu.driver.ConnectFailedException;
import dev.sim800emu.driver.LinkClosedException;
import dev.sim800emu.driver.ModemDatagramSocket;
import dev.sim800emu.driver.ModemSocket;
import dev.sim800emu.driver.NetworkRegistration;
import dev.sim800emu.driver.PdpDeactivatedException;
import dev.sim800emu.driver.Sim800;
import dev.sim800emu.driver.SimStatus;
import dev.sim800emu.modem.net.LinkFault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The driver against the emulator, in every transport mode: real sockets on 127.0.0.1 only. */
class DriverTest {
    /** Own threads: the common pool may have one thread, and these tasks block. */
    private static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "driver-test");
        t.setDaemon(true);
        return t;
    });
    private VirtualSim800 modem;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void start() {
        modem = VirtualSim800.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        modem.close();
    }

    static java.util.stream.Stream<Modes> modes() {
        return Modes.all();
    }

    private Sim800 driver(Modes mode) throws IOException {
        Sim800 d = mode.connect(modem, cleanup);
        d.attachGprs("internet", "", "");
        return d;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @MethodSource("modes")
    void basicsAnswer(Modes mode) throws Exception {
        Sim800 d = mode.connect(modem, cleanup);
        assertThat(d.simStatus()).isEqualTo(SimStatus.READY);
        assertThat(d.registration()).isEqualTo(NetworkRegistration.HOME);
        assertThat(d.signalQuality().rssi()).isEqualTo(20);
        assertThat(d.signalQuality().dbm()).isEqualTo(-73);
        assertThat(d.attachGprs("internet", "", "")).isEqualTo("10.78.245.128");
        assertThatThrownBy(() -> d.command("AT+CIPSTATUS=9")).isInstanceOf(dev.sim800emu.driver.AtErrorException.class);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void bulkEchoLosesNothingWithTwoLinksAtOnce(Modes mode) throws Exception {
        Sim800 d = driver(mode);
        try (EchoServer echo = new EchoServer();
             ModemSocket a = d.openSocket("127.0.0.1", echo.port());
             ModemSocket b = d.openSocket("127.0.0.1", echo.port())) {
            byte[] da = random(20_000, 1);
            byte[] db = random(20_000, 2);
            // both links receive while both send: notices for one cross the other's reads
            CompletableFuture<byte[]> ra = readAll(a, da.length);
            CompletableFuture<byte[]> rb = readAll(b, db.length);
            CompletableFuture<Void> wa = CompletableFuture.runAsync(() -> write(a, da), THREADS);
            write(b, db);
            wa.get(60, TimeUnit.SECONDS);
            assertThat(ra.get(60, TimeUnit.SECONDS)).isEqualTo(da);
            assertThat(rb.get(60, TimeUnit.SECONDS)).isEqualTo(db);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void peerCloseGivesEveryByteThenEndOfStream(Modes mode) throws Exception {
        Sim800 d = driver(mode);
        byte[] data = random(5000, 3);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write(data);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, THREADS);
            try (ModemSocket s = d.openSocket("127.0.0.1", server.getLocalPort())) {
                s.setSoTimeout(10_000);
                peer.get(10, TimeUnit.SECONDS);
                assertThat(s.getInputStream().readAllBytes()).isEqualTo(data);
                assertThatThrownBy(() -> s.getOutputStream().write(1)).isInstanceOf(LinkClosedException.class);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void linkResetEndsTheStreamAndRefusesWrites(Modes mode) throws Exception {
        Sim800 d = driver(mode);
        try (EchoServer echo = new EchoServer(); ModemSocket s = d.openSocket("127.0.0.1", echo.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("before".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().readNBytes(6)).isEqualTo("before".getBytes(StandardCharsets.US_ASCII));
            modem.linkFault(s.linkId(), LinkFault.RESET);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThatThrownBy(() -> s.getOutputStream().write(1)).isInstanceOf(LinkClosedException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void pdpDeactivationFailsReadsAndWritesClearly(Modes mode) throws Exception {
        Sim800 d = driver(mode);
        try (EchoServer echo = new EchoServer(); ModemSocket s = d.openSocket("127.0.0.1", echo.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(random(3000, 4));
            assertThat(s.getInputStream().readNBytes(3000)).isEqualTo(random(3000, 4));
            CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.getInputStream().read();
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, THREADS);
            modem.pdpDeact();
            assertThatThrownBy(() -> blocked.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(PdpDeactivatedException.class);
            assertThatThrownBy(() -> s.getOutputStream().write(1)).isInstanceOf(PdpDeactivatedException.class);
        }
        // and the driver comes back: attach again, new sockets work
        d.attachGprs("internet", "", "");
        try (EchoServer echo = new EchoServer(); ModemSocket s = d.openSocket("127.0.0.1", echo.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(7);
            assertThat(s.getInputStream().read()).isEqualTo(7);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void registrationLossShowsInRegistrationAndLinksFail(Modes mode) throws Exception {
        Sim800 d = driver(mode);
        try (EchoServer echo = new EchoServer(); ModemSocket s = d.openSocket("127.0.0.1", echo.port())) {
            s.setSoTimeout(10_000);
            modem.register(dev.sim800emu.modem.radio.Registration.NONE);
            assertThat(d.registration()).isEqualTo(NetworkRegistration.NOT_REGISTERED);
            assertThatThrownBy(() -> {
                s.getOutputStream().write(1);
                s.getInputStream().read();
            }).isInstanceOf(IOException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void refusedConnectIsConnectFailed(Modes mode) throws Exception {
        Sim800 d = driver(mode);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> d.openSocket("127.0.0.1", port)).isInstanceOf(ConnectFailedException.class);
        // the id was given back: six links still open
        try (EchoServer echo = new EchoServer()) {
            List<ModemSocket> six = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                six.add(d.openSocket("127.0.0.1", echo.port()));
            }
            for (ModemSocket s : six) {
                s.close();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void readTimesOut(Modes mode) throws Exception {
        Sim800 d = driver(mode);
        try (EchoServer echo = new EchoServer(); ModemSocket s = d.openSocket("127.0.0.1", echo.port())) {
            s.setSoTimeout(200);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            s.setSoTimeout(10_000); // under --stress-timing the data notice may legally come 2 s late
            s.getOutputStream().write(9);
            assertThat(s.getInputStream().read()).isEqualTo(9);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void udpDatagramsGoBothWays(Modes mode) throws Exception {
        Sim800 d = driver(mode);
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             ModemDatagramSocket u = d.openDatagram("127.0.0.1", peer.getLocalPort())) {
            peer.setSoTimeout(10_000);
            u.send("ping".getBytes(StandardCharsets.US_ASCII));
            DatagramPacket p = new DatagramPacket(new byte[100], 100);
            peer.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII)).isEqualTo("ping");
            peer.send(new DatagramPacket("pong".getBytes(StandardCharsets.US_ASCII), 4, p.getSocketAddress()));
            assertThat(new String(u.receive(10_000), StandardCharsets.US_ASCII)).isEqualTo("pong");
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void serverAcceptsClients(Modes mode) throws Exception {
        Sim800 d = driver(mode);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (var server = d.listen(port); Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            ModemSocket s = server.accept(10_000);
            s.setSoTimeout(10_000);
            client.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().readNBytes(2)).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write("yo".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.getInputStream().readNBytes(2)).isEqualTo("yo".getBytes(StandardCharsets.US_ASCII));
            s.close();
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void tlsSocketEchoesThroughTheModemsTls10AndPlainSocketsStayPlain(Modes mode) throws Exception {
        Sim800 d = driver(mode);
        byte[] data = random(10_000, 5);
        try (EchoServer tls = new EchoServer(TestTls.serverSocket("TLSv1")); EchoServer plain = new EchoServer();
             ModemSocket s = d.openTlsSocket("localhost", tls.port());
             ModemSocket p = d.openSocket("127.0.0.1", plain.port())) {
            CompletableFuture<byte[]> back = readAll(s, data.length);
            write(s, data);
            assertThat(back.get(60, TimeUnit.SECONDS)).isEqualTo(data);
            // the plain link opened after the TLS one is still plain: the echo is the bytes sent
            p.setSoTimeout(10_000);
            p.getOutputStream().write("plain".getBytes(StandardCharsets.US_ASCII));
            assertThat(p.getInputStream().readNBytes(5)).isEqualTo("plain".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void serverThatDemandsTls12FailsTheHandshakeAsOnTheChip(Modes mode) throws Exception {
        Sim800 d = driver(mode);
        try (EchoServer tls = new EchoServer(TestTls.serverSocket("TLSv1.2"))) {
            assertThatThrownBy(() -> d.openTlsSocket("localhost", tls.port()))
                    .isInstanceOf(ConnectFailedException.class).hasMessageContaining("TLS handshake failed");
        }
        // the id was given back and the next plain socket works
        try (EchoServer echo = new EchoServer(); ModemSocket s = d.openSocket("127.0.0.1", echo.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(3);
            assertThat(s.getInputStream().read()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void smsGoesOutWithItsReference(Modes mode) throws Exception {
        Sim800 d = mode.connect(modem, cleanup);
        int mr = d.sendSms("+15550100", "hello from the driver");
        assertThat(modem.status().sentSms()).singleElement().satisfies(m -> {
            assertThat(m.mr()).isEqualTo(mr);
            assertThat(m.to()).isEqualTo("+15550100");
            assertThat(m.text()).isEqualTo("hello from the driver");
        });
    }

    @ParameterizedTest
    @MethodSource("modes")
    void wrongPinIsATypedCmeError(Modes mode) throws Exception {
        Sim800 d = mode.connect(modem, cleanup);
        assertThatThrownBy(() -> d.unlockSim("1234")).isInstanceOfSatisfying(CmeErrorException.class,
                e -> assertThat(e.code()).isPositive());
    }

    private static void write(ModemSocket s, byte[] data) {
        try {
            OutputStream out = s.getOutputStream();
            for (int off = 0; off < data.length; off += 3000) {
                out.write(data, off, Math.min(3000, data.length - off));
            }
        } catch (IOException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private static CompletableFuture<byte[]> readAll(ModemSocket s, int n) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                s.setSoTimeout(30_000);
                InputStream in = s.getInputStream();
                return in.readNBytes(n);
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, THREADS);
    }
}
