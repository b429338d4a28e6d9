package dev.sim800emu.modem.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;

/**
 * A server certificate for "localhost" and 127.0.0.1, made once per test run with the JDK's keytool
 * (no test keys in the repository), and its certificate as PEM for the trust tests.
 */
final class TestCertificates {
    static final char[] PASSWORD = "changeit".toCharArray();
    private static Path dir;

    private TestCertificates() {
    }

    static synchronized Path dir() throws Exception {
        if (dir == null) {
            Path d = Files.createTempDirectory("sim800emu-tls");
            d.toFile().deleteOnExit();
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", d.resolve("server.p12").toString(),
                    "-storepass", "changeit", "-keypass", "changeit"));
            // One keytool run (a JVM start) is enough: the PEM is written from the keystore here.
            Files.writeString(d.resolve("server.pem"), "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                            load(d.resolve("server.p12")).getCertificate("server").getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            for (String f : new String[] {"server.p12", "server.pem"}) {
                d.resolve(f).toFile().deleteOnExit();
            }
            dir = d;
        }
        return dir;
    }

    /** The server's own certificate, PEM: what a host would load with AT+SSLSETCERT. */
    static Path pem() throws Exception {
        return dir().resolve("server.pem");
    }

    private static KeyStore load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD);
            return ks;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    static KeyManagerFactory keyManagers() throws Exception {
        KeyStore ks = load(dir().resolve("server.p12"));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        return kmf;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }
}
