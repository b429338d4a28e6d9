package dev.sim800emu.modem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.netty.TlsPolicy;
import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * AT+CIPSSL links through the real emulator to TLS servers on 127.0.0.1: TinyGSM's secure client
 * byte for byte, the chip's versions (TLS 1.0 only, so a server demanding TLS 1.2 fails with
 * "n, CLOSE OK"), --tls versions and --tls-trust.
 */
@Timeout(60)
class TlsLinkTest {

    /** TinyGSM's TinyGsmClientSecure on mux 1 (clients.md §1.4): quick send, manual receive. */
    @Test
    void tinyGsmSecureClientByteForByte() throws Exception {
        try (TlsServer server = TlsServer.echo("TLSv1"); Emulator e = new Emulator(TlsPolicy.chip())) {
            e.expect("AT+CIPMUX=1", "\r\nOK\r\n");
            e.expect("AT+CIPQSEND=1", "\r\nOK\r\n");
            e.expect("AT+CIPRXGET=1", "\r\nOK\r\n");
            e.expect("AT+CSTT=\"internet\",\"\",\"\"", "\r\nOK\r\n");
            e.expect("AT+CIICR", "\r\nOK\r\n");
            e.expect("AT+CIFSR;E0", "\r\n10.78.245.128\r\n\r\nOK\r\n");
            e.host.write("AT+CIPCLOSE=1,1\r\n");
            e.expect("\r\nERROR\r\n");
            e.host.write("AT+CIPSSL=1\r\n");
            e.expect("\r\nOK\r\n");
            e.host.write("AT+CIPSTART=1,\"TCP\",\"tls.test\"," + server.port() + "\r\n");
            e.expect("\r\nOK\r\n\r\n1, CONNECT OK\r\n");
            e.host.write("AT+CIPSEND=1,5\r\n");
            e.expect("\r\n> ");
            e.host.write("hello");
            e.expect("\r\nDATA ACCEPT:1,5\r\n");
            e.expect("\r\n+CIPRXGET: 1,1\r\n");
            e.host.write("AT+CIPRXGET=4,1\r\n");
            e.expect("\r\n+CIPRXGET: 4,1,5\r\n\r\nOK\r\n");
            e.host.write("AT+CIPRXGET=2,1,1024\r\n");
            e.expect("\r\n+CIPRXGET: 2,1,5,0\r\nhello\r\nOK\r\n");
            e.host.write("AT+CIPSTATUS=1\r\n");
            e.expect("\r\n+CIPSTATUS: 1,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CONNECTED\"\r\n\r\nOK\r\n");
            e.host.write("AT+CIPCLOSE=1,1\r\n");
            e.expect("\r\n1, CLOSE OK\r\n");
            assertThat(server.protocols).containsExactly("TLSv1");
            assertThat(server.serverNames).as("SNI from the host name given").containsExactly("tls.test");
        }
    }

    @Test
    void aServerThatDemandsTls12FailsAsOnTheChip() throws Exception {
        try (TlsServer server = TlsServer.echo("TLSv1.2"); Emulator e = new Emulator(TlsPolicy.chip())) {
            e.bringUpMulti();
            e.expect("AT+CIPSSL=1", "\r\nOK\r\n");
            e.expect("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\n0, CLOSE OK\r\n");
            e.expect("AT+CIPSTATUS=0",
                    "\r\n+CIPSTATUS: 0,0,\"TCP\",\"127.0.0.1\",\"" + server.port() + "\",\"CLOSED\"\r\n\r\nOK\r\n");
            e.expect("AT", "\r\nOK\r\n");
        }
    }

    @Test
    void singleModeHandshakeFailureIsCloseOk() throws Exception {
        try (TlsServer server = TlsServer.echo("TLSv1.2"); Emulator e = new Emulator(TlsPolicy.chip())) {
            e.expect("AT+CSTT=\"CMNET\"", "\r\nOK\r\n");
            e.expect("AT+CIICR", "\r\nOK\r\n");
            e.expect("AT+CIFSR", "\r\n10.78.245.128\r\n");
            e.expect("AT+CIPSSL=1", "\r\nOK\r\n");
            e.expect("AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\nCLOSE OK\r\n");
            e.expect("AT+CIPSTATUS", "\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
        }
    }

    @Test
    void laterFirmwareVersionsOnRequest() throws Exception {
        TlsPolicy later = new TlsPolicy(List.of("TLSv1", "TLSv1.2"), null);
        try (TlsServer server = TlsServer.echo("TLSv1.2"); Emulator e = new Emulator(later)) {
            e.bringUpMulti();
            e.expect("AT+CIPSSL=1", "\r\nOK\r\n");
            e.expect("AT+CIPSTART=2,\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\n2, CONNECT OK\r\n");
            e.expect("AT+CIPSEND=2,3", "\r\n> ");
            e.host.write("abc");
            e.expect("\r\n2, SEND OK\r\n");
            e.expect("\r\n+RECEIVE,2,3:\r\nabc");
            assertThat(server.protocols).containsExactly("TLSv1.2");
        }
    }

    @Test
    void plainAndSecureLinksSideBySide() throws Exception {
        try (TlsServer server = TlsServer.echo("TLSv1"); Emulator e = new Emulator(TlsPolicy.chip())) {
            e.bringUpMulti();
            e.expect("AT+CIPSSL=0", "\r\nOK\r\n");
            // A plain link to a TLS port: the server sees garbage and hangs up; the modem connected.
            e.expect("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
            e.expect("AT+CIPSSL=1", "\r\nOK\r\n");
            e.expect("AT+CIPSTART=1,\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\n1, CONNECT OK\r\n");
            assertThat(server.serverNames).as("no SNI for an address").isEmpty();
        }
    }

    @Test
    void trustFileMakesTheEmulatorVerifyServers() throws Exception {
        File trusted = TestCertificates.pem().toFile();
        TlsPolicy verifying = new TlsPolicy(TlsPolicy.CHIP_VERSIONS, trusted);
        try (TlsServer server = TlsServer.echo("TLSv1"); Emulator e = new Emulator(verifying)) {
            e.bringUpMulti();
            e.expect("AT+CIPSSL=1", "\r\nOK\r\n");
            // The certificate is for localhost and 127.0.0.1: both names pass.
            e.expect("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\"," + server.port(), "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
            // tls.test resolves to the same server, but the certificate does not name it.
            e.expect("AT+CIPSTART=1,\"TCP\",\"tls.test\"," + server.port(), "\r\nOK\r\n\r\n1, CLOSE OK\r\n");
        }
    }
}
