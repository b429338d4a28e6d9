package dev.sim800emu.modem.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The FTP application on the engine (manual ch. 12; sim800-apps.md §4), byte for byte. */
class FtpAppTest {
    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";
    private final ModemHarness h = new ModemHarness().quiet();

    private void ready() {
        FtpFixture.session(h);
        assertThat(h.at("AT+FTPCID=1")).isEqualTo(OK);
    }

    /** What the modem sent on {@code l} since the last call. */
    /** Starts {@code command}, answers the greeting and the login; returns the control connection. */
    private FakeLink loggedIn(String command) {
        int before = h.net.links.size();
        assertThat(h.at(command)).isEqualTo(OK);
        assertThat(h.net.links).hasSize(before + 1);
        FakeLink c = h.net.last();
        assertThat(c.request.address().getHostAddress()).isEqualTo("198.51.100.7");
        assertThat(c.request.port()).isEqualTo(21);
        c.connect();
        assertThat(FtpFixture.said(c)).isEmpty();
        c.receive("220-Welcome\r\n220 ready\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("USER user\r\n");
        c.receive("331 Password required\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("PASS secret\r\n");
        c.receive("230 Logged in\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("TYPE I\r\n");
        c.receive("200 Type set to I\r\n");
        return c;
    }

    /** Answers PASV with port 40000 on the server and connects the data link. */
    private FakeLink passive(FakeLink c) {
        assertThat(FtpFixture.said(c)).isEqualTo("PASV\r\n");
        c.receive("227 Entering Passive Mode (198,51,100,7,156,64)\r\n");
        FakeLink d = h.net.last();
        assertThat(d).isNotSameAs(c);
        assertThat(d.request.address().getHostAddress()).isEqualTo("198.51.100.7");
        assertThat(d.request.port()).isEqualTo(40000);
        d.connect();
        return d;
    }

    @Test
    void getDialogAsTheApplicationNote() {
        ready();
        assertThat(h.at("AT+FTPGETNAME=\"1K.txt\"")).isEqualTo(OK);
        assertThat(h.at("AT+FTPGETPATH=\"/pub/\"")).isEqualTo(OK);
        FakeLink c = loggedIn("AT+FTPGET=1");
        assertThat(FtpFixture.said(c)).isEqualTo("CWD /pub/\r\n");
        c.receive("250 ok\r\n");
        FakeLink d = passive(c);
        assertThat(FtpFixture.said(c)).isEqualTo("RETR 1K.txt\r\n");
        assertThat(h.at("AT+FTPGET=2,10")).as("before the first notice").isEqualTo(ERROR);
        c.receive("150 Opening BINARY mode data connection\r\n");
        assertThat(h.take()).isEmpty();
        d.receive("0123456789".repeat(5));
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,1\r\n");
        assertThat(h.at("AT+FTPSTATE")).isEqualTo("\r\n+FTPSTATE: 1\r\n" + OK);
        assertThat(h.at("AT+FTPGET=2,1024")).isEqualTo("\r\n+FTPGET: 2,50\r\n" + "0123456789".repeat(5) + OK);
        assertThat(h.at("AT+FTPGET=2,1024")).isEqualTo("\r\n+FTPGET: 2,0\r\n" + OK);
        d.receive("abc");
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,1\r\n");
        d.receive("def");
        assertThat(h.take()).as("one notice until the host finds the buffer empty").isEmpty();
        d.peerClose();
        c.receive("226 Transfer complete\r\n");
        assertThat(h.take()).as("the end waits until the host has read it all").isEmpty();
        assertThat(FtpFixture.said(c)).isEqualTo("QUIT\r\n");
        assertThat(c.closed).isTrue();
        assertThat(h.at("AT+FTPGET=2,4")).isEqualTo("\r\n+FTPGET: 2,4\r\nabcd" + OK);
        assertThat(h.at("AT+FTPGET=2,4")).isEqualTo("\r\n+FTPGET: 2,2\r\nef" + OK + "\r\n+FTPGET: 1,0\r\n");
        assertThat(h.at("AT+FTPGET=2,4")).as("after the session").isEqualTo(ERROR);
        assertThat(h.at("AT+FTPSTATE")).isEqualTo("\r\n+FTPSTATE: 0\r\n" + OK);
    }

    @Test
    void restResumesAndTheNoticeRepeatsWhileDataWaits() {
        ready();
        h.at("AT+FTPGETNAME=f.bin");
        assertThat(h.at("AT+FTPREST=20")).isEqualTo(OK);
        FakeLink c = loggedIn("AT+FTPGET=1");
        assertThat(FtpFixture.said(c)).isEqualTo("REST 20\r\n");
        c.receive("350 Restarting at 20\r\n");
        FakeLink d = passive(c);
        assertThat(FtpFixture.said(c)).isEqualTo("RETR f.bin\r\n");
        c.receive("150 ok\r\n");
        d.receive("xyz");
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,1\r\n");
        h.clock.advance(9_999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,1\r\n");
        h.clock.advance(65_000);
        assertThat(h.take()).as("a host that never reads: timeout").isEqualTo("\r\n+FTPGET: 1,1\r\n".repeat(6) + "\r\n+FTPGET: 1,64\r\n");
        assertThat(c.closed).isTrue();
        assertThat(d.closed).isTrue();
    }

    @Test
    void emptyFileEndsAtOnce() {
        ready();
        h.at("AT+FTPGETNAME=empty");
        FakeLink c = loggedIn("AT+FTPGET=1");
        FakeLink d = passive(c);
        FtpFixture.said(c);
        c.receive("150 ok\r\n");
        c.receive("226 done\r\n");
        assertThat(h.take()).isEmpty();
        d.peerClose();
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,0\r\n");
    }

    @Test
    void putDialogAsTheApplicationNote() {
        ready();
        assertThat(h.at("AT+FTPPUTNAME=\"up.bin\"")).isEqualTo(OK);
        assertThat(h.at("AT+FTPPUTPATH=\"/in\"")).isEqualTo(OK);
        assertThat(h.at("AT+FTPPUT=2,5")).as("before FTPPUT=1").isEqualTo(ERROR);
        FakeLink c = loggedIn("AT+FTPPUT=1");
        assertThat(FtpFixture.said(c)).isEqualTo("CWD /in\r\n");
        c.receive("250 ok\r\n");
        FakeLink d = passive(c);
        assertThat(FtpFixture.said(c)).isEqualTo("STOR up.bin\r\n");
        assertThat(h.at("AT+FTPPUT=2,5")).as("before the ready notice").isEqualTo(ERROR);
        c.receive("150 Ok to send data\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPPUT: 1,1,1360\r\n");
        assertThat(h.at("AT+FTPPUT=2,1361")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPPUT=2,5")).isEqualTo("\r\n+FTPPUT: 2,5\r\n");
        h.send(new byte[] {'h', 0, (byte) 0xFF, '\r', 'o'});
        assertThat(h.take()).isEqualTo(OK);
        assertThat(d.sent.toByteArray()).containsExactly('h', 0, 0xFF, '\r', 'o');
        assertThat(h.at("AT+FTPPUT=2,1")).as("until the server acknowledged").isEqualTo(ERROR);
        d.ackAll();
        assertThat(h.take()).isEqualTo("\r\n+FTPPUT: 1,1,1360\r\n");
        assertThat(h.at("AT+FTPPUT=2,0")).isEqualTo(OK);
        assertThat(d.closed).isTrue();
        assertThat(d.aborted).as("a FIN after the data").isFalse();
        assertThat(h.take()).isEmpty();
        c.receive("226 Transfer complete\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPPUT: 1,0\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("QUIT\r\n");
    }

    @Test
    void putOptionsAndAsciiType() {
        ready();
        h.at("AT+FTPPUTNAME=log.txt");
        assertThat(h.at("AT+FTPPUTOPT=\"APPE\"")).isEqualTo(OK);
        assertThat(h.at("AT+FTPTYPE=\"A\"")).isEqualTo(OK);
        assertThat(h.at("AT+FTPPUT=1")).isEqualTo(OK);
        FakeLink c = h.net.last();
        c.connect();
        c.receive("220 hi\r\n");
        c.receive("230 no password needed\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("USER user\r\nTYPE A\r\n");
        c.receive("200 ok\r\n");
        FakeLink d = passive(c);
        assertThat(FtpFixture.said(c)).isEqualTo("APPE log.txt\r\n");
        c.receive("125 go\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPPUT: 1,1,1360\r\n");
        h.at("AT+FTPPUT=2,2");
        h.send(new byte[] {(byte) 0xC1, 'b'});
        assertThat(h.take()).isEqualTo(OK);
        assertThat(d.sent.toByteArray()).as("7-bit in ASCII sessions").containsExactly(0x41, 'b');
        assertThat(h.at("AT+FTPQUIT")).isEqualTo(OK + "\r\n+FTPPUT: 1,86\r\n");
        assertThat(c.closed).isTrue();
        assertThat(d.closed).isTrue();

        h.at("AT+FTPPUTOPT=stou");
        assertThat(h.at("AT+FTPPUTOPT?")).isEqualTo("\r\n+FTPPUTOPT: \"STOU\"\r\n" + OK);
        h.at("AT+FTPTYPE=I");
        FakeLink c2 = loggedIn("AT+FTPPUT=1");
        passive(c2);
        assertThat(FtpFixture.said(c2)).isEqualTo("STOU\r\n");
    }

    @Test
    void sizeDeleteAndDirectories() {
        ready();
        h.at("AT+FTPGETNAME=a.bin");
        FakeLink c = loggedIn("AT+FTPSIZE");
        assertThat(FtpFixture.said(c)).isEqualTo("SIZE a.bin\r\n");
        c.receive("213 318976\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPSIZE: 1,0,318976\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("QUIT\r\n");

        c = loggedIn("AT+FTPDELE");
        assertThat(FtpFixture.said(c)).isEqualTo("DELE a.bin\r\n");
        c.receive("250 deleted\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPDELE: 1,0\r\n");

        h.at("AT+FTPGETPATH=/new");
        c = loggedIn("AT+FTPMKD");
        assertThat(FtpFixture.said(c)).as("the path is the directory, no CWD").isEqualTo("MKD /new\r\n");
        c.receive("257 \"/new\" created\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPMKD: 1,0\r\n");

        c = loggedIn("AT+FTPRMD");
        assertThat(FtpFixture.said(c)).isEqualTo("RMD /new\r\n");
        c.receive("550 not empty\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPRMD: 1,77\r\n");
        assertThat(c.aborted).isTrue();
    }

    @Test
    void listReadsLikeGet() {
        ready();
        h.at("AT+FTPGETPATH=/");
        FakeLink c = loggedIn("AT+FTPLIST=1");
        assertThat(FtpFixture.said(c)).isEqualTo("CWD /\r\n");
        c.receive("250 ok\r\n");
        FakeLink d = passive(c);
        assertThat(FtpFixture.said(c)).isEqualTo("LIST\r\n");
        c.receive("150 Here comes the directory listing\r\n");
        String listing = "-rw-r--r-- 1 ftp ftp 5 Sep 30 01:52 12.txt\r\n";
        d.receive(listing);
        assertThat(h.take()).isEqualTo("\r\n+FTPLIST: 1,1\r\n");
        assertThat(h.at("AT+FTPGET=2,100")).as("FTPGET does not read a listing").isEqualTo(ERROR);
        d.peerClose();
        c.receive("226 Directory send OK\r\n");
        assertThat(h.at("AT+FTPLIST=2,1460")).isEqualTo("\r\n+FTPLIST: 2," + listing.length() + "\r\n" + listing + OK
                + "\r\n+FTPLIST: 1,0\r\n");
    }

    @Test
    void errorCodes() {
        ready();
        h.at("AT+FTPGETNAME=x");
        h.at("AT+FTPSERV=nowhere.test");
        assertThat(h.at("AT+FTPGET=1")).as("DNS").isEqualTo(OK + "\r\n+FTPGET: 1,62\r\n");
        h.at("AT+FTPSERV=198.51.100.7");
        assertThat(h.at("AT+FTPGET=1")).isEqualTo(OK);
        h.net.last().refuse();
        assertThat(h.take()).as("refused").isEqualTo("\r\n+FTPGET: 1,63\r\n");

        FakeLink c = greeted();
        c.receive("421 Too many users\r\n");
        assertThat(h.take()).as("greeting refused").isEqualTo("\r\n+FTPGET: 1,65\r\n");

        c = greeted();
        c.receive("220 hi\r\n530 Not allowed\r\n");
        assertThat(h.take()).as("user refused").isEqualTo("\r\n+FTPGET: 1,71\r\n");

        c = greeted();
        c.receive("220 hi\r\n331 pw\r\n");
        c.receive("530 Login incorrect.\r\n");
        assertThat(h.take()).as("password refused").isEqualTo("\r\n+FTPGET: 1,72\r\n");

        c = loggedIn("AT+FTPGET=1");
        assertThat(FtpFixture.said(c)).isEqualTo("PASV\r\n");
        c.receive("227 no address here\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,75\r\n");

        c = loggedIn("AT+FTPGET=1");
        FtpFixture.said(c);
        c.receive("227 Entering Passive Mode (198,51,100,7,156,64)\r\n");
        h.net.last().refuse();
        assertThat(h.take()).as("data connection refused").isEqualTo("\r\n+FTPGET: 1,75\r\n");

        c = loggedIn("AT+FTPGET=1");
        passive(c);
        FtpFixture.said(c);
        c.receive("550 x: No such file or directory\r\n");
        assertThat(h.take()).as("file not found").isEqualTo("\r\n+FTPGET: 1,77\r\n");

        c = loggedIn("AT+FTPGET=1");
        FakeLink d = passive(c);
        c.receive("150 ok\r\n");
        d.receive("abc");
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,1\r\n");
        c.receive("426 Connection closed; transfer aborted\r\n");
        assertThat(h.take()).as("transfer aborted").isEqualTo("\r\n+FTPGET: 1,79\r\n");
        assertThat(h.at("AT+FTPGET=2,10")).isEqualTo(ERROR);

        c = loggedIn("AT+FTPGET=1");
        d = passive(c);
        c.receive("150 ok\r\n");
        c.peerClose();
        assertThat(h.take()).as("server closed mid-transfer").isEqualTo("\r\n+FTPGET: 1,79\r\n");
        assertThat(d.closed).isTrue();

        c = greeted();
        c.peerClose();
        assertThat(h.take()).as("closed before the greeting").isEqualTo("\r\n+FTPGET: 1,61\r\n");
    }

    private FakeLink greeted() {
        assertThat(h.at("AT+FTPGET=1")).isEqualTo(OK);
        FakeLink c = h.net.last();
        c.connect();
        return c;
    }

    @Test
    void timeoutBearerBusyQuitAndActiveMode() {
        ready();
        h.at("AT+FTPGETNAME=x");
        FakeLink c = loggedIn("AT+FTPGET=1");
        h.clock.advance(74_999);
        assertThat(h.take()).isEmpty();
        c.receive("227 Entering Passive Mode (198,51,100,7,156,64)\r\n");
        FakeLink d = h.net.last();
        h.clock.advance(74_999);
        assertThat(h.take()).as("each reply restarts the limit").isEmpty();
        assertThat(h.at("AT+FTPPUT=1")).as("one session at a time").isEqualTo(OK + "\r\n+FTPPUT: 1,66\r\n");
        assertThat(h.at("AT+FTPSIZE")).isEqualTo(OK + "\r\n+FTPSIZE: 1,66\r\n");
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,64\r\n");
        assertThat(d.closed).isTrue();

        loggedIn("AT+FTPGET=1");
        assertThat(h.at("AT+FTPQUIT")).isEqualTo(OK + "\r\n+FTPGET: 1,86\r\n");
        assertThat(h.at("AT+FTPQUIT")).as("idle").isEqualTo(OK);

        h.at("AT+FTPMODE=0");
        c = loggedIn("AT+FTPGET=1");
        assertThat(h.take()).as("active mode is not offered").isEqualTo("\r\n+FTPGET: 1,76\r\n");
        assertThat(FtpFixture.said(c)).isEmpty();

        h.at("AT+FTPGETNAME=\"\"");
        assertThat(h.at("AT+FTPGET=1")).as("no file name").isEqualTo(OK + "\r\n+FTPGET: 1,64\r\n");
        h.at("AT+FTPGETNAME=x");
        assertThat(h.at("AT+SAPBR=0,1")).isEqualTo(OK);
        assertThat(h.at("AT+FTPGET=1")).as("bearer closed").isEqualTo(OK + "\r\n+FTPGET: 1,61\r\n");
    }

    @Test
    void parametersReadBackAndSave() {
        assertThat(h.at("AT+FTPPORT?")).isEqualTo("\r\n+FTPPORT: 21\r\n" + OK);
        assertThat(h.at("AT+FTPSERV?")).isEqualTo("\r\n+FTPSERV: \"\"\r\n" + OK);
        assertThat(h.at("AT+FTPMODE?")).isEqualTo("\r\n+FTPMODE: 0\r\n" + OK);
        assertThat(h.at("AT+FTPTYPE?")).isEqualTo("\r\n+FTPTYPE: \"I\"\r\n" + OK);
        assertThat(h.at("AT+FTPGET=?")).isEqualTo(OK);
        assertThat(h.at("AT+FTPSERV=?")).isEqualTo(OK);
        assertThat(h.at("AT+FTPPORT=2121")).isEqualTo(OK);
        assertThat(h.at("AT+FTPPORT=0")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPPORT=65536")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPMODE=2")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPTYPE=X")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPTYPE=a")).isEqualTo(OK);
        assertThat(h.at("AT+FTPPUTOPT=\"PUT\"")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPUN=\"" + "u".repeat(50) + "\"")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPUN=\"" + "u".repeat(49) + "\"")).isEqualTo(OK);
        assertThat(h.at("AT+FTPGET=3")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPGET=2,0")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPGET=2,1461")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPSCONT?")).isEqualTo("\r\n+FTPSCONT: 1\r\n+FTPSERV: \"\"\r\n+FTPPORT: 2121\r\n"
                + "+FTPUN: \"" + "u".repeat(49) + "\"\r\n+FTPPW: \"\"\r\n+FTPCID: 1\r\n+FTPMODE: 0\r\n+FTPTYPE: \"A\"\r\n"
                + "+FTPPUTOPT: \"STOR\"\r\n+FTPREST: 0\r\n+FTPGETNAME: \"\"\r\n+FTPGETPATH: \"\"\r\n"
                + "+FTPPUTNAME: \"\"\r\n+FTPPUTPATH: \"\"\r\n+FTPTIMEOUT: 75\r\n" + OK);
        assertThat(h.at("AT+FTPSCONT")).isEqualTo(OK);
        assertThat(h.at("AT+FTPPORT=21")).isEqualTo(OK);
        assertThat(h.at("AT+FTPSCONT?")).startsWith("\r\n+FTPSCONT: 1\r\n");
        h.at("AT+CFUN=1,1");
        h.clock.advance(10_000);
        h.take();
        h.at("ATE0");
        assertThat(h.at("AT+FTPPORT?")).as("a reboot restores the saved context").isEqualTo("\r\n+FTPPORT: 2121\r\n" + OK);
        assertThat(h.at("AT+FTPSCONT?")).startsWith("\r\n+FTPSCONT: 0\r\n");
    }

    @Test
    void garbageFromTheServerNeverBreaksTheModem() {
        ready();
        h.at("AT+FTPGETNAME=x");
        FakeLink c = greeted();
        c.receive(("9".repeat(5000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,65\r\n");
        c = greeted();
        c.receive("220 hi\r\n");
        c.receive(new byte[] {'3', '3', '1', '-', (byte) 0xFF, '\n'});
        c.receive("still inside\r\n331 done\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("USER user\r\nPASS secret\r\n");
        c.receive("\r\n");
        assertThat(h.take()).as("an empty line is no reply").isEqualTo("\r\n+FTPGET: 1,72\r\n");
    }
}
