package dev.sim800emu.modem.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;

/** What the FTP engine tests share: a passive session to a fake server, and what the modem said to it. */
final class FtpFixture {
    private static final String OK = "\r\nOK\r\n";

    private FtpFixture() {
    }

    /** The bearer open, ftp.example.com (198.51.100.7) as server, user "user", password "secret", passive mode. */
    static void session(ModemHarness h) {
        h.net.name("ftp.example.com", "198.51.100.7");
        assertThat(h.at("AT+SAPBR=1,1")).isEqualTo(OK);
        assertThat(h.at("AT+FTPSERV=\"ftp.example.com\"")).isEqualTo(OK);
        assertThat(h.at("AT+FTPUN=\"user\"")).isEqualTo(OK);
        assertThat(h.at("AT+FTPPW=\"secret\"")).isEqualTo(OK);
        assertThat(h.at("AT+FTPMODE=1")).isEqualTo(OK);
    }

    /** The text the modem sent on {@code l} since the last call, which is then forgotten. */
    static String said(FakeLink l) {
        String s = l.sentText();
        l.sent.reset();
        return s;
    }
}
