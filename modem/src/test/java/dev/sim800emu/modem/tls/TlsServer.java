package dev.sim800emu.modem.tls;

import dev.sim800emu.modem.netty.TlsPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on 127.0.0.1 (port 0) speaking only the given versions. Each connection runs
 * {@code handler} on its own thread after the handshake; the default echoes. It records the SNI
 * names clients sent, the protocol they agreed, and handshakes that failed.
 */
final class TlsServer implements AutoCloseable {
    interface Handler {
        void serve(SSLSocket socket) throws IOException;
    }

    final List<String> serverNames = new CopyOnWriteArrayList<>();
    final List<String> protocols = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    private final SSLServerSocket server;
    private final Thread acceptor;

    TlsServer(List<String> versions, Handler handler) throws Exception {
        TlsPolicy.chip(); // the process's TLS settings are relaxed before the JDK first reads them
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(TestCertificates.keyManagers().getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(versions.toArray(new String[0]));
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    SSLSocket s = (SSLSocket) server.accept();
                    Thread t = new Thread(() -> serve(s, handler), "tls-test-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "tls-test-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static TlsServer echo(String... versions) throws Exception {
        return new TlsServer(List.of(versions), TlsServer::echo);
    }

    private void serve(SSLSocket s, Handler handler) {
        try (Socket closing = s) {
            s.startHandshake();
            protocols.add(s.getSession().getProtocol());
            if (s.getSession() instanceof ExtendedSSLSession ext) {
                for (SNIServerName n : ext.getRequestedServerNames()) {
                    if (n instanceof SNIHostName h) {
                        serverNames.add(h.getAsciiName());
                    }
                }
            }
            handler.serve(s);
        } catch (IOException e) {
            failures.add(String.valueOf(e.getMessage()));
        }
    }

    private static void echo(SSLSocket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            out.flush();
        }
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
