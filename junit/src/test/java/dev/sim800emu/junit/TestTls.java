package dev.sim800emu.junit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * TLS server sockets on 127.0.0.1 (a free port) speaking only the given protocol versions, with a
 * certificate for "localhost" that keytool makes once per test run (no keys in the repository).
 */
final class TestTls {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static KeyManagerFactory keys;

    private TestTls() {
    }

    static SSLServerSocket serverSocket(String... versions) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys().getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(versions);
        return server;
    }

    private static synchronized KeyManagerFactory keys() throws Exception {
        if (keys == null) {
            Path dir = Files.createTempDirectory("sim800emu-junit-tls");
            Path store = dir.resolve("server.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                    "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "changeit", "-keypass", "changeit")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASSWORD);
            }
            Files.delete(store);
            Files.delete(dir);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            keys = kmf;
        }
        return keys;
    }
}
