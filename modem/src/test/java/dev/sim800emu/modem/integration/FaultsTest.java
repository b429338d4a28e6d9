package dev.sim800emu.modem.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.integration.HostDriver.Urc;
import dev.sim800emu.modem.integration.HostDriver.UrcKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults through the real emulator (TCP serial endpoint, NettyNetwork, loopback peers): peers that
 * reset in the middle of sends, server clients that vanish, every link busy, and AT+CIPSHUT with
 * data moving both ways. After each fault the modem must report it in the documented words, keep
 * answering AT, keep its other links working, and hold exactly the sockets it should; when the host
 * leaves, none (checked by {@link Rig#close()}).
 */
@Timeout(60)
class FaultsTest {
    private static final Duration T = HostDriver.TIMEOUT;
    private static final int MODEM_PORT = 8888;

    // ------------------------------------------------------------------ (a) peer resets during sends

    /**
     * The peer of link 1 stops reading (small receive window), so a send on it ends up waiting for
     * its acknowledgement; the peer then resets. The waiting CIPSEND answers {@code 1, SEND FAIL},
     * then {@code 1, CLOSED} follows; links 0 and 2 carry on.
     */
    @Test
    void resetWhileASendWaitsForItsAcknowledgement() throws Exception {
        try (StreamServer server = new StreamServer(k -> null, 4096, false); Rig rig = Rig.start()) {
            HostDriver h = rig.host;
            rig.bringUpMulti();
            for (int i = 0; i < 3; i++) {
                rig.connect(i, server.port());
                server.conn(i, T);
            }
            server.conn(0, T).setReading(true);
            server.conn(2, T).setReading(true);
            rig.awaitOpenChannels(3, "with three links");

            byte[] chunk = Streams.stream(1, 1460);
            ByteArrayOutputStream to0 = new ByteArrayOutputStream();
            ByteArrayOutputStream to2 = new ByteArrayOutputStream();
            HostDriver.Send waiting = null;
            for (int n = 0; n < 3000 && waiting == null; n++) {
                HostDriver.Send s = h.begin("AT+CIPSEND=1,1460");
                assertThat(s.prompted()).as("prompt on link 1 (send %d)", n).isTrue();
                s.payload(chunk);
                String fin = s.poll(Duration.ofMillis(300));
                if (fin == null) {
                    // Still nothing after a while more: the peer's window is closed.
                    fin = s.poll(Duration.ofMillis(300));
                }
                if (fin == null) {
                    waiting = s;
                } else {
                    assertThat(fin).isEqualTo("1, SEND OK");
                    // The other links keep sending meanwhile.
                    byte[] a = Streams.stream(10 + n, 1 + n % 700);
                    assertThat(h.send("AT+CIPSEND=0," + a.length, a)).isEqualTo("0, SEND OK");
                    to0.writeBytes(a);
                    byte[] b = Streams.stream(20 + n, 1 + n % 500);
                    assertThat(h.send("AT+CIPSEND=2," + b.length, b)).isEqualTo("2, SEND OK");
                    to2.writeBytes(b);
                }
            }
            assertThat(waiting).as("a send on link 1 waiting for its acknowledgement").isNotNull();

            // Data for links 0 and 2 arrives while the send waits: the modem must hold it back
            // (a URC inside the pending response fails the poll) and print it after the final line.
            int had0 = h.pushed[0].size();
            int had2 = h.pushed[2].size();
            server.conn(0, T).socket.getOutputStream().write("held for 0".getBytes(StandardCharsets.US_ASCII));
            server.conn(2, T).socket.getOutputStream().write("held for 2".getBytes(StandardCharsets.US_ASCII));
            assertThat(waiting.poll(Duration.ofMillis(300))).as("final line while the window is closed").isNull();

            server.conn(1, T).reset();
            assertThat(waiting.await(T)).isEqualTo("1, SEND FAIL");
            assertThat(h.awaitUrc(UrcKind.CLOSED, 1, T).text()).isEqualTo("1, CLOSED");
            assertThat(h.pushed[0].size() - had0).as("held data for link 0, printed after SEND FAIL").isEqualTo(10);
            assertThat(h.pushed[2].size() - had2).as("held data for link 2, printed after SEND FAIL").isEqualTo(10);
            rig.assertResponsive();
            rig.awaitOpenChannels(2, "after link 1 was reset");
            assertThat(h.cmd("AT+CIPSEND=1,10")).as("send on the reset link").containsExactly("ERROR");
            assertThat(rig.linkLines()).containsExactly(
                    "C: 0,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CONNECTED\"",
                    "C: 1,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CLOSED\"",
                    "C: 2,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CONNECTED\"",
                    "C: 3,,\"\",\"\",\"\",\"INITIAL\"",
                    "C: 4,,\"\",\"\",\"\",\"INITIAL\"",
                    "C: 5,,\"\",\"\",\"\",\"INITIAL\"");

            // Links 0 and 2 still work both ways, and lost nothing.
            Streams.assertSame("host -> server on link 0", to0.toByteArray(),
                    server.conn(0, T).awaitReceived(to0.size(), T));
            Streams.assertSame("host -> server on link 2", to2.toByteArray(),
                    server.conn(2, T).awaitReceived(to2.size(), T));
            for (int i : new int[] {0, 2}) {
                roundTrip(h, server.conn(i, T), i);
            }
            assertThat(h.urcLog.stream().filter(u -> u.kind() == UrcKind.CLOSED).toList())
                    .as("CLOSED URCs").hasSize(1);
        }
    }

    /**
     * Quick sends (CIPQSEND=1) on all six links while the peer of link 3 resets: {@code 3, CLOSED}
     * comes between commands, CIPSEND on link 3 answers ERROR from then on, and the five other
     * links deliver every accepted byte, in order.
     */
    @Test
    void resetDuringQuickSendsOnSixLinks() throws Exception {
        try (StreamServer server = new StreamServer(k -> null); Rig rig = Rig.start()) {
            HostDriver h = rig.host;
            rig.bringUpMulti("AT+CIPQSEND=1");
            for (int i = 0; i < 6; i++) {
                rig.connect(i, server.port());
                server.conn(i, T);
            }
            ByteArrayOutputStream[] accepted = new ByteArrayOutputStream[6];
            for (int i = 0; i < 6; i++) {
                accepted[i] = new ByteArrayOutputStream();
            }
            boolean closedSeen = false;
            int roundsAfterClose = 0;
            for (int round = 0; round < 2000 && roundsAfterClose < 5; round++) {
                if (round == 5) {
                    server.conn(3, T).reset();
                }
                for (int i = 0; i < 6; i++) {
                    byte[] data = Streams.stream(1000L * i + round, 200 + (round * 37 + i * 101) % 1200);
                    if (i == 3 && closedSeen) {
                        assertThat(h.cmd("AT+CIPSEND=3," + data.length)).as("send after 3, CLOSED")
                                .containsExactly("ERROR");
                        continue;
                    }
                    HostDriver.Send s = h.begin("AT+CIPSEND=" + i + "," + data.length);
                    if (!s.prompted()) {
                        // Only link 3, once the modem knows it is gone, may refuse.
                        assertThat(i).as("link refusing CIPSEND: " + s.response).isEqualTo(3);
                        assertThat(s.response.toString()).isEqualTo("[ERROR]");
                        continue;
                    }
                    s.payload(data);
                    String fin = s.await(T);
                    if (i == 3 && round >= 5 && fin.equals("3, SEND FAIL")) {
                        continue;
                    }
                    assertThat(fin).isEqualTo("DATA ACCEPT:" + i + "," + data.length);
                    accepted[i].writeBytes(data);
                }
                if (!closedSeen && h.findUrc(UrcKind.CLOSED, 3) != null) {
                    closedSeen = true;
                }
                if (closedSeen) {
                    roundsAfterClose++;
                }
            }
            assertThat(closedSeen).as("3, CLOSED reported").isTrue();
            rig.assertResponsive();
            rig.awaitOpenChannels(5, "after link 3 was reset");
            for (int i = 0; i < 6; i++) {
                if (i == 3) {
                    byte[] got = server.conn(3, T).received();
                    byte[] sent = accepted[3].toByteArray();
                    assertThat(got.length).as("bytes at the reset peer").isLessThanOrEqualTo(sent.length);
                    Streams.assertSame("what reached the reset peer (a prefix)", Arrays.copyOf(sent, got.length), got);
                    continue;
                }
                Streams.assertSame("host -> server on link " + i, accepted[i].toByteArray(),
                        server.conn(i, T).awaitReceived(accepted[i].size(), T));
            }
            for (int i : new int[] {0, 5}) {
                roundTrip(h, server.conn(i, T), i, true);
            }
            assertThat(h.cmd("AT+CIPSTATUS=3")).containsExactly(
                    "+CIPSTATUS: 3,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CLOSED\"", "OK");
            assertThat(h.urcLog.stream().filter(u -> u.kind() == UrcKind.CLOSED).map(Urc::text).toList())
                    .containsExactly("3, CLOSED");
        }
    }

    // ------------------------------------------------------------------ (b) server clients vanish

    /**
     * AT+CIPSERVER in multi mode, on a host port chosen through the port offset. Clients that close,
     * reset, or close at once after connecting each give {@code 0, REMOTE IP: 127.0.0.1} and then
     * {@code 0, CLOSED}; the server keeps listening and CIPSTATUS tells the same story.
     */
    @Test
    void serverClientsThatVanish() throws Exception {
        int hostPort = Rig.freePort();
        try (Rig rig = Rig.withServerPort(MODEM_PORT, hostPort)) {
            HostDriver h = rig.host;
            rig.bringUpMulti();
            assertThat(h.cmd("AT+CIPSERVER=1," + MODEM_PORT)).containsExactly("OK");
            assertThat(h.awaitUrc(UrcKind.OTHER, -1, T).text()).isEqualTo("SERVER OK");
            rig.awaitOpenChannels(1, "with the server listening");

            // 1: talks both ways, then closes.
            int port1;
            try (Socket c = connectClient(hostPort)) {
                port1 = c.getLocalPort();
                assertThat(h.awaitUrc(UrcKind.REMOTE_IP, 0, T).text()).isEqualTo("0, REMOTE IP: 127.0.0.1");
                assertThat(rig.linkLines()).startsWith(
                        "C: 0,0,\"TCP\",\"127.0.0.1\",\"" + port1 + "\",\"CONNECTED\"");
                c.getOutputStream().write("hello modem".getBytes(StandardCharsets.US_ASCII));
                awaitPushed(h, 0, "hello modem");
                assertThat(h.send("AT+CIPSEND=0,12", "hello client".getBytes(StandardCharsets.US_ASCII)))
                        .isEqualTo("0, SEND OK");
                assertThat(readN(c.getInputStream(), 12)).isEqualTo("hello client");
            }
            assertThat(h.awaitUrc(UrcKind.CLOSED, 0, T).text()).isEqualTo("0, CLOSED");
            rig.assertResponsive();
            assertThat(h.status()).containsExactly("OK", "STATE: IP PROCESSING",
                    "S: 0,0,\"" + MODEM_PORT + "\",\"LISTENING\"",
                    "C: 0,0,\"TCP\",\"127.0.0.1\",\"" + port1 + "\",\"CLOSED\"",
                    "C: 1,,\"\",\"\",\"\",\"INITIAL\"",
                    "C: 2,,\"\",\"\",\"\",\"INITIAL\"",
                    "C: 3,,\"\",\"\",\"\",\"INITIAL\"",
                    "C: 4,,\"\",\"\",\"\",\"INITIAL\"",
                    "C: 5,,\"\",\"\",\"\",\"INITIAL\"");
            rig.awaitOpenChannels(1, "after client 1 closed");

            // 2: resets once the modem has taken it; it gets the lowest free id, 0 again.
            Socket c2 = connectClient(hostPort);
            assertThat(h.awaitUrc(UrcKind.REMOTE_IP, 0, T).text()).isEqualTo("0, REMOTE IP: 127.0.0.1");
            c2.getOutputStream().write("half a message".getBytes(StandardCharsets.US_ASCII));
            awaitPushed(h, 0, "hello modem" + "half a message");
            c2.setSoLinger(true, 0);
            c2.close();
            assertThat(h.awaitUrc(UrcKind.CLOSED, 0, T).text()).isEqualTo("0, CLOSED");
            rig.assertResponsive();
            rig.awaitOpenChannels(1, "after client 2 reset");

            // 3: connects and closes at once, before the modem can have said anything.
            Socket c3 = connectClient(hostPort);
            int port3 = c3.getLocalPort();
            c3.close();
            assertThat(h.awaitUrc(UrcKind.REMOTE_IP, 0, T).text()).isEqualTo("0, REMOTE IP: 127.0.0.1");
            assertThat(h.awaitUrc(UrcKind.CLOSED, 0, T).text()).isEqualTo("0, CLOSED");
            rig.assertResponsive();
            rig.awaitOpenChannels(1, "after client 3 vanished");
            assertThat(rig.linkLines()).startsWith("C: 0,0,\"TCP\",\"127.0.0.1\",\"" + port3 + "\",\"CLOSED\"");
            assertThat(h.cmd("AT+CIPSEND=0,5")).as("send to a vanished client").containsExactly("ERROR");

            // In order: each REMOTE IP before its CLOSED, and nothing else.
            assertThat(h.urcLog.stream().map(Urc::text).toList()).containsExactly("SERVER OK",
                    "0, REMOTE IP: 127.0.0.1", "0, CLOSED",
                    "0, REMOTE IP: 127.0.0.1", "0, CLOSED",
                    "0, REMOTE IP: 127.0.0.1", "0, CLOSED");

            // The server still takes clients.
            try (Socket c4 = connectClient(hostPort)) {
                assertThat(h.awaitUrc(UrcKind.REMOTE_IP, 0, T).text()).isEqualTo("0, REMOTE IP: 127.0.0.1");
                assertThat(h.send("AT+CIPSEND=0,2", "ok".getBytes(StandardCharsets.US_ASCII))).isEqualTo("0, SEND OK");
                assertThat(readN(c4.getInputStream(), 2)).isEqualTo("ok");
                rig.awaitOpenChannels(2, "with client 4 connected");
            }
            h.awaitUrc(UrcKind.CLOSED, 0, T);
            assertThat(h.cmd("AT+CIPSERVER=0")).containsExactly("OK");
            assertThat(h.awaitUrc(UrcKind.OTHER, -1, T).text()).isEqualTo("SERVER CLOSE");
            rig.awaitOpenChannels(0, "after AT+CIPSERVER=0");
            rig.assertResponsive();
        }
    }

    // ------------------------------------------------------------------ (c) every link busy

    /**
     * With links 0–5 connected, CIPSTART on any id answers {@code ERROR} and
     * {@code <n>, ALREADY CONNECT} and opens nothing. With the server listening, a client beyond the
     * limit (the server plus five links) is accepted by the kernel and then closed by the modem, with
     * no REMOTE IP, while the six links keep working; once two links are closed a client is taken.
     */
    @Test
    void everyLinkBusy() throws Exception {
        int hostPort = Rig.freePort();
        try (StreamServer server = new StreamServer(k -> Streams.stream(500 + k, 300));
             Rig rig = Rig.withServerPort(MODEM_PORT, hostPort)) {
            HostDriver h = rig.host;
            rig.bringUpMulti();
            for (int i = 0; i < 6; i++) {
                rig.connect(i, server.port());
                server.conn(i, T);
            }
            for (int i = 0; i < 6; i++) {
                assertThat(h.cmd("AT+CIPSTART=" + i + ",\"TCP\",\"127.0.0.1\"," + server.port(),
                        t -> t.endsWith("ALREADY CONNECT") || t.equals("OK")))
                        .containsExactly("ERROR", i + ", ALREADY CONNECT");
            }
            h.pump(Duration.ofMillis(200));
            assertThat(server.accepted()).as("connections after ALREADY CONNECT").isEqualTo(6);
            rig.awaitOpenChannels(6, "with six links");
            for (int i = 0; i < 6; i++) {
                awaitPushed(h, i, Streams.stream(500 + i, 300));
            }

            assertThat(h.cmd("AT+CIPSERVER=1," + MODEM_PORT)).containsExactly("OK");
            assertThat(h.awaitUrc(UrcKind.OTHER, -1, T).text()).isEqualTo("SERVER OK");
            rig.awaitOpenChannels(7, "with six links and the server");
            assertRefused(hostPort);
            assertRefused(hostPort);
            h.pump(Duration.ofMillis(200));
            assertThat(h.findUrc(UrcKind.REMOTE_IP, -1)).as("REMOTE IP for a refused client").isNull();
            rig.awaitOpenChannels(7, "after refusing clients");
            for (int i = 0; i < 6; i++) {
                roundTrip(h, server.conn(i, T), i);
            }

            // Server plus five links is still the limit.
            assertThat(h.cmd("AT+CIPCLOSE=5")).containsExactly("5, CLOSE OK");
            assertRefused(hostPort);
            assertThat(h.cmd("AT+CIPCLOSE=4")).containsExactly("4, CLOSE OK");
            String before4 = h.pushed[4].toString(StandardCharsets.ISO_8859_1);
            try (Socket c = connectClient(hostPort)) {
                assertThat(h.awaitUrc(UrcKind.REMOTE_IP, 4, T).text()).isEqualTo("4, REMOTE IP: 127.0.0.1");
                c.getOutputStream().write("from client".getBytes(StandardCharsets.US_ASCII));
                awaitPushed(h, 4, before4 + "from client");
                assertThat(h.send("AT+CIPSEND=4,9", "to client".getBytes(StandardCharsets.US_ASCII)))
                        .isEqualTo("4, SEND OK");
                assertThat(readN(c.getInputStream(), 9)).isEqualTo("to client");
                assertRefused(hostPort);
                List<String> st = h.status();
                assertThat(st).containsExactly("OK", "STATE: IP PROCESSING",
                        "S: 0,0,\"" + MODEM_PORT + "\",\"LISTENING\"",
                        "C: 0,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CONNECTED\"",
                        "C: 1,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CONNECTED\"",
                        "C: 2,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CONNECTED\"",
                        "C: 3,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CONNECTED\"",
                        "C: 4,0,\"TCP\",\"127.0.0.1\",\"" + c.getLocalPort() + "\",\"CONNECTED\"",
                        "C: 5,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CLOSED\"");
                rig.awaitOpenChannels(6, "with five links and the server");
                assertThat(h.cmd("AT+CIPSERVER=0")).containsExactly("OK");
                assertThat(h.awaitUrc(UrcKind.OTHER, -1, T).text()).isEqualTo("SERVER CLOSE");
                rig.awaitOpenChannels(5, "after the server closed (its client stays)");
                assertThat(h.send("AT+CIPSEND=4,4", "more".getBytes(StandardCharsets.US_ASCII))).isEqualTo("4, SEND OK");
                assertThat(readN(c.getInputStream(), 4)).isEqualTo("more");
                assertThat(h.cmd("AT+CIPSHUT")).containsExactly("SHUT OK");
                rig.awaitOpenChannels(0, "after CIPSHUT");
            }
            h.expectSilence(Duration.ofMillis(200), "SHUT OK");
            rig.assertResponsive();
        }
    }

    // ------------------------------------------------------------------ (d) CIPSHUT in full flow

    /**
     * Six links, each peer streaming without end at the modem (push mode, about 4 MB/s each) and the host quick-sending on
     * every link right up to AT+CIPSHUT: the answer is {@code SHUT OK}, nothing at all follows it,
     * every socket is closed, what arrived before it is an exact prefix of each stream, and the
     * modem answers AT and can start over.
     */
    @Test
    void shutWithDataInFlightBothWays() throws Exception {
        int size = 1 << 20;
        try (StreamServer server = new StreamServer(k -> Streams.stream(600 + k, size)).repeating(2);
             Rig rig = Rig.start()) {
            HostDriver h = rig.host;
            rig.bringUpMulti("AT+CIPQSEND=1");
            for (int i = 0; i < 6; i++) {
                rig.connect(i, server.port());
                server.conn(i, T);
            }
            ByteArrayOutputStream[] sent = new ByteArrayOutputStream[6];
            for (int i = 0; i < 6; i++) {
                sent[i] = new ByteArrayOutputStream();
            }
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 6; i++) {
                    byte[] data = Streams.stream(700 + 10 * i + round, 1460);
                    assertThat(h.send("AT+CIPSEND=" + i + ",1460", data)).isEqualTo("DATA ACCEPT:" + i + ",1460");
                    sent[i].writeBytes(data);
                }
            }
            for (int i = 0; i < 6; i++) {
                long deadline = System.nanoTime() + T.toNanos();
                while (h.pushed[i].size() == 0 && System.nanoTime() < deadline) {
                    h.pollOnce(Duration.ofMillis(50));
                }
                assertThat(h.pushed[i].size()).as("data pushed on link %d before the shut", i).isPositive();
            }
            // A last burst on every link, not waiting for anything, then the shut.
            for (int i = 0; i < 6; i++) {
                byte[] data = Streams.stream(900 + i, 1460);
                assertThat(h.send("AT+CIPSEND=" + i + ",1460", data)).isEqualTo("DATA ACCEPT:" + i + ",1460");
                sent[i].writeBytes(data);
            }
            assertThat(h.cmd("AT+CIPSHUT")).containsExactly("SHUT OK");
            h.expectSilence(Duration.ofMillis(500), "SHUT OK");
            rig.awaitOpenChannels(0, "after CIPSHUT");
            for (int i = 0; i < 6; i++) {
                StreamServer.Conn c = server.conn(i, T);
                assertThat(c.awaitEnd(T)).as("peer %d sees the link end", i).isNotNull();
                assertThat(c.awaitWriteFailure(T)).as("peer %d was still streaming at the shut", i).isNotNull();
                byte[] got = h.pushed[i].toByteArray();
                Streams.assertSame("pushed on link " + i + " before the shut (a prefix of the repeated stream)",
                        repeated(Streams.stream(600 + i, size), got.length), got);
                byte[] atPeer = c.received();
                assertThat(atPeer.length).as("bytes at peer %d", i).isLessThanOrEqualTo(sent[i].size());
                Streams.assertSame("host -> peer " + i + " before the shut (a prefix)",
                        Arrays.copyOf(sent[i].toByteArray(), atPeer.length), atPeer);
            }
            rig.assertResponsive();
            List<String> st = h.status();
            assertThat(st.subList(0, 2)).containsExactly("OK", "STATE: IP INITIAL");
            assertThat(st.subList(2, 8)).allMatch(t -> t.endsWith(",\"\",\"\",\"\",\"INITIAL\""));

            // Start over on the same modem.
            rig.bringUpContext();
            rig.connect(2, server.port());
            StreamServer.Conn again = server.conn(6, T);
            byte[] data = Streams.stream(800, 1000);
            assertThat(h.send("AT+CIPSEND=2,1000", data)).isEqualTo("DATA ACCEPT:2,1000");
            Streams.assertSame("host -> server after starting over", data, again.awaitReceived(1000, T));
            rig.awaitOpenChannels(1, "with one new link");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] repeated(byte[] stream, int length) {
        byte[] r = new byte[length];
        for (int off = 0; off < length; off += stream.length) {
            System.arraycopy(stream, 0, r, off, Math.min(stream.length, length - off));
        }
        return r;
    }

    /** A small exchange both ways on link {@code id}: host → peer, then peer → host. */
    static void roundTrip(HostDriver h, StreamServer.Conn conn, int id) throws Exception {
        roundTrip(h, conn, id, false);
    }

    static void roundTrip(HostDriver h, StreamServer.Conn conn, int id, boolean quick) throws Exception {
        int before = conn.received().length;
        byte[] up = ("ping " + id).getBytes(StandardCharsets.US_ASCII);
        assertThat(h.send("AT+CIPSEND=" + id + "," + up.length, up))
                .isEqualTo(quick ? "DATA ACCEPT:" + id + "," + up.length : id + ", SEND OK");
        byte[] all = conn.awaitReceived(before + up.length, T);
        assertThat(Arrays.copyOfRange(all, before, all.length)).isEqualTo(up);
        int had = h.pushed[id].size();
        byte[] down = ("pong " + id).getBytes(StandardCharsets.US_ASCII);
        conn.socket.getOutputStream().write(down);
        long deadline = System.nanoTime() + T.toNanos();
        while (h.pushed[id].size() < had + down.length && System.nanoTime() < deadline) {
            h.pollOnce(Duration.ofMillis(50));
        }
        byte[] p = h.pushed[id].toByteArray();
        assertThat(new String(Arrays.copyOfRange(p, had, p.length), StandardCharsets.ISO_8859_1))
                .as("pushed on link %d", id).isEqualTo("pong " + id);
    }

    static void awaitPushed(HostDriver h, int id, byte[] want) {
        awaitPushed(h, id, new String(want, StandardCharsets.ISO_8859_1));
    }

    /** Waits until everything pushed on link {@code id} so far is exactly {@code want}. */
    static void awaitPushed(HostDriver h, int id, String want) {
        long deadline = System.nanoTime() + T.toNanos();
        while (h.pushed[id].size() < want.length() && System.nanoTime() < deadline) {
            h.pollOnce(Duration.ofMillis(50));
        }
        assertThat(h.pushed[id].toString(StandardCharsets.ISO_8859_1)).as("pushed on link %d", id).isEqualTo(want);
    }

    static Socket connectClient(int hostPort) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", hostPort), 2000);
        s.setSoTimeout((int) T.toMillis());
        return s;
    }

    /** A client connecting now is closed or reset by the modem without a byte. */
    static void assertRefused(int hostPort) throws IOException {
        Socket s = new Socket();
        try (s) {
            // The kernel completes the handshake and the modem then decides; its reset may already
            // have arrived when connect() returns.
            s.connect(new InetSocketAddress("127.0.0.1", hostPort), 2000);
            s.setSoTimeout(5000);
            int b = s.getInputStream().read();
            assertThat(b).as("a refused client reads end of stream").isEqualTo(-1);
        } catch (ConnectException e) {
            throw new AssertionError("nothing listening on the server port", e);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("a client beyond the limit was neither closed nor reset within 5 s", e);
        } catch (SocketException e) {
            // reset by the modem: refused
        }
    }

    static String readN(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
