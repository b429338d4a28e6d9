package dev.sim800emu.modem.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** AT+FTPEXTPUT, AT+FTPEXTGET and AT+FTPFILEPUT (manual §12.2.20, §12.2.26, §12.2.27), byte for byte. */
class FtpRamTest {
    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";
    private static final int MAX = 300 * 1024;
    private final ModemHarness h = new ModemHarness().quiet();

    private void ready() {
        FtpFixture.session(h);
        assertThat(h.at("AT+FTPPUTNAME=\"up.bin\"")).isEqualTo(OK);
        assertThat(h.at("AT+FTPGETNAME=\"down.bin\"")).isEqualTo(OK);
    }

    /** Runs {@code command} through the login and PASV; returns {control, data}. */
    private FakeLink[] transfer(String command, String verb) {
        assertThat(h.at(command)).isEqualTo(OK);
        FakeLink c = h.net.last();
        c.connect();
        c.receive("220 ready\r\n");
        c.receive("230 Logged in\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("USER user\r\nTYPE I\r\n");
        c.receive("200 ok\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("PASV\r\n");
        c.receive("227 Entering Passive Mode (198,51,100,7,156,64)\r\n");
        FakeLink d = h.net.last();
        d.connect();
        assertThat(FtpFixture.said(c)).isEqualTo(verb + "\r\n");
        return new FakeLink[] {c, d};
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void testAndIdleReadForms() {
        assertThat(h.at("AT+FTPEXTPUT=?")).isEqualTo(OK);
        assertThat(h.at("AT+FTPEXTGET=?")).isEqualTo(OK);
        assertThat(h.at("AT+FTPFILEPUT=?")).isEqualTo(OK);
        assertThat(h.at("AT+FTPFILEPUT?")).as("the manual prints no read form").isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTPUT?")).isEqualTo("\r\n+FTPEXTPUT: 0,0\r\n" + OK);
        assertThat(h.at("AT+FTPEXTGET?")).isEqualTo("\r\n+FTPEXTGET: 0\r\n" + OK);
    }

    @Test
    void loadedBufferGoesUpInOnePieceAndEndsWithFtpPut10() {
        ready();
        assertThat(h.at("AT+FTPEXTPUT=2,0,4,5000")).as("mode 1 first").isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTPUT=1")).isEqualTo(OK);
        assertThat(h.at("AT+FTPEXTPUT=2,0,5,5000")).as("no prompt: the bytes follow the line")
                .isEqualTo("\r\n+FTPEXTPUT: 0,5\r\n");
        h.send(new byte[] {'h', 'e', 0x1A, (byte) 0xFF, 'o'});
        assertThat(h.take()).isEqualTo(OK);
        assertThat(h.at("AT+FTPEXTPUT=2,8,3,5000")).isEqualTo("\r\n+FTPEXTPUT: 8,3\r\n");
        h.send("xyz");
        assertThat(h.take()).isEqualTo(OK);
        assertThat(h.at("AT+FTPEXTPUT?")).isEqualTo("\r\n+FTPEXTPUT: 1,11\r\n" + OK);

        FakeLink[] l = transfer("AT+FTPPUT=1", "STOR up.bin");
        assertThat(l[1].sent.size()).isZero();
        l[0].receive("150 Ok to send data\r\n");
        assertThat(h.take()).as("no +FTPPUT: 1,1,<max>: the modem sends it all").isEmpty();
        assertThat(l[1].sent.toByteArray()).as("a gap reads as zeros")
                .isEqualTo(new byte[] {'h', 'e', 0x1A, (byte) 0xFF, 'o', 0, 0, 0, 'x', 'y', 'z'});
        assertThat(l[1].closed).isTrue();
        assertThat(l[1].aborted).isFalse();
        assertThat(h.at("AT+FTPPUT=2,10")).as("no blocks in this mode").isEqualTo(ERROR);
        l[0].receive("226 Transfer complete\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPPUT: 1,0\r\n");
        assertThat(FtpFixture.said(l[0])).isEqualTo("QUIT\r\n");
        assertThat(h.at("AT+FTPEXTPUT?")).as("the buffer went with the upload").isEqualTo("\r\n+FTPEXTPUT: 1,0\r\n" + OK);

        assertThat(h.at("AT+FTPEXTPUT=0")).isEqualTo(OK);
        l = transfer("AT+FTPPUT=1", "STOR up.bin");
        l[0].receive("150 ok\r\n");
        assertThat(h.take()).as("mode 0: the normal FTPPUT").isEqualTo("\r\n+FTPPUT: 1,1,1360\r\n");
    }

    @Test
    void aHostThatStopsTypingLeavesWhatCameAfterTheTimeout() {
        ready();
        h.at("AT+FTPEXTPUT=1");
        assertThat(h.at("AT+FTPEXTPUT=2,0,10,1000")).isEqualTo("\r\n+FTPEXTPUT: 0,10\r\n");
        h.send("abc");
        h.clock.advance(999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo(OK);
        assertThat(h.at("AT+FTPEXTPUT?")).isEqualTo("\r\n+FTPEXTPUT: 1,3\r\n" + OK);
        assertThat(h.at("AT")).as("commands again after the timeout").isEqualTo(OK);
    }

    @Test
    void extPutErrors() {
        assertThat(h.at("AT+FTPEXTPUT=3")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTPUT=1,0")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTPUT=1")).isEqualTo(OK);
        assertThat(h.at("AT+FTPEXTPUT=2,0,10")).as("the timeout is needed").isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTPUT=2,0,10,999")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTPUT=2,0,10,1000001")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTPUT=2,0," + (MAX + 1) + ",1000")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTPUT=2,1," + MAX + ",1000")).as("past 300 K").isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTPUT=2,5,0,1000")).isEqualTo("\r\n+FTPEXTPUT: 5,0\r\n" + OK);
        assertThat(h.at("AT+FTPEXTGET=1")).as("not with EXTPUT mode 1").isEqualTo(ERROR);
        assertThat(h.at("AT+FTPFILEPUT=1,a.txt")).as("not with EXTPUT mode 1").isEqualTo(ERROR);
        assertThat(h.at("AT+FTPPUT=1")).as("bearer closed").isEqualTo(OK + "\r\n+FTPPUT: 1,61\r\n");
    }

    @Test
    void downloadIntoRamThenOutputAndSave() {
        ready();
        FakeLink[] l = transfer("AT+FTPEXTGET=1", "RETR down.bin");
        l[0].receive("150 Opening BINARY mode data connection\r\n");
        l[1].receive(new byte[] {0, 1, 2, (byte) 0xFF, 0x1A});
        l[1].receive("abcde");
        assertThat(h.take()).as("no notice per block").isEmpty();
        assertThat(h.at("AT+FTPEXTGET?")).isEqualTo("\r\n+FTPEXTGET: 1,10\r\n" + OK);
        l[1].peerClose();
        l[0].receive("226 Transfer complete\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPEXTGET: 1,0\r\n");
        assertThat(FtpFixture.said(l[0])).isEqualTo("QUIT\r\n");
        assertThat(h.at("AT+FTPSTATE")).isEqualTo("\r\n+FTPSTATE: 0\r\n" + OK);
        assertThat(h.at("AT+FTPEXTGET?")).isEqualTo("\r\n+FTPEXTGET: 1,10\r\n" + OK);

        assertThat(h.at("AT+FTPEXTGET=3,0,4")).isEqualTo("\r\n+FTPEXTGET: 3,4\r\n\u0000\u0001\u0002\u00ff" + OK);
        assertThat(h.at("AT+FTPEXTGET=3,4,100")).isEqualTo("\r\n+FTPEXTGET: 3,6\r\n\u001aabcde" + OK);
        assertThat(h.at("AT+FTPEXTGET=3,10,5")).isEqualTo("\r\n+FTPEXTGET: 3,0\r\n" + OK);
        assertThat(h.at("AT+FTPEXTGET=3,0,0")).isEqualTo(ERROR);

        assertThat(h.at("AT+FTPEXTGET=2,\"copy.bin\"")).isEqualTo("\r\n+FTPEXTGET: 2,10\r\n" + OK);
        assertThat(h.at("AT+FSREAD=C:\\User\\ftp\\copy.bin,0,100,0"))
                .isEqualTo("\r\n\u0000\u0001\u0002\u00ff\u001aabcde\r\n" + OK);
        assertThat(h.at("AT+FTPEXTGET=2,a\\b")).as("a name, not a path").isEqualTo(ERROR);

        assertThat(h.at("AT+FTPEXTGET=0")).isEqualTo(OK);
        assertThat(h.at("AT+FTPEXTGET?")).isEqualTo("\r\n+FTPEXTGET: 0\r\n" + OK);
        assertThat(h.at("AT+FTPEXTGET=3,0,4")).as("the copy is freed").isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTGET=2,copy.bin")).isEqualTo(ERROR);
    }

    @Test
    void downloadErrorsAndTheLimit() {
        assertThat(h.at("AT+FTPEXTGET=4")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTGET=1,1")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTGET=3,0")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTGET=3,0,4")).as("nothing downloaded").isEqualTo(ERROR);
        assertThat(h.at("AT+FTPEXTGET=1")).as("bearer closed").isEqualTo(OK + "\r\n+FTPEXTGET: 1,61\r\n");
        ready();
        h.at("AT+FTPGETNAME=\"\"");
        assertThat(h.at("AT+FTPEXTGET=1")).as("no name").isEqualTo(OK + "\r\n+FTPEXTGET: 1,64\r\n");
        h.at("AT+FTPGETNAME=missing");
        FakeLink[] l = transfer("AT+FTPEXTGET=1", "RETR missing");
        assertThat(h.at("AT+FTPEXTGET=1")).isEqualTo(OK + "\r\n+FTPEXTGET: 1,66\r\n");
        l[0].receive("550 No such file\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPEXTGET: 1,77\r\n");

        h.at("AT+FTPGETNAME=big");
        l = transfer("AT+FTPEXTGET=1", "RETR big");
        l[0].receive("150 ok\r\n");
        l[1].receive(new byte[MAX - 10]);
        l[1].receive(new byte[10]);
        assertThat(h.take()).as("exactly 300 K fits").isEmpty();
        l[1].receive(new byte[1]);
        assertThat(h.take()).as("over 300 K").isEqualTo("\r\n+FTPEXTGET: 1,85\r\n");
        assertThat(l[0].closed).isTrue();
        assertThat(l[1].closed).isTrue();
        assertThat(h.at("AT+FTPEXTGET?")).isEqualTo("\r\n+FTPEXTGET: 1," + MAX + "\r\n" + OK);

        l = transfer("AT+FTPEXTGET=1", "RETR big");
        assertThat(h.at("AT+FTPEXTGET?")).as("=1 starts a fresh copy").isEqualTo("\r\n+FTPEXTGET: 1,0\r\n" + OK);
        l[0].receive("150 ok\r\n");
        assertThat(h.at("AT+FTPQUIT")).isEqualTo(OK + "\r\n+FTPEXTGET: 1,86\r\n");
        assertThat(h.at("AT+FTPEXTPUT=1")).as("not with EXTGET").isEqualTo(ERROR);
    }

    @Test
    void filePutSendsADriveFileWithTheNextFtpPut() {
        ready();
        assertThat(h.at("AT+FSMKDIR=C:\\User\\ftp\\")).isEqualTo(OK);
        h.at("AT+FSCREATE=C:\\User\\ftp\\f.txt");
        assertThat(h.at("AT+FSWRITE=C:\\User\\ftp\\f.txt,0,4,10")).isEqualTo("\r\n> ");
        h.send(latin1("ab\u00e9\u0000"));
        assertThat(h.take()).isEqualTo(OK);
        assertThat(h.at("AT+FTPFILEPUT=1,\"none.txt\"")).isEqualTo(ERROR);
        h.at("AT+CMEE=1");
        assertThat(h.at("AT+FTPFILEPUT=1,\"none.txt\"")).isEqualTo("\r\n+CME ERROR: 85\r\n");
        assertThat(h.at("AT+FTPFILEPUT=1")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPFILEPUT=2,f.txt")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPFILEPUT=1,\"f.txt\"")).as("a name in C:\\User\\ftp").isEqualTo(OK);
        assertThat(h.at("AT+FTPEXTPUT=1")).as("not with FILEPUT").isEqualTo(ERROR);

        FakeLink[] l = transfer("AT+FTPPUT=1", "STOR up.bin");
        l[0].receive("150 ok\r\n");
        assertThat(l[1].sent.toByteArray()).isEqualTo(latin1("ab\u00e9\u0000"));
        l[0].receive("226 ok\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPPUT: 1,0\r\n");

        assertThat(h.at("AT+FTPFILEPUT=1,C:\\User\\ftp\\f.txt")).as("or a path").isEqualTo(OK);
        assertThat(h.at("AT+FTPFILEPUT=0")).isEqualTo(OK);
        l = transfer("AT+FTPPUT=1", "STOR up.bin");
        l[0].receive("150 ok\r\n");
        assertThat(h.take()).as("off: the normal FTPPUT").isEqualTo("\r\n+FTPPUT: 1,1,1360\r\n");
    }

    @Test
    void powerCycleClearsTheBuffers() {
        ready();
        h.at("AT+FTPEXTPUT=1");
        h.at("AT+FTPEXTPUT=2,0,3,1000");
        h.send("abc");
        assertThat(h.take()).isEqualTo(OK);
        h.at("AT+FTPEXTGET=1");
        h.modem.powerOff();
        h.modem.powerOn();
        h.clock.advance(10_000);
        h.take();
        h.at("ATE0");
        assertThat(h.at("AT+FTPEXTPUT?")).isEqualTo("\r\n+FTPEXTPUT: 0,0\r\n" + OK);
        assertThat(h.at("AT+FTPEXTGET?")).isEqualTo("\r\n+FTPEXTGET: 0\r\n" + OK);

        h.at("AT+FTPEXTPUT=1");
        assertThat(h.at("AT+FTPEXTPUT=2,0,10,5000")).isEqualTo("\r\n+FTPEXTPUT: 0,10\r\n");
        h.modem.powerOff();
        h.modem.powerOn();
        h.clock.advance(4_000);
        h.take();
        h.at("ATE0");
        h.at("AT+FTPEXTPUT=1");
        assertThat(h.at("AT+FTPEXTPUT=2,0,4,100000")).isEqualTo("\r\n+FTPEXTPUT: 0,4\r\n");
        h.send("ab");
        h.clock.advance(2_000);
        assertThat(h.take()).as("the lost load's time limit went with the power").isEmpty();
        h.send("cd");
        assertThat(h.take()).isEqualTo(OK);
        assertThat(h.at("AT+FTPEXTPUT?")).isEqualTo("\r\n+FTPEXTPUT: 1,4\r\n" + OK);
    }
}
