package dev.sim800emu.modem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AT+CIPSSL on the engine (SSL note §2.4, §3.8, §3.9; reference sim800-apps §3.2). */
class CipsslTest {
    private final ModemHarness h = new ModemHarness().quiet();

    private void multiUp() {
        h.at("AT+CIPMUX=1");
        h.at("AT+CSTT=\"CMNET\"");
        h.at("AT+CIICR");
        h.at("AT+CIFSR");
    }

    @Test
    void forms() {
        assertThat(h.at("AT+CIPSSL=?")).isEqualTo("\r\n+CIPSSL: (0-1)\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPSSL?")).isEqualTo("\r\n+CIPSSL: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPSSL=1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIPSSL?")).isEqualTo("\r\n+CIPSSL: 1\r\n\r\nOK\r\n");
        // TinyGSM's TINY_GSM_SSL_CLIENT_AUTHENTICATION slip: not a CIPSSL form.
        assertThat(h.at("AT+CIPSSL=1,1")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIPSSL=2")).isEqualTo("\r\nERROR\r\n");
    }

    @Test
    void theSettingAppliesToLaterTcpLinksOnly() throws Exception {
        multiUp();
        h.net.names.put("example.com", List.of(InetAddress.getByName("93.184.216.34")));
        assertThat(h.at("AT+CIPSTART=0,\"TCP\",\"116.228.221.51\",80")).isEqualTo("\r\nOK\r\n");
        FakeLink plain = h.net.last();
        assertThat(h.at("AT+CIPSSL=1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIPSTART=1,\"TCP\",\"example.com\",443")).isEqualTo("\r\nOK\r\n");
        FakeLink secure = h.net.last();
        assertThat(h.at("AT+CIPSTART=2,\"UDP\",\"116.228.221.51\",53")).isEqualTo("\r\nOK\r\n");
        FakeLink udp = h.net.last();
        assertThat(h.at("AT+CIPSTART=3,\"TCP\",\"116.228.221.51\",443")).isEqualTo("\r\nOK\r\n");
        FakeLink byAddress = h.net.last();
        assertThat(plain.request.tls()).isNull();
        assertThat(secure.request.tls()).isNotNull();
        assertThat(secure.request.tls().serverName()).isEqualTo("example.com");
        assertThat(udp.request.tls()).isNull();
        assertThat(byAddress.request.tls().serverName()).as("no SNI for an address").isNull();
    }

    @Test
    void handshakeFailureIsCloseOkInMultiMode() {
        multiUp();
        h.at("AT+CIPSSL=1");
        assertThat(h.at("AT+CIPSTART=1,\"TCP\",\"116.228.221.51\",443")).isEqualTo("\r\nOK\r\n");
        FakeLink l = h.net.last();
        l.listener.onTlsFailed(true, "Received fatal alert: protocol_version");
        assertThat(h.take()).isEqualTo("\r\n1, CLOSE OK\r\n");
        assertThat(l.closed).isTrue();
        assertThat(h.at("AT+CIPSTATUS=1")).isEqualTo(
                "\r\n+CIPSTATUS: 1,0,\"TCP\",\"116.228.221.51\",\"443\",\"CLOSED\"\r\n\r\nOK\r\n");
        // The slot is free again.
        assertThat(h.at("AT+CIPSTART=1,\"TCP\",\"116.228.221.51\",443")).isEqualTo("\r\nOK\r\n");
        h.net.last().connect();
        assertThat(h.take()).isEqualTo("\r\n1, CONNECT OK\r\n");
    }

    @Test
    void handshakeFailureIsCloseOkInSingleMode() {
        h.at("AT+CSTT=\"CMNET\"");
        h.at("AT+CIICR");
        h.at("AT+CIFSR");
        h.at("AT+CIPSSL=1");
        assertThat(h.at("AT+CIPSTART=\"TCP\",\"116.228.221.51\",443")).isEqualTo("\r\nOK\r\n");
        h.net.last().listener.onTlsFailed(false, "certificate unknown");
        assertThat(h.take()).isEqualTo("\r\nCLOSE OK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
    }
}
