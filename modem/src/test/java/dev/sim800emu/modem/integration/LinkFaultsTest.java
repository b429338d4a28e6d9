package dev.sim800emu.modem.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.integration.HostDriver.UrcKind;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.DnsFault;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.testing.LeakRecorder;
import dev.sim800emu.modem.testing.TestDnsServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault campaign on links, over real sockets (issue 8): a refused connection, RST while data
 * comes in, FIN from the peer while the modem still sends, a blackholed link, DNS failure and DNS
 * timeout, a local port in use, and a storm of clients on the modem's server. Each fault must be
 * answered in the chip's words (exact bytes where the host sees them), leave the modem answering
 * AT, and hold exactly the sockets it should ({@link Rig#close()} checks that none is left).
 * Faults that {@link FaultsTest} already covers (RST during sends, clients that vanish, every link
 * busy, CIPSHUT in full flow) are not repeated. docs/reliability.md (Faults) lists them all.
 */
@Timeout(60)
class LinkFaultsTest {
    private static final Duration T = HostDriver.TIMEOUT;

    @AfterAll
    static void noBufferLeaked() {
        LeakRecorder.collectAndAssertNone();
    }

    // ------------------------------------------------------------------ refused

    /**
     * Nothing listens on the port (the kernel answers RST): multi mode prints {@code 0, CONNECT FAIL}
     * after OK; single mode {@code STATE: TCP CLOSED} and {@code CONNECT FAIL}. The control plane's
     * "refuse" does the same to a port that does listen, and lifting it lets the next CIPSTART in.
     */
    @Test
    void refusedConnection() throws Exception {
        int closed = Rig.freePort();
        try (StreamServer server = new StreamServer(k -> null); Rig rig = Rig.raw()) {
            rig.ok("AT+CIPMUX=1");
            rig.bringUpContext();
            rig.exact("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\"," + closed, "\r\nOK\r\n\r\n0, CONNECT FAIL\r\n");
            rig.awaitOpenChannels(0, "after a refused connect");
            control(rig, new ControlCommand.RefuseConnections(true));
            rig.exact("AT+CIPSTART=1,\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\n1, CONNECT FAIL\r\n");
            assertThat(server.accepted()).as("connections while refusing").isZero();
            control(rig, new ControlCommand.RefuseConnections(false));
            rig.exact("AT+CIPSTART=1,\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\n1, CONNECT OK\r\n");
            rig.awaitOpenChannels(1, "after the refusal was lifted");
            rig.exact("AT+CIPCLOSE=1", "\r\n1, CLOSE OK\r\n");
            rig.exact("AT+CIPSHUT", "\r\nSHUT OK\r\n");

            // Single mode.
            rig.ok("AT+CIPMUX=0");
            rig.bringUpContext();
            rig.exact("AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + closed,
                    "\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n\r\nCONNECT FAIL\r\n");
            rig.exact("AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\nCONNECT OK\r\n");
            rig.assertResponsive();
            rig.awaitOpenChannels(1, "with one link");
        }
    }

    // ------------------------------------------------------------------ RST while receiving

    /**
     * The peer streams at the modem and resets mid-stream. What the host was given is an exact
     * prefix of the stream, {@code 0, CLOSED} follows the last data, and the link is gone; the
     * other link, receiving too, carries on.
     */
    @Test
    void resetWhileReceiving() throws Exception {
        int size = 256 * 1024;
        try (StreamServer server = new StreamServer(k -> Streams.stream(40 + k, size)).repeating(1);
             Rig rig = Rig.start()) {
            HostDriver h = rig.host;
            rig.bringUpMulti();
            rig.connect(0, server.port());
            rig.connect(1, server.port());
            awaitSome(h, 0, 64 * 1024);
            awaitSome(h, 1, 64 * 1024);
            server.conn(0, T).reset();
            assertThat(h.awaitUrc(UrcKind.CLOSED, 0, T).text()).isEqualTo("0, CLOSED");
            byte[] got = h.pushed[0].toByteArray();
            Streams.assertSame("pushed on link 0 before the reset (a prefix of the stream)",
                    repeated(Streams.stream(40, size), got.length), got);
            int before1 = h.pushed[1].size();
            awaitSome(h, 1, before1 + 16 * 1024);
            rig.assertResponsive();
            rig.awaitOpenChannels(1, "after link 0 was reset");
            assertThat(h.cmd("AT+CIPCLOSE=1")).containsExactly("1, CLOSE OK");
            rig.awaitOpenChannels(0, "after CIPCLOSE");
            h.pump(Duration.ofMillis(100)); // data that was already on its way when the link closed
            byte[] got1 = h.pushed[1].toByteArray();
            Streams.assertSame("pushed on link 1 (a prefix of the stream)", repeated(Streams.stream(41, size),
                    got1.length), got1);
            assertThat(h.urcLog.stream().filter(u -> u.kind() == UrcKind.CLOSED).toList()).hasSize(1);
        }
    }

    // ------------------------------------------------------------------ half-close by the peer

    /**
     * The peer sends FIN (shutdownOutput) and keeps reading, while the host still sends. The modem
     * does not model half-open links (the chip reports REMOTE CLOSING only in CIPSTATUS, briefly):
     * {@code 0, CLOSED} follows, every byte that got {@code SEND OK} reached the peer, the peer then
     * sees the modem's FIN, and CIPSEND on the link answers ERROR.
     */
    @Test
    void peerHalfClosesWhileTheModemSends() throws Exception {
        try (StreamServer server = new StreamServer(k -> "bye".getBytes(StandardCharsets.US_ASCII));
             Rig rig = Rig.start()) {
            HostDriver h = rig.host;
            rig.bringUpMulti();
            rig.connect(0, server.port());
            StreamServer.Conn peer = server.conn(0, T);
            FaultsTest.awaitPushed(h, 0, "bye");
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (int i = 0; i < 5; i++) {
                byte[] data = Streams.stream(70 + i, 1000);
                assertThat(h.send("AT+CIPSEND=0,1000", data)).isEqualTo("0, SEND OK");
                sent.writeBytes(data);
            }
            peer.socket.shutdownOutput();
            assertThat(h.awaitUrc(UrcKind.CLOSED, 0, T).text()).isEqualTo("0, CLOSED");
            Streams.assertSame("what got SEND OK reached the peer", sent.toByteArray(),
                    peer.awaitReceived(sent.size(), T));
            assertThat(peer.awaitEnd(T)).as("the peer sees the modem close").isEqualTo("eof");
            assertThat(h.cmd("AT+CIPSEND=0,5")).as("send on the closed link").containsExactly("ERROR");
            assertThat(rig.linkLines()).startsWith(
                    "C: 0,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CLOSED\"");
            rig.assertResponsive();
            rig.awaitOpenChannels(0, "after the half-close");
        }
    }

    // ------------------------------------------------------------------ blackhole

    /**
     * A blackholed link acknowledges nothing: a quick send is accepted ({@code DATA ACCEPT}) and
     * {@code AT+CIPACK} shows it unacknowledged; a normal send gets no SEND OK while the hole lasts,
     * and gets it when the link is restored; the peer then has every byte once, in order.
     */
    @Test
    void blackholedLink() throws Exception {
        try (StreamServer server = new StreamServer(k -> null); Rig rig = Rig.raw()) {
            RawHostView h = new RawHostView(rig);
            rig.ok("AT+CIPMUX=1");
            rig.ok("AT+CIPQSEND=1");
            rig.bringUpContext();
            rig.exact("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
            StreamServer.Conn peer = server.conn(0, T);
            h.send("AT+CIPSEND=0,4", "one.", "\r\nDATA ACCEPT:0,4\r\n");
            peer.awaitReceived(4, T);
            awaitCipack(rig, "\r\n+CIPACK: 4,4,0\r\n\r\nOK\r\n");

            control(rig, new ControlCommand.Link(0, LinkFault.BLACKHOLE));
            h.send("AT+CIPSEND=0,4", "two.", "\r\nDATA ACCEPT:0,4\r\n");
            rig.exact("AT+CIPACK=0", "\r\n+CIPACK: 8,4,4\r\n\r\nOK\r\n");
            Thread.sleep(300);
            rig.exact("AT+CIPACK=0", "\r\n+CIPACK: 8,4,4\r\n\r\nOK\r\n");
            assertThat(peer.received()).as("nothing passes the hole").hasSize(4);

            rig.ok("AT+CIPQSEND=0");
            rig.raw.write("AT+CIPSEND=0,6\r");
            rig.raw.expect("\r\n> ", T);
            rig.raw.write("three.");
            rig.raw.expectSilence(Duration.ofMillis(500)); // no SEND OK into a blackhole
            control(rig, new ControlCommand.Link(0, LinkFault.RESTORE));
            rig.raw.expect("\r\n0, SEND OK\r\n", T);
            assertThat(new String(peer.awaitReceived(14, T), StandardCharsets.US_ASCII)).isEqualTo("one.two.three.");
            awaitCipack(rig, "\r\n+CIPACK: 14,14,0\r\n\r\nOK\r\n");
            rig.assertResponsive();
            rig.awaitOpenChannels(1, "with the restored link");
        }
    }

    // ------------------------------------------------------------------ DNS

    /**
     * DNS failure ({@code ctl dns fail}): CDNSGIP answers OK, then {@code +CDNSGIP: 0,8}; CIPSTART
     * by name gives CONNECT FAIL and nothing is asked of the DNS server. After restore, the same
     * name resolves and connects.
     */
    @Test
    void dnsFailure() throws Exception {
        try (StreamServer server = new StreamServer(k -> null);
             TestDnsServer dns = new TestDnsServer(Map.of("peer.test", List.of("127.0.0.1")));
             Rig rig = Rig.with(new NetworkOptions(dns.address(), DestinationPolicy.allowAll()),
                     Rig.config().build(), false, true)) {
            rig.ok("AT+CIPMUX=1");
            rig.bringUpContext();
            control(rig, new ControlCommand.Dns(DnsFault.FAIL, 0));
            rig.exact("AT+CDNSGIP=\"peer.test\"", "\r\nOK\r\n\r\n+CDNSGIP: 0,8\r\n");
            rig.exact("AT+CIPSTART=0,\"TCP\",\"peer.test\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT FAIL\r\n");
            assertThat(dns.queries()).as("queries while DNS fails").isZero();
            control(rig, new ControlCommand.Dns(DnsFault.RESTORE, 0));
            rig.exact("AT+CDNSGIP=\"peer.test\"", "\r\nOK\r\n\r\n+CDNSGIP: 1,\"peer.test\",\"127.0.0.1\"\r\n");
            rig.exact("AT+CIPSTART=0,\"TCP\",\"peer.test\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
            rig.assertResponsive();
            rig.awaitOpenChannels(1, "with the link opened by name");
        }
    }

    /**
     * DNS slower than the chip waits ({@code ctl dns slow}): CIPSTART by name is bounded by the
     * connect timeout from the command (75 s on the chip; 1 s here), CONNECT FAIL comes then, and
     * the late answer opens nothing. CDNSGIP gives up after the same time with
     * {@code +CDNSGIP: 0,3} (NETWORK ERROR). A lookup inside the limit still succeeds.
     */
    @Test
    void dnsTimeout() throws Exception {
        try (StreamServer server = new StreamServer(k -> null);
             TestDnsServer dns = new TestDnsServer(Map.of("peer.test", List.of("127.0.0.1")));
             Rig rig = Rig.with(new NetworkOptions(dns.address(), DestinationPolicy.allowAll()),
                     Rig.config().connectTimeoutMillis(1000).build(), false, true)) {
            rig.ok("AT+CIPMUX=1");
            rig.bringUpContext();
            control(rig, new ControlCommand.Dns(DnsFault.SLOW, 2500));
            long t0 = System.nanoTime();
            rig.exact("AT+CIPSTART=0,\"TCP\",\"peer.test\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT FAIL\r\n");
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(took).as("CONNECT FAIL after the connect timeout (ms)").isBetween(900L, 2400L);
            rig.exact("AT+CDNSGIP=\"peer.test\"", "\r\nOK\r\n\r\n+CDNSGIP: 0,3\r\n");
            Thread.sleep(2000); // the late answers come and must change nothing
            rig.raw.expectSilence(Duration.ofMillis(100));
            assertThat(server.accepted()).as("connections from late answers").isZero();
            rig.awaitOpenChannels(0, "after the timeouts");
            control(rig, new ControlCommand.Dns(DnsFault.SLOW, 300));
            rig.exact("AT+CIPSTART=0,\"TCP\",\"peer.test\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
            rig.assertResponsive();
            rig.awaitOpenChannels(1, "with the link opened by a slow name");
        }
    }

    // ------------------------------------------------------------------ ports in use

    /**
     * A local port that is taken: CLPORT on a port another socket listens on gives CONNECT FAIL;
     * CIPSERVER on a host port that is taken answers ERROR (no SERVER OK), and once the port is free
     * the same command opens the server.
     */
    @Test
    void portInUse() throws Exception {
        int modemPort = 8888;
        try (StreamServer server = new StreamServer(k -> null)) {
            ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            int takenPort = taken.getLocalPort();
            try (Rig rig = Rig.with(new NetworkOptions(null, DestinationPolicy.allowAll(),
                    InetAddress.getLoopbackAddress(), takenPort - modemPort), Rig.config().build(), false, true)) {
                rig.ok("AT+CIPMUX=1");
                rig.bringUpContext();
                rig.ok("AT+CLPORT=0,\"TCP\"," + takenPort);
                rig.exact("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\"," + server.port(),
                        "\r\nOK\r\n\r\n0, CONNECT FAIL\r\n");
                rig.awaitOpenChannels(0, "after the failed bind");
                rig.exact("AT+CIPSERVER=1," + modemPort, "\r\nERROR\r\n");
                rig.exact("AT+CIPSERVER?", "\r\n+CIPSERVER: 0\r\n\r\nOK\r\n");
                taken.close();
                rig.exact("AT+CIPSERVER=1," + modemPort, "\r\nOK\r\n\r\nSERVER OK\r\n");
                rig.awaitOpenChannels(1, "with the server listening once the port is free");
                rig.ok("AT+CLPORT=0,\"TCP\",0");
                rig.exact("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
                rig.assertResponsive();
            } finally {
                taken.close();
            }
        }
    }

    // ------------------------------------------------------------------ connection storm

    /**
     * Thirty clients connect at once to the modem's server: five are taken (the server plus five
     * links is the chip's limit), each announced by {@code n, REMOTE IP: 127.0.0.1} on links 0–4;
     * the others are closed without a byte. When the storm leaves, each taken client gives
     * {@code n, CLOSED}; the server still takes a client; no socket is left.
     */
    @Test
    void connectionStormOnTheModemServer() throws Exception {
        int modemPort = 8888;
        int hostPort = Rig.freePort();
        try (Rig rig = Rig.withServerPort(modemPort, hostPort)) {
            HostDriver h = rig.host;
            rig.bringUpMulti();
            assertThat(h.cmd("AT+CIPSERVER=1," + modemPort)).containsExactly("OK");
            assertThat(h.awaitUrc(UrcKind.OTHER, -1, T).text()).isEqualTo("SERVER OK");
            int clients = 30;
            List<Socket> storm = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            int[] ended = new int[1];
            for (int i = 0; i < clients; i++) {
                Socket s = new Socket();
                storm.add(s);
                Thread t = new Thread(() -> {
                    try {
                        s.connect(new InetSocketAddress("127.0.0.1", hostPort), 5000);
                        s.setSoTimeout(1500);
                        InputStream in = s.getInputStream();
                        if (in.read() < 0) {
                            synchronized (ended) {
                                ended[0]++;
                            }
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // taken: the modem keeps it open and says nothing to it
                    } catch (java.io.IOException e) {
                        synchronized (ended) {
                            ended[0]++; // reset by the modem
                        }
                    }
                }, "storm-" + i);
                threads.add(t);
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(10_000);
            }
            List<String> remote = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                remote.add(h.awaitUrc(UrcKind.REMOTE_IP, -1, T).text());
            }
            h.pump(Duration.ofMillis(300));
            assertThat(h.findUrc(UrcKind.REMOTE_IP, -1)).as("a sixth client announced").isNull();
            assertThat(remote).containsExactlyInAnyOrder("0, REMOTE IP: 127.0.0.1", "1, REMOTE IP: 127.0.0.1",
                    "2, REMOTE IP: 127.0.0.1", "3, REMOTE IP: 127.0.0.1", "4, REMOTE IP: 127.0.0.1");
            assertThat(ended[0]).as("clients closed by the modem").isEqualTo(clients - 5);
            rig.awaitOpenChannels(6, "with the server and five clients");
            rig.assertResponsive();
            for (Socket s : storm) {
                s.close();
            }
            for (int i = 0; i < 5; i++) {
                h.awaitUrc(UrcKind.CLOSED, -1, T);
            }
            rig.awaitOpenChannels(1, "after the storm left");
            try (Socket c = FaultsTest.connectClient(hostPort)) {
                assertThat(h.awaitUrc(UrcKind.REMOTE_IP, 0, T).text()).isEqualTo("0, REMOTE IP: 127.0.0.1");
                assertThat(h.send("AT+CIPSEND=0,2", "ok".getBytes(StandardCharsets.US_ASCII))).isEqualTo("0, SEND OK");
                assertThat(FaultsTest.readN(c.getInputStream(), 2)).isEqualTo("ok");
            }
            h.awaitUrc(UrcKind.CLOSED, 0, T);
            rig.assertResponsive();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Applies a control command on the modem's loop and waits for it. */
    static void control(Rig rig, ControlCommand c) throws Exception {
        rig.modem.control(c).get(5, TimeUnit.SECONDS);
    }

    /** CIPACK until it answers {@code want} (acknowledgements are read from the kernel after a moment). */
    private static void awaitCipack(Rig rig, String want) throws Exception {
        long deadline = System.nanoTime() + T.toNanos();
        while (true) {
            rig.raw.write("AT+CIPACK=0\r");
            try {
                rig.raw.expect(want, Duration.ofSeconds(2));
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                rig.raw.skip();
                Thread.sleep(50);
            }
        }
    }

    private static void awaitSome(HostDriver h, int id, int bytes) {
        long deadline = System.nanoTime() + T.toNanos();
        while (h.pushed[id].size() < bytes && System.nanoTime() < deadline) {
            h.pollOnce(Duration.ofMillis(50));
        }
        assertThat(h.pushed[id].size()).as("bytes pushed on link %d", id).isGreaterThanOrEqualTo(bytes);
    }

    static byte[] repeated(byte[] stream, int length) {
        byte[] r = new byte[length];
        for (int off = 0; off < length; off += stream.length) {
            System.arraycopy(stream, 0, r, off, Math.min(stream.length, length - off));
        }
        return r;
    }

    /** CIPSEND with exact bytes on a raw rig. */
    private record RawHostView(Rig rig) {
        void send(String line, String payload, String answer) throws Exception {
            rig.raw.write(line + "\r");
            rig.raw.expect("\r\n> ", T);
            rig.raw.write(payload);
            rig.raw.expect(answer, T);
        }
    }

}
