package dev.sim800emu.modem.tls;

import dev.sim800emu.modem.netty.TlsPolicy;
import java.io.File;
import java.nio.file.Files;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;

/**
 * AT+SSLSETCERT against a real TLS 1.0 server on 127.0.0.1 whose certificate the test made: the
 * modem trusts any server until the host imports a CA; with another CA imported the server is
 * refused (CLOSE OK, as a failed handshake is on the chip), with the server's own it is trusted.
 */
class SslSetCertOverNetworkTest {

    /** Some CA that did not sign the test server: the first one in the JDK's own trust store. */
    private static byte[] otherCa() throws Exception {
        KeyStore jdk = KeyStore.getInstance(new File(System.getProperty("java.home"), "lib/security/cacerts"),
                (char[]) null);
        return jdk.getCertificate(jdk.aliases().nextElement()).getEncoded();
    }

    private static void store(Emulator e, String path, byte[] data) throws Exception {
        e.expect("AT+FSCREATE=" + path, "\r\nOK\r\n");
        e.expect("AT+FSWRITE=" + path + ",0," + data.length + ",10", "\r\n> ");
        e.host.write(data);
        e.expect("\r\nOK\r\n");
    }

    @Test
    void untrustedWithAnotherCaTrustedWithItsOwn() throws Exception {
        byte[] own = Files.readAllBytes(TestCertificates.pem());
        try (TlsServer server = TlsServer.echo("TLSv1"); Emulator e = new Emulator(TlsPolicy.chip())) {
            e.bringUpMulti();
            e.expect("AT+CIPSSL=1", "\r\nOK\r\n");
            String start = "AT+CIPSTART=%d,\"TCP\",\"127.0.0.1\"," + server.port();
            // Nothing imported: the chip connects to anything.
            e.expect(start.formatted(0), "\r\nOK\r\n\r\n0, CONNECT OK\r\n");

            store(e, "C:\\User\\other.cer", otherCa());
            e.expect("AT+SSLSETCERT=C:\\User\\other.cer,ABC", "\r\nOK\r\n\r\n+SSLSETCERT: 0\r\n");
            e.expect(start.formatted(1), "\r\nOK\r\n\r\n1, CLOSE OK\r\n");

            store(e, "C:\\User\\server.crt", own);
            e.expect("AT+SSLSETCERT=C:\\User\\server.crt,ABC", "\r\nOK\r\n\r\n+SSLSETCERT: 0\r\n");
            e.expect(start.formatted(2), "\r\nOK\r\n\r\n2, CONNECT OK\r\n");
            e.expect("AT+CIPSEND=2,3", "\r\n> ");
            e.host.write("abc");
            e.expect("\r\n2, SEND OK\r\n");
            e.expect("\r\n+RECEIVE,2,3:\r\nabc");

            // AT+SSLOPT=0,1 ignores an invalid certificate again.
            e.expect("AT+SSLSETCERT=C:\\User\\other.cer", "\r\nOK\r\n\r\n+SSLSETCERT: 0\r\n");
            e.expect("AT+SSLOPT=0,1", "\r\nOK\r\n");
            e.expect(start.formatted(3), "\r\nOK\r\n\r\n3, CONNECT OK\r\n");
        }
    }

}
