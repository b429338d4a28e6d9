package dev.sim800emu.modem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ChipModel;
import dev.sim800emu.modem.config.Firmware;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * AT+SSLSETCERT and AT+SSLOPT on the engine (SSL note §2.5, §2.6, §3.10; sim800-apps.md §3.3,
 * §3.4): what the host imports from the file system is what the next TLS link must chain to.
 */
class SslSetCertTest {
    private static final String OK = "\r\nOK\r\n";
    private final ModemHarness h = new ModemHarness().quiet();

    /** Writes {@code data} to {@code path} the way the SSL note's dialog does. */
    static void store(ModemHarness h, String path, byte[] data) {
        assertThat(h.at("AT+FSCREATE=" + path)).isEqualTo(OK);
        assertThat(h.at("AT+FSWRITE=" + path + "," + 0 + "," + data.length + ",10")).isEqualTo("\r\n> ");
        h.send(data);
        assertThat(h.take()).isEqualTo(OK);
    }

    private FakeLink secureLink() {
        h.at("AT+CIPSHUT");
        h.at("AT+CSTT=\"CMNET\"");
        h.at("AT+CIICR");
        h.at("AT+CIFSR");
        h.at("AT+CIPSSL=1");
        assertThat(h.at("AT+CIPSTART=\"TCP\",\"116.228.221.51\",443")).isEqualTo(OK);
        return h.net.last();
    }

    @Test
    void forms() {
        assertThat(h.at("AT+SSLSETCERT=?")).isEqualTo("\r\n+SSLSETCERT: 100,32\r\n" + OK);
        assertThat(h.at("AT+SSLOPT=?")).isEqualTo("\r\n+SSLOPT: (0,1),(0,1)\r\n" + OK);
        assertThat(h.at("AT+SSLOPT?")).isEqualTo("\r\n+SSLOPT: 0,0\r\n+SSLOPT: 1,0\r\n" + OK);
        assertThat(h.at("AT+SSLOPT=0,1")).isEqualTo(OK);
        assertThat(h.at("AT+SSLOPT=1,1")).isEqualTo(OK);
        assertThat(h.at("AT+SSLOPT?")).isEqualTo("\r\n+SSLOPT: 0,1\r\n+SSLOPT: 1,1\r\n" + OK);
        for (String bad : new String[] {"AT+SSLOPT=2,0", "AT+SSLOPT=0,2", "AT+SSLOPT=0", "AT+SSLSETCERT=",
                "AT+SSLSETCERT=C:\\User\\a,b,c", "AT+SSLSETCERT=C:\\User\\a," + "p".repeat(33),
                "AT+SSLSETCERT=C:\\" + "n".repeat(98)}) {
            assertThat(h.at(bad)).as(bad).isEqualTo("\r\nERROR\r\n");
        }
    }

    @Test
    void aMissingFileOrOneWithoutACertificateFailsInTheUrc() {
        assertThat(h.at("AT+SSLSETCERT=C:\\User\\none.crt,ABC")).isEqualTo(OK + "\r\n+SSLSETCERT: 1\r\n");
        store(h, "C:\\User\\junk.crt", "-----BEGIN CERTIFICATE-----\nnot base64\n".getBytes());
        assertThat(h.at("AT+SSLSETCERT=\"C:\\User\\junk.crt\",\"pass\"")).isEqualTo(OK + "\r\n+SSLSETCERT: 1\r\n");
        assertThat(secureLink().request.tls().trustedCertificate()).as("nothing imported").isNull();
    }

    @Test
    void anImportedCertificateGoesWithEveryTlsLinkUntilSslOptIgnoresIt() throws Exception {
        byte[] pem = Files.readAllBytes(TestCertificates.pem());
        store(h, "C:\\USER\\HENRY_SSL.CRT", pem);
        assertThat(h.at("AT+SSLSETCERT=\"C:\\USER\\HENRY_SSL.CRT\",\"pass\"")).isEqualTo(OK + "\r\n+SSLSETCERT: 0\r\n");
        assertThat(secureLink().request.tls().trustedCertificate()).isEqualTo(pem);
        // A failed import keeps the certificate held.
        assertThat(h.at("AT+SSLSETCERT=C:\\User\\none.crt")).isEqualTo(OK + "\r\n+SSLSETCERT: 1\r\n");
        assertThat(secureLink().request.tls().trustedCertificate()).isEqualTo(pem);
        h.at("AT+SSLOPT=0,1");
        assertThat(secureLink().request.tls().trustedCertificate()).as("invalid certificates ignored").isNull();
        h.at("AT+SSLOPT=0,0");
        assertThat(secureLink().request.tls().trustedCertificate()).isEqualTo(pem);
    }

    @Test
    void httpsCarriesItToo() throws Exception {
        byte[] der = java.util.Base64.getMimeDecoder().decode(Files.readString(TestCertificates.pem())
                .replaceAll("-----[A-Z ]+-----", ""));
        store(h, "C:\\User\\ca.cer", der);
        assertThat(h.at("AT+SSLSETCERT=C:\\User\\ca.cer")).as("DER too").isEqualTo(OK + "\r\n+SSLSETCERT: 0\r\n");
        h.at("AT+SAPBR=3,1,\"APN\",\"internet\"");
        h.at("AT+SAPBR=1,1");
        h.at("AT+HTTPINIT");
        h.at("AT+HTTPPARA=\"URL\",\"https://116.228.221.51/\"");
        h.at("AT+HTTPSSL=1");
        assertThat(h.at("AT+HTTPACTION=0")).isEqualTo(OK);
        assertThat(h.net.last().request.tls().trustedCertificate()).isEqualTo(der);
        h.at("AT+HTTPTERM");
    }

    @Test
    void theImportIsGoneAfterAPowerCycleTheFileIsNot() throws Exception {
        byte[] pem = Files.readAllBytes(TestCertificates.pem());
        store(h, "C:\\User\\ca.crt", pem);
        h.at("AT+SSLSETCERT=C:\\User\\ca.crt");
        h.at("AT+CFUN=1,1");
        h.clock.advance(h.modem.config().bootMillis() + 1);
        h.take();
        h.at("ATE0");
        assertThat(secureLink().request.tls().trustedCertificate()).isNull();
        assertThat(h.at("AT+SSLSETCERT=C:\\User\\ca.crt")).isEqualTo(OK + "\r\n+SSLSETCERT: 0\r\n");
    }

    @Test
    void release13HasNoSsl() {
        ModemHarness r13 = new ModemHarness(ModemConfig.builder().bootMillis(0).activationMillis(0)
                .identity(ModemIdentity.forIndex(0, ChipModel.SIM800L, Firmware.R13_08)).build()).quiet();
        for (String c : new String[] {"AT+SSLSETCERT=?", "AT+SSLSETCERT=C:\\User\\a.crt", "AT+SSLOPT=?", "AT+SSLOPT?",
                "AT+SSLOPT=0,1"}) {
            assertThat(r13.at(c)).as(c).isEqualTo("\r\nERROR\r\n");
        }
    }
}
