package dev.sim800emu.modem.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** AT+FTPGETTOFS and AT+FTPPUTFRMFS (manual §12.2.24, §12.2.25) on the engine, byte for byte. */
class FtpDriveTest {
    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";
    private final ModemHarness h = new ModemHarness().quiet();

    private void ready() {
        FtpFixture.session(h);
    }

    /** Runs {@code command} through the login and PASV; returns {control, data}. */
    private FakeLink[] transfer(String command, String verb) {
        assertThat(h.at(command)).isEqualTo(OK);
        FakeLink c = h.net.last();
        c.connect();
        c.receive("220 ready\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("USER user\r\n");
        c.receive("331 Password required\r\n");
        FtpFixture.said(c);
        c.receive("230 Logged in\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("TYPE I\r\n");
        c.receive("200 ok\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("PASV\r\n");
        c.receive("227 Entering Passive Mode (198,51,100,7,156,64)\r\n");
        FakeLink d = h.net.last();
        d.connect();
        assertThat(FtpFixture.said(c)).isEqualTo(verb + "\r\n");
        return new FakeLink[] {c, d};
    }

    private void writeFile(String path, byte[] content) {
        h.at("AT+FSCREATE=" + path);
        assertThat(h.at("AT+FSWRITE=" + path + ",0," + content.length + ",10")).isEqualTo("\r\n> ");
        h.send(content);
        assertThat(h.take()).isEqualTo(OK);
    }

    @Test
    void testFormsAndIdleReadForms() {
        assertThat(h.at("AT+FTPGETTOFS=?")).isEqualTo(OK);
        assertThat(h.at("AT+FTPPUTFRMFS=?")).isEqualTo(OK);
        assertThat(h.at("AT+FTPGETTOFS?")).isEqualTo("\r\n+FTPGETTOFS: 0\r\n" + OK);
        assertThat(h.at("AT+FTPPUTFRMFS?")).isEqualTo("\r\n+FTPPUTFRMFS: 0\r\n" + OK);
    }

    @Test
    void downloadGoesIntoUserFtpAndOverwrites() {
        ready();
        h.at("AT+FTPGETNAME=\"f.bin\"");
        FakeLink[] l = transfer("AT+FTPGETTOFS=0,\"f.bin\"", "RETR f.bin");
        FakeLink c = l[0];
        FakeLink d = l[1];
        c.receive("150 Opening BINARY mode data connection\r\n");
        d.receive(new byte[] {0, 1, 2, (byte) 0xFF, 0x1A});
        d.receive("abc");
        assertThat(h.take()).as("no notice per block: the data goes to the drive").isEmpty();
        assertThat(h.at("AT+FTPGETTOFS?")).isEqualTo("\r\n+FTPGETTOFS: 1,8,8\r\n" + OK);
        assertThat(h.at("AT+FTPSTATE")).isEqualTo("\r\n+FTPSTATE: 1\r\n" + OK);
        d.peerClose();
        c.receive("226 Transfer complete\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPGETTOFS: 0,8\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("QUIT\r\n");
        assertThat(h.at("AT+FTPGETTOFS?")).isEqualTo("\r\n+FTPGETTOFS: 0\r\n" + OK);
        assertThat(h.at("AT+FSLS=C:\\User\\")).isEqualTo("\r\nftp\\\r\n" + OK);
        assertThat(h.at("AT+FSFLSIZE=C:\\User\\ftp\\f.bin")).isEqualTo("\r\n+FSFLSIZE: 8\r\n" + OK);
        assertThat(h.at("AT+FSREAD=C:\\User\\ftp\\f.bin,0,100,0")).as("Latin-1: byte for byte")
                .isEqualTo("\r\n\u0000\u0001\u0002\u00ff\u001aabc\r\n" + OK);

        l = transfer("AT+FTPGETTOFS=0,f.bin,3,5", "RETR f.bin");
        l[0].receive("150 ok\r\n");
        l[1].receive("xy");
        l[1].peerClose();
        l[0].receive("226 ok\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPGETTOFS: 0,2\r\n");

        h.at("AT+FTPGETNAME=g");
        l = transfer("AT+FTPGETTOFS=0,g.bin", "RETR g");
        l[1].receive("data before the 150");
        l[1].peerClose();
        l[0].receive("150 ok\r\n226 ok\r\n");
        assertThat(h.take()).as("data may overtake the 1xx reply").isEqualTo("\r\n+FTPGETTOFS: 0,19\r\n");
        assertThat(h.at("AT+FSREAD=C:\\User\\ftp\\f.bin,0,100,0")).as("overwritten").isEqualTo("\r\nxy\r\n" + OK);
    }

    @Test
    void aFullDriveEndsWith85AndKeepsWhatFitted() {
        ready();
        h.at("AT+FTPGETNAME=big");
        FakeLink[] l = transfer("AT+FTPGETTOFS=0,big", "RETR big");
        l[0].receive("150 ok\r\n");
        l[1].receive(new byte[70_000]);
        l[1].receive(new byte[10_000]);
        assertThat(h.take()).isEqualTo("\r\n+FTPGETTOFS: 85\r\n");
        assertThat(l[0].closed).isTrue();
        assertThat(l[1].closed).isTrue();
        assertThat(h.at("AT+FSFLSIZE=C:\\User\\ftp\\big")).isEqualTo("\r\n+FSFLSIZE: 70000\r\n" + OK);
        assertThat(h.at("AT+FSMEM")).isEqualTo("\r\n+FSMEM: C:6288bytes\r\n" + OK);
    }

    @Test
    void errorsBeforeAndDuringTheSession() {
        assertThat(h.at("AT+FTPGETTOFS=1,f.bin")).as("no SD card").isEqualTo(ERROR);
        assertThat(h.at("AT+FTPGETTOFS=0,a\\b")).as("a name, not a path").isEqualTo(ERROR);
        assertThat(h.at("AT+FTPGETTOFS=0," + "n".repeat(65))).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPGETTOFS=0,f.bin,256,5")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPGETTOFS=0,f.bin,3,61")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPGETTOFS=0,f.bin,3")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPGETTOFS=0,f.bin")).as("bearer closed").isEqualTo(OK + "\r\n+FTPGETTOFS: 61\r\n");
        ready();
        assertThat(h.at("AT+FTPGETTOFS=0,f.bin")).as("no FTPGETNAME").isEqualTo(OK + "\r\n+FTPGETTOFS: 64\r\n");
        assertThat(h.at("AT+FTPPUTFRMFS=C:\\User\\none.txt")).isEqualTo(OK + "\r\n+FTPPUTFRMFS: 85\r\n");
        h.at("AT+FTPGETNAME=missing");
        FakeLink[] l = transfer("AT+FTPGETTOFS=0,f.bin", "RETR missing");
        assertThat(h.at("AT+FTPGETTOFS=0,g.bin")).isEqualTo(OK + "\r\n+FTPGETTOFS: 66\r\n");
        l[0].receive("550 No such file\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPGETTOFS: 77\r\n");
        assertThat(h.at("AT+FSLS=C:\\User\\")).as("nothing made for a file that never came").isEqualTo(OK);
        l = transfer("AT+FTPGETTOFS=0,f.bin", "RETR missing");
        l[0].receive("150 ok\r\n");
        assertThat(h.at("AT+FTPQUIT")).isEqualTo(OK + "\r\n+FTPGETTOFS: 86\r\n");
    }

    @Test
    void uploadSendsTheFileInOnePieceAndClosesTheDataConnection() {
        ready();
        byte[] content = new byte[3000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7);
        }
        writeFile("C:\\User\\data.bin", content);
        h.at("AT+FTPPUTNAME=\"up.bin\"");
        FakeLink[] l = transfer("AT+FTPPUTFRMFS=C:\\User\\data.bin,0,0", "STOR up.bin");
        FakeLink c = l[0];
        FakeLink d = l[1];
        assertThat(d.sent.size()).isZero();
        c.receive("150 Ok to send data\r\n");
        assertThat(d.sent.toByteArray()).isEqualTo(content);
        assertThat(d.closed).isTrue();
        assertThat(d.aborted).as("FIN after the data").isFalse();
        assertThat(h.at("AT+FTPPUTFRMFS?")).isEqualTo("\r\n+FTPPUTFRMFS: 1,0\r\n" + OK);
        d.ack(1000);
        assertThat(h.at("AT+FTPPUTFRMFS?")).isEqualTo("\r\n+FTPPUTFRMFS: 1,1000\r\n" + OK);
        assertThat(h.take()).isEmpty();
        c.receive("226 Transfer complete\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPPUTFRMFS: 0,3000\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("QUIT\r\n");
    }

    @Test
    void asciiUploadLosesTheTopBitAndABrokenOneEndsWith78() {
        ready();
        writeFile("C:\\User\\t.txt", new byte[] {'a', (byte) 0xE1});
        h.at("AT+FTPPUTNAME=t.txt");
        h.at("AT+FTPTYPE=\"A\"");
        assertThat(h.at("AT+FTPPUTFRMFS=C:\\User\\t.txt")).isEqualTo(OK);
        FakeLink c = h.net.last();
        c.connect();
        c.receive("220 ready\r\n");
        c.receive("230 Logged in\r\n");
        assertThat(FtpFixture.said(c)).endsWith("TYPE A\r\n");
        c.receive("200 ok\r\n");
        c.receive("227 Entering Passive Mode (198,51,100,7,156,64)\r\n");
        FakeLink d = h.net.last();
        d.connect();
        c.receive("150 ok\r\n");
        assertThat(d.sent.toByteArray()).isEqualTo(new byte[] {'a', 0x61});
        c.receive("426 Connection closed; transfer aborted\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPPUTFRMFS: 78\r\n");
    }
}
