package dev.sim800emu.modem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.netty.TlsPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FTP between the flash drive and Apache FtpServer on 127.0.0.1, plain and over TLS (AT+FTPSSL 1
 * implicit, 2 explicit with its keystore made by keytool): a file written with AT+FSWRITE goes up
 * with AT+FTPPUTFRMFS and comes back with AT+FTPGETTOFS, compared byte for byte with AT+FSREAD. A
 * server that speaks only TLS 1.2 refuses the chip's TLS 1.0: code 81.
 */
class FtpsOverNetworkTest {
    private static final String OK = "\r\nOK\r\n";
    private static final int SIZE = 6000;

    @TempDir
    Path home;
    private FtpServer server;
    private int port;

    /** @param ssl 0 plain, 1 implicit, 2 explicit; {@code protocols} the server's TLS versions */
    private void startServer(int ssl, String... protocols) throws Exception {
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        if (ssl != 0) {
            SslConfigurationFactory tls = new SslConfigurationFactory();
            tls.setKeystoreFile(TestCertificates.dir().resolve("server.p12").toFile());
            tls.setKeystoreType("PKCS12");
            tls.setKeystorePassword(new String(TestCertificates.PASSWORD));
            tls.setSslProtocol(protocols);
            listener.setSslConfiguration(tls.createSslConfiguration());
            listener.setImplicitSsl(ssl == 1);
        }
        factory.addListener("default", listener.createListener());
        BaseUser user = new BaseUser();
        user.setName("modem");
        user.setPassword("secret");
        user.setHomeDirectory(home.toString());
        user.setAuthorities(List.<Authority>of(new WritePermission()));
        var manager = new PropertiesUserManagerFactory().createUserManager();
        manager.save(user);
        factory.setUserManager(manager);
        server = factory.createServer();
        server.start();
        port = ((org.apache.ftpserver.impl.DefaultFtpServer) server).getListener("default").getPort();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private void setUp(Emulator e, int ssl) throws Exception {
        e.expect("AT+SAPBR=1,1", OK);
        e.expect("AT+FTPSERV=\"tls.test\"", OK);
        e.expect("AT+FTPPORT=" + port, OK);
        e.expect("AT+FTPUN=\"modem\"", OK);
        e.expect("AT+FTPPW=\"secret\"", OK);
        e.expect("AT+FTPMODE=1", OK);
        e.expect("AT+FTPSSL=" + ssl, OK);
    }

    @ParameterizedTest(name = "FTPSSL={0}")
    @ValueSource(ints = {0, 1, 2})
    void aFileFromTheDriveGoesUpAndComesBackByteForByte(int ssl) throws Exception {
        startServer(ssl, "TLSv1", "TLSv1.2");
        byte[] file = new byte[SIZE];
        new Random(11).nextBytes(file);
        try (Emulator e = new Emulator(TlsPolicy.chip())) {
            setUp(e, ssl);
            e.expect("AT+FSCREATE=C:\\User\\up.bin", OK);
            e.expect("AT+FSWRITE=C:\\User\\up.bin,0," + SIZE + ",10", "\r\n> ");
            e.host.write(file);
            e.expect(OK);
            e.expect("AT+FTPPUTNAME=\"up.bin\"", OK);
            e.expect("AT+FTPPUTFRMFS=C:\\User\\up.bin", OK);
            e.expect("\r\n+FTPPUTFRMFS: 0," + SIZE + "\r\n");
            assertThat(Files.readAllBytes(home.resolve("up.bin"))).isEqualTo(file);

            e.expect("AT+FTPGETNAME=\"up.bin\"", OK);
            e.expect("AT+FTPGETTOFS=0,\"back.bin\"", OK);
            e.expect("\r\n+FTPGETTOFS: 0," + SIZE + "\r\n");
            e.expect("AT+FSFLSIZE=C:\\User\\ftp\\back.bin", "\r\n+FSFLSIZE: " + SIZE + "\r\n" + OK);
            e.host.write("AT+FSREAD=C:\\User\\ftp\\back.bin,0," + SIZE + ",0\r");
            assertThat(e.host.take(2, Emulator.T)).isEqualTo("\r\n");
            assertThat(e.host.take(SIZE, Emulator.T).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(file);
            e.expect("\r\n" + OK);
            e.expect("AT+FTPSIZE", OK);
            e.expect("\r\n+FTPSIZE: 1,0," + SIZE + "\r\n");
        }
    }

    @ParameterizedTest(name = "FTPSSL={0}")
    @ValueSource(ints = {1, 2})
    void aServerThatSpeaksOnlyTls12RefusesTheChip(int ssl) throws Exception {
        startServer(ssl, "TLSv1.2");
        try (Emulator e = new Emulator(TlsPolicy.chip())) {
            setUp(e, ssl);
            e.expect("AT+FTPGETNAME=\"x\"", OK);
            e.expect("AT+FTPSIZE", OK);
            e.expect("\r\n+FTPSIZE: 1,81\r\n");
        }
    }

    @Test
    void aTls12FirmwareTalksToIt() throws Exception {
        startServer(2, "TLSv1.2");
        Files.writeString(home.resolve("x"), "12345");
        try (Emulator e = new Emulator(new TlsPolicy(List.of("TLSv1", "TLSv1.2"), null))) {
            setUp(e, 2);
            e.expect("AT+FTPGETNAME=\"x\"", OK);
            e.expect("AT+FTPSIZE", OK);
            e.expect("\r\n+FTPSIZE: 1,0,5\r\n");
        }
    }
}
