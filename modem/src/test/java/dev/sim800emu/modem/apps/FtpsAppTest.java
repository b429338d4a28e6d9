package dev.sim800emu.modem.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ChipModel;
import dev.sim800emu.modem.config.Firmware;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** AT+FTPSSL (SSL application note §2.1, §2.3): implicit and explicit FTPS on the engine. */
class FtpsAppTest {
    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";
    private final ModemHarness h = new ModemHarness().quiet();

    private void ready(int ssl) {
        FtpFixture.session(h);
        assertThat(h.at("AT+FTPGETNAME=f.txt")).isEqualTo(OK);
        assertThat(h.at("AT+FTPSSL=" + ssl)).isEqualTo(OK);
    }

    /** From the login on: USER, PASS, PBSZ 0, PROT P, TYPE I, PASV; returns the data link, TCP only. */
    private FakeLink login(FakeLink c) {
        assertThat(FtpFixture.said(c)).isEqualTo("USER user\r\n");
        c.receive("331 Password required\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("PASS secret\r\n");
        c.receive("230 Logged in\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("PBSZ 0\r\n");
        c.receive("200 PBSZ=0\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("PROT P\r\n");
        c.receive("200 Protection level set to P\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("TYPE I\r\n");
        c.receive("200 ok\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("PASV\r\n");
        c.receive("227 Entering Passive Mode (198,51,100,7,156,64)\r\n");
        FakeLink d = h.net.last();
        assertThat(d.request.tls()).as("the data connection starts TLS after the 150").isNull();
        d.connect();
        assertThat(FtpFixture.said(c)).isEqualTo("RETR f.txt\r\n");
        return d;
    }

    @Test
    void forms() {
        assertThat(h.at("AT+FTPSSL=?")).isEqualTo("\r\n+FTPSSL: (0-2)\r\n" + OK);
        assertThat(h.at("AT+FTPSSL?")).isEqualTo("\r\n+FTPSSL: 0\r\n" + OK);
        assertThat(h.at("AT+FTPSSL=2")).isEqualTo(OK);
        assertThat(h.at("AT+FTPSSL?")).isEqualTo("\r\n+FTPSSL: 2\r\n" + OK);
        assertThat(h.at("AT+FTPSSL=3")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPSSL=1,1")).isEqualTo(ERROR);
        assertThat(h.at("AT+FTPSCONT?")).as("not one of the saved context's lines").doesNotContain("SSL");
        ModemHarness r13 = new ModemHarness(ModemConfig.builder()
                .identity(ModemIdentity.forIndex(0, ChipModel.SIM800L, Firmware.R13_08)).build()).quiet();
        assertThat(r13.at("AT+FTPSSL=?")).as("no SSL in R13").isEqualTo(ERROR);
        assertThat(r13.at("AT+FTPSSL?")).isEqualTo(ERROR);
        assertThat(r13.at("AT+FTPSSL=1")).isEqualTo(ERROR);
    }

    @Test
    void implicitGetWithTheDataConnectionSecuredAfter150() {
        ready(1);
        assertThat(h.at("AT+FTPGET=1")).isEqualTo(OK);
        FakeLink c = h.net.last();
        assertThat(c.request.tls()).isNotNull();
        assertThat(c.request.tls().serverName()).isEqualTo("ftp.example.com");
        assertThat(c.request.tls().trustedCertificate()).isNull();
        c.connect();
        c.receive("220 ready\r\n");
        FakeLink d = login(c);
        c.receive("150 Opening BINARY mode data connection\r\n");
        assertThat(d.startedTls).isSameAs(c.request.tls());
        c.receive("226 Transfer complete\r\n");
        assertThat(h.take()).as("the 226 waits for the data handshake").isEmpty();
        d.secure();
        d.receive("hello");
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,1\r\n");
        d.peerClose();
        assertThat(h.at("AT+FTPGET=2,100")).isEqualTo("\r\n+FTPGET: 2,5\r\nhello" + OK + "\r\n+FTPGET: 1,0\r\n");
    }

    @Test
    void explicitSendsAuthTlsAndLogsInOnlyWhenSecured() {
        ready(2);
        h.at("AT+FTPSERV=198.51.100.7");
        assertThat(h.at("AT+FTPGET=1")).isEqualTo(OK);
        FakeLink c = h.net.last();
        assertThat(c.request.tls()).as("explicit: plain TCP first").isNull();
        c.connect();
        c.receive("220 ready\r\n");
        assertThat(FtpFixture.said(c)).isEqualTo("AUTH TLS\r\n");
        c.receive("234 AUTH command ok\r\n");
        assertThat(c.startedTls).isNotNull();
        assertThat(c.startedTls.serverName()).as("no SNI for an address").isNull();
        assertThat(FtpFixture.said(c)).as("nothing in the clear after 234").isEmpty();
        c.secure();
        FakeLink d = login(c);
        c.receive("150 ok\r\n");
        d.secure();
        d.receive("x");
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,1\r\n");
    }

    @Test
    void theChipsCodesForEachFailure() {
        ready(2);
        h.at("AT+FTPGET=1");
        FakeLink c = h.net.last();
        c.connect();
        c.receive("220 ready\r\n");
        c.receive("500 AUTH not understood\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPGET: 1,82\r\n");

        h.at("AT+FTPGET=1");
        c = h.net.last();
        c.connect();
        c.receive("220 ready\r\n234 ok\r\n");
        c.tlsFail(true);
        assertThat(h.take()).as("a fatal alert from the server").isEqualTo("\r\n+FTPGET: 1,81\r\n");

        h.at("AT+FTPSSL=1");
        h.at("AT+FTPSIZE");
        c = h.net.last();
        c.tlsFail(false);
        assertThat(h.take()).as("a handshake failed here").isEqualTo("\r\n+FTPSIZE: 1,80\r\n");

        h.at("AT+FTPSIZE");
        c = h.net.last();
        c.connect();
        c.receive("220 ready\r\n230 in\r\n");
        c.receive("503 PBSZ\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPSIZE: 1,83\r\n");

        h.at("AT+FTPSIZE");
        c = h.net.last();
        c.connect();
        c.receive("220 ready\r\n230 in\r\n200 PBSZ=0\r\n");
        c.receive("536 PROT P not supported\r\n");
        assertThat(h.take()).isEqualTo("\r\n+FTPSIZE: 1,84\r\n");

        h.at("AT+FTPGET=1");
        c = h.net.last();
        c.connect();
        c.receive("220 ready\r\n230 in\r\n200 PBSZ=0\r\n200 P\r\n200 I\r\n227 Entering Passive Mode (198,51,100,7,156,64)\r\n");
        FakeLink d = h.net.last();
        d.connect();
        c.receive("150 ok\r\n");
        d.tlsFail(false);
        assertThat(h.take()).as("the data connection's handshake").isEqualTo("\r\n+FTPGET: 1,80\r\n");
        assertThat(c.closed).isTrue();
    }
}
