package dev.sim800emu.modem.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.testing.TestDnsServer;
import dev.sim800emu.modem.testing.UdpTestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The destination policy ({@code --allow}/{@code --deny}) in front of every way out of the modem,
 * over real sockets, on loopback only (denied destinations are loopback addresses, so even a broken
 * policy would send nothing off this machine): CIPSTART over TCP and UDP, UDP sends to a new
 * destination (CIPUDPMODE=2), the DNS server itself, and the addresses a name resolves to.
 * What the host sees is what a firewall in the operator's network would give it.
 */
@Timeout(60)
class DestinationPolicyEndToEndTest {
    private static final Duration T = HostDriver.TIMEOUT;

    private static Rig rig(InetSocketAddress dns, String... deny) throws Exception {
        return Rig.with(new NetworkOptions(dns, DestinationPolicy.parse(List.of(), List.of(deny))),
                Rig.config().build(), false, true);
    }

    /** Denied TCP and UDP destinations: CONNECT FAIL, no socket opened, nothing reaches the server. */
    @Test
    void cipstartToADeniedDestination() throws Exception {
        try (StreamServer server = new StreamServer(k -> null); UdpTestServer udp = UdpTestServer.recording();
             Rig rig = rig(null, "127.0.0.0/8")) {
            rig.ok("AT+CIPMUX=1");
            rig.bringUpContext();
            rig.exact("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT FAIL\r\n");
            rig.exact("AT+CIPSTART=1,\"UDP\",\"127.0.0.1\"," + udp.port(), "\r\nOK\r\n\r\n1, CONNECT FAIL\r\n");
            rig.awaitOpenChannels(0, "after denied opens");
            assertThat(server.accepted()).as("TCP connections at the denied server").isZero();
            rig.assertResponsive();
        }
    }

    /**
     * A UDP link to an allowed peer, then CIPUDPMODE=2 pointing its sends at a denied address: the
     * datagram is dropped as a firewall would drop it (SEND OK, as on the chip, which cannot know),
     * nothing arrives there; pointed back at the allowed peer, sends arrive again.
     */
    @Test
    void udpSendsToANewDeniedDestination() throws Exception {
        InetAddress denied = InetAddress.getByName("127.0.0.2");
        try (UdpTestServer udp = UdpTestServer.recording();
             DatagramSocket trap = new DatagramSocket(new InetSocketAddress(denied, 0));
             Rig rig = rig(null, "127.0.0.2/32")) {
            trap.setSoTimeout(300);
            rig.ok("AT+CIPMUX=1");
            rig.bringUpContext();
            rig.exact("AT+CIPSTART=0,\"UDP\",\"127.0.0.1\"," + udp.port(), "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
            rig.ok("AT+CIPUDPMODE=0,2,\"127.0.0.2\"," + trap.getLocalPort());
            rig.exact("AT+CIPSEND=0,4", "\r\n> ");
            rig.raw.write("trap");
            rig.raw.expect("\r\n0, SEND OK\r\n", T);
            try {
                trap.receive(new DatagramPacket(new byte[64], 64));
                throw new AssertionError("a datagram reached the denied address");
            } catch (SocketTimeoutException expected) {
                // dropped
            }
            rig.ok("AT+CIPUDPMODE=0,2,\"127.0.0.1\"," + udp.port());
            rig.exact("AT+CIPSEND=0,4", "\r\n> ");
            rig.raw.write("okay");
            rig.raw.expect("\r\n0, SEND OK\r\n", T);
            assertThat(new String(udp.receive(T).data(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("okay");
            rig.assertResponsive();
        }
    }

    /**
     * The DNS server is a destination too: denied, it is never asked; CDNSGIP answers
     * {@code +CDNSGIP: 0,3} (network error) and CIPSTART by name CONNECT FAIL.
     */
    @Test
    void aDeniedDnsServerIsNeverAsked() throws Exception {
        try (StreamServer server = new StreamServer(k -> null);
             TestDnsServer dns = new TestDnsServer(Map.of("peer.test", List.of("127.0.0.1")));
             Rig rig = rig(dns.address(), dns.address().getAddress().getHostAddress() + "/32")) {
            rig.ok("AT+CIPMUX=1");
            rig.bringUpContext();
            rig.exact("AT+CDNSGIP=\"peer.test\"", "\r\nOK\r\n\r\n+CDNSGIP: 0,3\r\n");
            rig.exact("AT+CIPSTART=0,\"TCP\",\"peer.test\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT FAIL\r\n");
            assertThat(dns.queries()).as("queries to the denied DNS server").isZero();
            rig.awaitOpenChannels(0, "after the failed lookups");
            rig.assertResponsive();
        }
    }

    /**
     * A name that resolves to a denied address: CDNSGIP shows the answer (it is only information),
     * but CIPSTART by that name gives CONNECT FAIL and opens nothing.
     */
    @Test
    void aNameResolvingToADeniedAddress() throws Exception {
        try (StreamServer server = new StreamServer(k -> null);
             TestDnsServer dns = new TestDnsServer(Map.of("denied.test", List.of("127.0.0.2")));
             Rig rig = rig(dns.address(), "127.0.0.2/32")) {
            rig.ok("AT+CIPMUX=1");
            rig.bringUpContext();
            rig.exact("AT+CDNSGIP=\"denied.test\"", "\r\nOK\r\n\r\n+CDNSGIP: 1,\"denied.test\",\"127.0.0.2\"\r\n");
            rig.exact("AT+CIPSTART=0,\"TCP\",\"denied.test\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT FAIL\r\n");
            assertThat(server.accepted()).isZero();
            rig.awaitOpenChannels(0, "after the denied connect");
            rig.assertResponsive();
        }
    }
}
