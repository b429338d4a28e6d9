package dev.sim800emu.modem.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.testing.LeakRecorder;
import dev.sim800emu.modem.testing.RawHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault campaign on power and on the host (issue 8), over real sockets: AT+CFUN=1,1 and
 * AT+CPOWD=1 with data moving both ways, and the host disconnecting in the middle of a CIPSEND
 * payload and in transparent mode, with and without {@code --keep-powered}. The serial line is a
 * UART: the chip never knows a host left, so with the modem kept powered the next host carries on
 * exactly where the last one stopped; without it, a host leaving is a power-off (links reset) and the next host gets a fresh boot. Every case ends with the modem answering AT
 * and no socket left.
 */
@Timeout(60)
class PowerFaultsTest {
    private static final Duration T = HostDriver.TIMEOUT;
    private static final String BOOT = "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";

    @AfterAll
    static void noBufferLeaked() {
        LeakRecorder.collectAndAssertNone();
    }

    /**
     * AT+CFUN=1,1 while two peers stream at the modem and the host quick-sends: OK, then the boot
     * URCs and nothing else (no CLOSED: the reboot drops links silently); every link socket is
     * closed, the peers see the end, and the rebooted modem (echo on again) answers AT.
     */
    @Test
    void rebootWithDataInFlight() throws Exception {
        try (StreamServer server = new StreamServer(k -> Streams.stream(300 + k, 64 * 1024)).repeating(1);
             Rig rig = Rig.raw()) {
            bringUpTwoLinks(rig, server);
            rig.raw.write("AT+CFUN=1,1\r");
            assertThat(rig.raw.await("\r\nOK\r\n" + BOOT, T)).as("OK then the boot URCs: " + rig.raw.text()).isTrue();
            rig.awaitOpenChannels(0, "after the reboot");
            for (int i = 0; i < 2; i++) {
                assertThat(server.conn(i, T).awaitEnd(T)).as("peer %d sees the link end", i).isNotNull();
            }
            rig.raw.expectSilence(Duration.ofMillis(300));
            rig.exact("AT", "AT\r\r\nOK\r\n");
            rig.exact("AT+CIPSTATUS", "AT+CIPSTATUS\r\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
        }
    }

    /**
     * AT+CPOWD=1 with data in flight: {@code NORMAL POWER DOWN}, then nothing at all, AT included;
     * every link socket closed. The host reconnecting powers the modem on again.
     */
    @Test
    void powerDownWithDataInFlight() throws Exception {
        try (StreamServer server = new StreamServer(k -> Streams.stream(310 + k, 64 * 1024)).repeating(1);
             Rig rig = Rig.raw()) {
            bringUpTwoLinks(rig, server);
            rig.raw.write("AT+CPOWD=1\r");
            assertThat(rig.raw.await("\r\nNORMAL POWER DOWN\r\n", T)).as(rig.raw.text()).isTrue();
            rig.awaitOpenChannels(0, "after the power-down");
            rig.raw.write("AT\r");
            rig.raw.expectSilence(Duration.ofMillis(300));
            rig.raw.close();
            try (RawHost again = RawHost.connectBooted(rig.endpoint.localAddress(), T)) {
                again.write("AT\r");
                again.expect("AT\r\r\nOK\r\n", T);
            }
        }
    }

    /**
     * The host leaves half-way through a CIPSEND payload. Without --keep-powered the modem powers off:
     * the link is reset (the chip would simply vanish; an RST frees the peer at once), the peer gets none
     * of the half payload, and the next host gets a
     * fresh boot. With --keep-powered the modem still waits for the rest of the payload, as a chip
     * whose UART cable was swapped would: the next host's bytes complete it and SEND OK follows.
     */
    @ParameterizedTest(name = "keep powered: {0}")
    @ValueSource(booleans = {false, true})
    void hostLeavesMidCipsend(boolean keepPowered) throws Exception {
        try (StreamServer server = new StreamServer(k -> null);
             Rig rig = Rig.with(new NetworkOptions(null, DestinationPolicy.allowAll()), Rig.config().build(),
                     keepPowered, true)) {
            rig.ok("AT+CIPMUX=1");
            rig.bringUpContext();
            rig.exact("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
            StreamServer.Conn peer = server.conn(0, T);
            rig.exact("AT+CIPSEND=0,10", "\r\n> ");
            rig.raw.write("first");
            Thread.sleep(100); // the five bytes reach the modem before the host leaves
            rig.raw.close();
            if (!keepPowered) {
                assertThat(peer.awaitEnd(T)).as("the peer sees the link reset").contains("reset");
                assertThat(peer.received()).as("bytes of the unfinished payload sent").isEmpty();
                rig.awaitOpenChannels(0, "after the host left");
                try (RawHost next = RawHost.connectBooted(rig.endpoint.localAddress(), T)) {
                    next.write("AT\r");
                    next.expect("AT\r\r\nOK\r\n", T);
                }
                return;
            }
            try (RawHost next = RawHost.connect(rig.endpoint.localAddress())) {
                next.write("half");
                next.expectSilence(Duration.ofMillis(200));
                next.write("!");
                next.expect("\r\n0, SEND OK\r\n", T);
                assertThat(new String(peer.awaitReceived(10, T), StandardCharsets.US_ASCII)).isEqualTo("firsthalf!");
                next.write("AT\r");
                next.expect("\r\nOK\r\n", T);
                rig.awaitOpenChannels(1, "with the link kept");
                next.write("AT+CIPCLOSE=0\r");
                next.expect("\r\n0, CLOSE OK\r\n", T);
                rig.awaitOpenChannels(0, "after CIPCLOSE");
            }
        }
    }

    /**
     * The host leaves in transparent mode. Without --keep-powered: power-off, the peer's link is
     * reset, no socket left. With it: the modem stays in data mode, the next host's bytes go to the peer
     * and the peer's bytes come to it raw; +++ returns it to command mode.
     */
    @ParameterizedTest(name = "keep powered: {0}")
    @ValueSource(booleans = {false, true})
    void hostLeavesInTransparentMode(boolean keepPowered) throws Exception {
        try (StreamServer server = new StreamServer(k -> "hello".getBytes(StandardCharsets.US_ASCII));
             Rig rig = Rig.with(new NetworkOptions(null, DestinationPolicy.allowAll()), Rig.config().build(),
                     keepPowered, true)) {
            rig.ok("AT+CIPMODE=1");
            rig.bringUpContext();
            rig.exact("AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\nCONNECT\r\n");
            rig.raw.expect("hello", T);
            StreamServer.Conn peer = server.conn(0, T);
            rig.raw.write("up1");
            peer.awaitReceived(3, T);
            rig.raw.close();
            if (!keepPowered) {
                assertThat(peer.awaitEnd(T)).as("the peer sees the link reset").contains("reset");
                rig.awaitOpenChannels(0, "after the host left");
                try (RawHost next = RawHost.connectBooted(rig.endpoint.localAddress(), T)) {
                    next.write("AT\r");
                    next.expect("AT\r\r\nOK\r\n", T);
                }
                return;
            }
            try (RawHost next = RawHost.connect(rig.endpoint.localAddress())) {
                next.write("up2");
                assertThat(new String(peer.awaitReceived(6, T), StandardCharsets.US_ASCII)).isEqualTo("up1up2");
                peer.socket.getOutputStream().write("down".getBytes(StandardCharsets.US_ASCII));
                next.expect("down", T);
                Thread.sleep(1100); // guard time before +++
                next.write("+++");
                next.expect("\r\nOK\r\n", T);
                next.write("AT\r");
                next.expect("\r\nOK\r\n", T);
                rig.awaitOpenChannels(1, "with the link kept");
                next.write("AT+CIPCLOSE\r");
                next.expect("\r\nCLOSE OK\r\n", T);
                rig.awaitOpenChannels(0, "after CIPCLOSE");
            }
        }
    }

    /** Multi mode, quick send, links 0 and 1 to {@code server}, both pushing data at the host. */
    private static void bringUpTwoLinks(Rig rig, StreamServer server) throws Exception {
        rig.ok("AT+CIPMUX=1");
        rig.ok("AT+CIPQSEND=1");
        rig.bringUpContext();
        for (int i = 0; i < 2; i++) {
            rig.raw.write("AT+CIPSTART=" + i + ",\"TCP\",\"127.0.0.1\"," + server.port() + "\r");
            assertThat(rig.raw.await(i + ", CONNECT OK\r\n", T)).as(rig.raw.text()).isTrue();
            server.conn(i, T);
        }
        assertThat(rig.raw.await("+RECEIVE,1,", T)).as("data pushed on link 1").isTrue();
        for (int i = 0; i < 2; i++) {
            rig.raw.write("AT+CIPSEND=" + i + ",1000\r");
            assertThat(rig.raw.await("> ", T)).isTrue();
            rig.raw.write(Streams.stream(320 + i, 1000));
            assertThat(rig.raw.await("DATA ACCEPT:" + i + ",1000\r\n", T)).as(rig.raw.text()).isTrue();
        }
        rig.awaitOpenChannels(2, "with two links");
    }
}
