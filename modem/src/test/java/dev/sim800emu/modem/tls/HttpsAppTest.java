package dev.sim800emu.modem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.netty.TlsPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The HTTP application against servers this test starts on 127.0.0.1: plain HTTP (a socket server
 * that records the request as it arrived) and HTTPS (the keytool certificate of the TLS tests),
 * through the real emulator — serial endpoint, NettyNetwork, a local DNS server.
 */
class HttpsAppTest {
    private static final String OK = "\r\nOK\r\n";
    private static final String REPLY = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** Reads one request (headers and a Content-Length body) and answers {@code reply}. */
    private void serve(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            seen.write(b);
        }
        String head = seen.toString(StandardCharsets.ISO_8859_1);
        int at = head.indexOf("Content-Length: ");
        int length = at < 0 ? 0 : Integer.parseInt(head.substring(at + 16, head.indexOf('\r', at)));
        seen.write(in.readNBytes(length));
        requests.add(seen.toString(StandardCharsets.ISO_8859_1));
        out.write(REPLY.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private ServerSocket plainServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    serve(s.getInputStream(), s.getOutputStream());
                } catch (IOException e) {
                    return;
                }
            }
        }, "http-test-server");
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static void bearer(Emulator e) throws Exception {
        e.expect("AT+SAPBR=1,1", OK);
        e.expect("AT+HTTPINIT", OK);
        e.expect("AT+HTTPPARA=\"CID\",1", OK);
    }

    @Test
    void postOverTheRealNetworkWithAChunkedReply() throws Exception {
        try (ServerSocket server = plainServer(); Emulator e = new Emulator(TlsPolicy.chip())) {
            bearer(e);
            e.expect("AT+HTTPPARA=\"URL\",\"http://tls.test:" + server.getLocalPort() + "/log?id=7\"", OK);
            e.expect("AT+HTTPPARA=\"CONTENT\",\"text/plain\"", OK);
            e.expect("AT+HTTPDATA=4,5000", "\r\nDOWNLOAD\r\n");
            e.host.write("ping");
            e.expect(OK);
            e.expect("AT+HTTPACTION=1", OK + "\r\n+HTTPACTION: 1,200,11\r\n");
            e.expect("AT+HTTPREAD", "\r\n+HTTPREAD: 11\r\nhello world" + OK);
            assertThat(requests).containsExactly("POST /log?id=7 HTTP/1.1\r\nHost: tls.test:" + server.getLocalPort()
                    + "\r\nUser-Agent: SIMCOM_MODULE\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n"
                    + "Connection: Keep-Alive\r\nAccept: */*\r\n\r\nping");
        }
    }

    @Test
    void httpsWithTheChipsTls() throws Exception {
        try (TlsServer server = new TlsServer(List.of("TLSv1"), s -> serve(s.getInputStream(), s.getOutputStream()));
             Emulator e = new Emulator(TlsPolicy.chip())) {
            bearer(e);
            e.expect("AT+HTTPPARA=\"URL\",\"https://tls.test:" + server.port() + "/\"", OK);
            e.expect("AT+HTTPSSL=1", OK);
            e.expect("AT+HTTPACTION=0", OK + "\r\n+HTTPACTION: 0,200,11\r\n");
            e.expect("AT+HTTPREAD=6,5", "\r\n+HTTPREAD: 5\r\nworld" + OK);
            assertThat(server.serverNames).containsExactly("tls.test");
            assertThat(server.protocols).containsExactly("TLSv1");
            assertThat(requests).hasSize(1);
            assertThat(requests.get(0)).startsWith("GET / HTTP/1.1\r\nHost: tls.test:" + server.port() + "\r\n");
        }
    }

    @Test
    void aServerThatDemandsTls12Is606() throws Exception {
        try (TlsServer server = TlsServer.echo("TLSv1.2"); Emulator e = new Emulator(TlsPolicy.chip())) {
            bearer(e);
            e.expect("AT+HTTPPARA=\"URL\",\"https://tls.test:" + server.port() + "/\"", OK);
            e.expect("AT+HTTPSSL=1", OK);
            e.expect("AT+HTTPACTION=0", OK + "\r\n+HTTPACTION: 0,606,0\r\n");
            e.expect("AT+HTTPREAD", OK);
        }
    }

    @Test
    void refusedAndUnknownNames() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (Emulator e = new Emulator(TlsPolicy.chip())) {
            bearer(e);
            e.expect("AT+HTTPPARA=\"URL\",\"127.0.0.1:" + closedPort + "/\"", OK);
            e.expect("AT+HTTPACTION=0", OK + "\r\n+HTTPACTION: 0,601,0\r\n");
            e.expect("AT+HTTPPARA=\"URL\",\"http://broken.test/\"", OK);
            e.expect("AT+HTTPACTION=0", OK + "\r\n+HTTPACTION: 0,603,0\r\n");
            e.expect("AT+HTTPTERM", OK);
        }
    }
}
