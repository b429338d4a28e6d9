package dev.sim800emu.modem.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.integration.HostDriver.RxRead;
import dev.sim800emu.modem.integration.HostDriver.UrcKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End-to-end data integrity through the real emulator: a host driver on the TCP serial endpoint,
 * the modem's links through NettyNetwork, and a loopback server. Six links carry a deterministic
 * stream in each direction at the same time; per link and direction the bytes that come out must be
 * exactly the bytes that went in (compared by length, SHA-256 and content): nothing lost, duplicated
 * or reordered, and no URC ever inside a response (checked by {@link HostDriver}).
 *
 * <p>The matrix crosses the receive modes (push +RECEIVE, manual CIPRXGET=2, manual hex CIPRXGET=3)
 * with the send modes (fixed length with every byte value, quick send with DATA ACCEPT, prompt and
 * Ctrl-Z with payloads free of 0x1A/0x1B). Single mode with CIPHEAD=1 (+IPD frames) runs on one link.
 *
 * <p>Volume: 64 KiB per link and direction in CI; {@code -Dsim800emu.integrity.linkBytes=N} sets it,
 * and the Maven profile {@code long} raises it to 4 MiB (456 MiB through the class; with
 * {@code TransparentIntegrityTest} more than 1 GiB in all). Each case prints what it checked.
 */
@Timeout(120)
class IntegrityTest {
    /** Bytes per link and direction. */
    private static final int SIZE = Integer.getInteger("sim800emu.integrity.linkBytes", 64 * 1024);
    private static final int MAX_SEND = 1460;
    private static final Duration STALL = Duration.ofSeconds(5);

    enum Receive { PUSH, MANUAL, MANUAL_HEX }

    enum Send { FIXED, QUICK, CTRL_Z }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (Receive r : Receive.values()) {
            for (Send s : Send.values()) {
                all.add(Arguments.of(r, s));
            }
        }
        return all.stream();
    }

    /** What the server sends on its {@code k}-th connection. */
    private static byte[] downstream(int k) {
        return Streams.stream(100 + k, SIZE);
    }

    /** What the host sends on link {@code id}. */
    private static byte[] upstream(int id, Send mode) {
        byte[] b = Streams.stream(200 + id, SIZE);
        return mode == Send.CTRL_Z ? Streams.withoutCtrlZAndEsc(b) : b;
    }

    @ParameterizedTest(name = "receive {0}, send {1}")
    @MethodSource("matrix")
    void sixLinksBothWays(Receive rx, Send tx) throws Exception {
        int links = HostDriver.LINKS;
        long started = System.nanoTime();
        try (StreamServer server = new StreamServer(IntegrityTest::downstream); Rig rig = Rig.start()) {
            HostDriver h = rig.host;
            List<String> settings = new ArrayList<>();
            if (rx != Receive.PUSH) {
                settings.add("AT+CIPRXGET=1");
            }
            if (tx == Send.QUICK) {
                settings.add("AT+CIPQSEND=1");
            }
            rig.bringUpMulti(settings.toArray(new String[0]));
            // Opened one after another, so that link i is the server's connection i.
            for (int i = 0; i < links; i++) {
                rig.connect(i, server.port());
                server.conn(i, HostDriver.TIMEOUT);
            }
            assertThat(server.accepted()).isEqualTo(links);
            rig.awaitOpenChannels(links, "with six links up");

            byte[][] up = new byte[links][];
            List<List<int[]>> plans = new ArrayList<>();
            int[] next = new int[links];
            ByteArrayOutputStream[] read = new ByteArrayOutputStream[links];
            for (int i = 0; i < links; i++) {
                up[i] = upstream(i, tx);
                if (tx != Send.CTRL_Z) {
                    assertThat(Streams.distinctValues(up[i])).as("byte values in the fixed-length stream").isEqualTo(256);
                }
                plans.add(Streams.chunks(up[i], 300 + i, MAX_SEND));
                read[i] = rx == Receive.PUSH ? h.pushed[i] : new ByteArrayOutputStream();
            }

            long lastProgress = System.nanoTime();
            while (true) {
                boolean progress = false;
                boolean done = true;
                for (int i = 0; i < links; i++) {
                    if (next[i] < plans.get(i).size()) {
                        int[] c = plans.get(i).get(next[i]++);
                        send(h, tx, i, up[i], c[0], c[1]);
                        progress = true;
                    }
                    if (rx != Receive.PUSH && h.readable[i]) {
                        int mode = rx == Receive.MANUAL ? 2 : 3;
                        RxRead r = h.rxget(mode, i, mode == 2 ? 1460 : 730);
                        read[i].writeBytes(r.data());
                        progress |= r.got() > 0;
                    }
                    done &= next[i] == plans.get(i).size() && read[i].size() >= SIZE;
                }
                if (done) {
                    break;
                }
                if (progress) {
                    lastProgress = System.nanoTime();
                } else if (!h.pollOnce(Duration.ofMillis(100))
                        && System.nanoTime() - lastProgress > STALL.toNanos()) {
                    StringBuilder sb = new StringBuilder("no progress for " + STALL + ":");
                    for (int i = 0; i < links; i++) {
                        sb.append(" link ").append(i).append(" sent ").append(next[i]).append('/')
                                .append(plans.get(i).size()).append(" received ").append(read[i].size());
                    }
                    throw new AssertionError(sb + h.tailText());
                }
            }

            // Nothing more may arrive, and in manual mode nothing may be left in the buffers.
            for (int i = 0; i < links; i++) {
                server.conn(i, HostDriver.TIMEOUT).awaitReceived(SIZE, HostDriver.TIMEOUT);
            }
            // A little more time for anything extra (a duplicate) to show up on either side.
            h.pump(Duration.ofMillis(100));
            for (int i = 0; i < links; i++) {
                if (rx != Receive.PUSH) {
                    assertThat(h.cmd("AT+CIPRXGET=4," + i)).containsExactly("+CIPRXGET: 4," + i + ",0", "OK");
                    assertThat(h.pushed[i].size()).as("pushed data in manual mode").isZero();
                }
                Streams.assertSame("server -> host on link " + i, downstream(i), read[i].toByteArray());
                Streams.assertSame("host -> server on link " + i, up[i], server.conn(i, HostDriver.TIMEOUT).received());
            }
            assertThat(h.largestPush).as("largest push delivery").isLessThanOrEqualTo(1460);
            for (int i = 0; i < links; i++) {
                awaitCipack(h, i, SIZE);
            }
            assertThat(h.takeEvents()).as("URCs during the transfer").isEmpty();
            assertThat(h.cmd("AT+CIPSHUT")).containsExactly("SHUT OK");
            rig.awaitOpenChannels(0, "after CIPSHUT");
            rig.assertResponsive();
        }
        report("six links, receive " + rx + ", send " + tx, 2L * links * SIZE, started);
    }

    /** One line per case, for docs/reliability.md: bytes compared (both directions) and the time taken. */
    private static void report(String what, long bytes, long startedNanos) {
        double s = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("integrity: %s: %,d bytes checked in %.1f s (%.1f MiB/s)%n", what, bytes, s,
                bytes / s / (1 << 20));
    }

    private static void send(HostDriver h, Send tx, int id, byte[] data, int off, int len) {
        byte[] payload = Arrays.copyOfRange(data, off, off + len);
        switch (tx) {
            case FIXED -> assertThat(h.send("AT+CIPSEND=" + id + "," + len, payload)).isEqualTo(id + ", SEND OK");
            case QUICK -> assertThat(h.send("AT+CIPSEND=" + id + "," + len, payload))
                    .isEqualTo("DATA ACCEPT:" + id + "," + len);
            case CTRL_Z -> {
                byte[] z = Arrays.copyOf(payload, len + 1);
                z[len] = 0x1A;
                assertThat(h.send("AT+CIPSEND=" + id, z)).isEqualTo(id + ", SEND OK");
            }
        }
    }

    /** AT+CIPACK reports every byte sent and, once the peer has acknowledged them, acknowledged. */
    private static void awaitCipack(HostDriver h, int id, int size) throws InterruptedException {
        String want = "+CIPACK: " + size + "," + size + ",0";
        long deadline = System.nanoTime() + HostDriver.TIMEOUT.toNanos();
        List<String> r;
        while (!(r = h.cmd("AT+CIPACK=" + id)).get(0).equals(want) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(r).as("AT+CIPACK=" + id).containsExactly(want, "OK");
    }

    /** Single mode, CIPHEAD=1: data arrives as +IPD,<len>: frames; one link, both directions. */
    @ParameterizedTest(name = "send {0}")
    @EnumSource(Send.class)
    void singleModePushWithHeaders(Send tx) throws Exception {
        long started = System.nanoTime();
        try (StreamServer server = new StreamServer(IntegrityTest::downstream); Rig rig = Rig.start()) {
            HostDriver h = rig.host;
            rig.ok("AT+CIPHEAD=1");
            if (tx == Send.QUICK) {
                rig.ok("AT+CIPQSEND=1");
            }
            rig.bringUpContext();
            rig.ok("AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + server.port());
            h.awaitUrc(UrcKind.CONNECT_OK, 0, HostDriver.TIMEOUT);
            StreamServer.Conn conn = server.conn(0, HostDriver.TIMEOUT);
            byte[] up = upstream(0, tx);
            long lastProgress = System.nanoTime();
            for (int[] c : Streams.chunks(up, 400, MAX_SEND)) {
                byte[] payload = Arrays.copyOfRange(up, c[0], c[0] + c[1]);
                switch (tx) {
                    case FIXED -> assertThat(h.send("AT+CIPSEND=" + c[1], payload)).isEqualTo("SEND OK");
                    case QUICK -> assertThat(h.send("AT+CIPSEND=" + c[1], payload)).isEqualTo("DATA ACCEPT:" + c[1]);
                    case CTRL_Z -> {
                        byte[] z = Arrays.copyOf(payload, c[1] + 1);
                        z[c[1]] = 0x1A;
                        assertThat(h.send("AT+CIPSEND", z)).isEqualTo("SEND OK");
                    }
                }
            }
            while (h.pushed[0].size() < SIZE) {
                if (h.pollOnce(Duration.ofMillis(100))) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new AssertionError("received " + h.pushed[0].size() + " of " + SIZE + h.tailText());
                }
            }
            h.pump(Duration.ofMillis(100));
            Streams.assertSame("server -> host (+IPD)", downstream(0), h.pushed[0].toByteArray());
            assertThat(h.largestPush).as("largest +IPD delivery").isLessThanOrEqualTo(1460);
            conn.awaitReceived(SIZE, HostDriver.TIMEOUT);
            Thread.sleep(100);
            Streams.assertSame("host -> server", up, conn.received());
            assertThat(h.takeEvents()).as("URCs during the transfer").isEmpty();
            assertThat(h.cmd("AT+CIPCLOSE=1")).containsExactly("CLOSE OK");
            assertThat(conn.awaitEnd(HostDriver.TIMEOUT)).as("server side of the closed link").isNotNull();
            rig.awaitOpenChannels(0, "after CIPCLOSE");
            rig.assertResponsive();
        }
        report("single link +IPD, send " + tx, 2L * SIZE, started);
    }

    /**
     * A fixed-length payload is "exactly len bytes of any value", so it may start with LF: when the
     * host ends the CIPSEND line with CR LF in one write, only that LF belongs to the line (a
     * regression test: the engine once skipped a second LF as well).
     */
    @Test
    void fixedLengthPayloadMayStartWithLf() throws Exception {
        try (StreamServer server = new StreamServer(k -> null); Rig rig = Rig.start()) {
            HostDriver h = rig.host;
            rig.bringUpMulti();
            rig.connect(0, server.port());
            StreamServer.Conn conn = server.conn(0, HostDriver.TIMEOUT);
            byte[] payload = {'\n', 'a', 'b', 'c'};
            // CR LF in one write, as TinyGSM and most drivers end their lines.
            HostDriver.Send s = h.beginRaw("AT+CIPSEND=0,4\r\n", "AT+CIPSEND=0,4\\r\\n");
            assertThat(s.prompted()).as("prompt").isTrue();
            s.payload(payload);
            String fin = s.poll(Duration.ofSeconds(2));
            if (fin == null) {
                s.payload(new byte[] {'!'}); // let the modem finish, to show what it sent
                fin = s.await(HostDriver.TIMEOUT);
                throw new AssertionError("no SEND OK for a 4-byte payload starting with LF; after one more byte: "
                        + fin + ", server got " + HostDriver.visible(new String(conn.awaitReceived(4,
                        HostDriver.TIMEOUT), StandardCharsets.ISO_8859_1)));
            }
            assertThat(fin).isEqualTo("0, SEND OK");
            assertThat(conn.awaitReceived(4, HostDriver.TIMEOUT)).isEqualTo(payload);
        }
    }
}
