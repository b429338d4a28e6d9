package dev.sim800emu.modem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.netty.TlsPolicy;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FTP application against Apache FtpServer on 127.0.0.1 (an ephemeral control port, passive
 * data ports), through the real emulator: serial endpoint, NettyNetwork, the test DNS server. A
 * binary file of a few hundred KB goes up in FTPPUT blocks and comes back in FTPGET reads, compared
 * byte for byte; then the error paths a real server produces.
 */
class FtpOverNetworkTest {
    private static final String OK = "\r\nOK\r\n";
    private static final int SIZE = 300_000;

    @TempDir
    Path home;
    private FtpServer server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        factory.addListener("default", listener.createListener());
        BaseUser user = new BaseUser();
        user.setName("modem");
        user.setPassword("secret");
        user.setHomeDirectory(home.toString());
        user.setAuthorities(List.<Authority>of(new WritePermission()));
        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        var manager = users.createUserManager();
        manager.save(user);
        factory.setUserManager(manager);
        server = factory.createServer();
        server.start();
        port = ((org.apache.ftpserver.impl.DefaultFtpServer) server).getListener("default").getPort();
        assertThat(port).isPositive();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private void setUp(Emulator e) throws Exception {
        e.expect("AT+SAPBR=1,1", OK);
        e.expect("AT+FTPCID=1", OK);
        e.expect("AT+FTPSERV=\"tls.test\"", OK);
        e.expect("AT+FTPPORT=" + port, OK);
        e.expect("AT+FTPUN=\"modem\"", OK);
        e.expect("AT+FTPPW=\"secret\"", OK);
        e.expect("AT+FTPMODE=1", OK);
        e.expect("AT+FTPTYPE=\"I\"", OK);
    }

    @Test
    void binaryFileUpAndDownByteForByte() throws Exception {
        byte[] file = new byte[SIZE];
        new Random(7).nextBytes(file);
        try (Emulator e = new Emulator(TlsPolicy.chip())) {
            setUp(e);
            e.expect("AT+FTPPUTNAME=\"data.bin\"", OK);
            e.expect("AT+FTPPUTPATH=\"/\"", OK);
            e.expect("AT+FTPPUT=1", OK);
            e.expect("\r\n+FTPPUT: 1,1,1360\r\n");
            for (int at = 0; at < file.length; at += 1360) {
                int n = Math.min(1360, file.length - at);
                e.expect("AT+FTPPUT=2," + n, "\r\n+FTPPUT: 2," + n + "\r\n");
                byte[] block = new byte[n];
                System.arraycopy(file, at, block, 0, n);
                e.host.write(block);
                e.expect(OK + "\r\n+FTPPUT: 1,1,1360\r\n");
            }
            e.expect("AT+FTPPUT=2,0", OK);
            e.expect("\r\n+FTPPUT: 1,0\r\n");
            assertThat(Files.readAllBytes(home.resolve("data.bin"))).isEqualTo(file);

            e.expect("AT+FTPGETNAME=\"data.bin\"", OK);
            e.expect("AT+FTPGETPATH=\"/\"", OK);
            e.expect("AT+FTPSIZE", OK + "\r\n+FTPSIZE: 1,0," + SIZE + "\r\n");
            e.expect("AT+FTPGET=1", OK);
            e.expect("\r\n+FTPGET: 1,1\r\n");
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            while (got.size() < SIZE) {
                e.host.write("AT+FTPGET=2,1460\r");
                String head = line(e);
                assertThat(head).startsWith("+FTPGET: 2,");
                int n = Integer.parseInt(head.substring(11));
                got.writeBytes(e.host.take(n, Emulator.T).getBytes(StandardCharsets.ISO_8859_1));
                e.expect(OK);
                if (n == 0) {
                    assertThat(line(e)).isEqualTo("+FTPGET: 1,1");
                }
            }
            e.expect("\r\n+FTPGET: 1,0\r\n");
            assertThat(got.toByteArray()).isEqualTo(file);
            e.expect("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
        }
    }

    /**
     * The RAM-buffer transfers (manual §12.2.20, §12.2.26): the file loaded with FTPEXTPUT=2 in four
     * pieces goes up with one FTPPUT=1, comes back with FTPEXTGET=1 and is read out with =3.
     */
    @Test
    void ramBufferUpAndDownByteForByte() throws Exception {
        int size = 200_000;
        int piece = 50_000;
        byte[] file = new byte[size];
        new Random(11).nextBytes(file);
        try (Emulator e = new Emulator(TlsPolicy.chip())) {
            setUp(e);
            e.expect("AT+FTPPUTNAME=\"ram.bin\"", OK);
            e.expect("AT+FTPEXTPUT=1", OK);
            for (int at = 0; at < size; at += piece) {
                e.expect("AT+FTPEXTPUT=2," + at + "," + piece + ",10000", "\r\n+FTPEXTPUT: " + at + "," + piece + "\r\n");
                byte[] block = new byte[piece];
                System.arraycopy(file, at, block, 0, piece);
                e.host.write(block);
                e.expect(OK);
            }
            e.expect("AT+FTPPUT=1", OK);
            e.expect("\r\n+FTPPUT: 1,0\r\n");
            assertThat(Files.readAllBytes(home.resolve("ram.bin"))).isEqualTo(file);

            e.expect("AT+FTPEXTPUT=0", OK);
            e.expect("AT+FTPGETNAME=\"ram.bin\"", OK);
            e.expect("AT+FTPEXTGET=1", OK);
            e.expect("\r\n+FTPEXTGET: 1,0\r\n");
            e.expect("AT+FTPEXTGET?", "\r\n+FTPEXTGET: 1," + size + "\r\n" + OK);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            while (got.size() < size) {
                int n = Math.min(30_000, size - got.size());
                e.expect("AT+FTPEXTGET=3," + got.size() + ",30000", "\r\n+FTPEXTGET: 3," + n + "\r\n");
                got.writeBytes(e.host.take(n, Emulator.T).getBytes(StandardCharsets.ISO_8859_1));
                e.expect(OK);
            }
            assertThat(got.toByteArray()).isEqualTo(file);
            e.expect("AT+FTPEXTGET=0", OK);
        }
    }

    /** One line the modem printed: {@code \r\n<text>\r\n}. */
    private static String line(Emulator e) {
        assertThat(e.host.take(2, Emulator.T)).isEqualTo("\r\n");
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n")) {
            String c = e.host.take(1, Emulator.T);
            assertThat(c).as("a line end after " + sb).isNotEmpty();
            sb.append(c);
        }
        return sb.substring(0, sb.length() - 2);
    }

    @Test
    void errorPathsAgainstARealServer() throws Exception {
        Files.writeString(home.resolve("gone.txt"), "x");
        try (Emulator e = new Emulator(TlsPolicy.chip())) {
            setUp(e);
            e.expect("AT+FTPGETNAME=\"missing.bin\"", OK);
            e.expect("AT+FTPGET=1", OK);
            e.expect("\r\n+FTPGET: 1,77\r\n");
            e.expect("AT+FTPGETPATH=\"/nodir\"", OK);
            e.expect("AT+FTPSIZE", OK);
            e.expect("\r\n+FTPSIZE: 1,77\r\n");
            e.expect("AT+FTPGETPATH=\"/\"", OK);
            e.expect("AT+FTPGETNAME=\"gone.txt\"", OK);
            e.expect("AT+FTPDELE", OK);
            e.expect("\r\n+FTPDELE: 1,0\r\n");
            assertThat(home.resolve("gone.txt")).doesNotExist();
            e.expect("AT+FTPGETPATH=\"/made\"", OK);
            e.expect("AT+FTPMKD", OK);
            e.expect("\r\n+FTPMKD: 1,0\r\n");
            assertThat(home.resolve("made")).isDirectory();
            e.expect("AT+FTPRMD", OK);
            e.expect("\r\n+FTPRMD: 1,0\r\n");

            e.expect("AT+FTPPW=\"wrong\"", OK);
            e.expect("AT+FTPSIZE", OK);
            e.expect("\r\n+FTPSIZE: 1,72\r\n");
            e.expect("AT+FTPSERV=\"broken.test\"", OK);
            e.expect("AT+FTPSIZE", OK);
            e.expect("\r\n+FTPSIZE: 1,62\r\n");
            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            e.expect("AT+FTPSERV=\"127.0.0.1\"", OK);
            e.expect("AT+FTPPORT=" + closed, OK);
            e.expect("AT+FTPSIZE", OK);
            e.expect("\r\n+FTPSIZE: 1,63\r\n");
        }
    }
}
