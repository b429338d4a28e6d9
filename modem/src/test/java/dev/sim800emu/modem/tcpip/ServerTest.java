package dev.sim800emu.modem.tcpip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.FakeNetwork.FakeServer;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** The modem as a TCP server (note §3.1.3 and §4.2; manual 8.2.18). */
class ServerTest {

    private final ModemHarness h = new ModemHarness().quiet();

    @Test
    void singleModeServerOfNoteSection313() {
        assertThat(h.at("AT+CGATT?")).isEqualTo("\r\n+CGATT: 1\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPSERVER=1,1234")).isEqualTo("\r\nOK\r\n\r\nSERVER OK\r\n");
        FakeServer srv = h.net.servers.get(0);
        assertThat(srv.port).isEqualTo(1234);
        assertThat(h.at("AT+CIFSR")).isEqualTo("\r\n10.78.245.128\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: SERVER LISTENING\r\n");
        FakeLink client = srv.accept("10.78.103.220", 40000);
        assertThat(h.take()).isEqualTo("\r\nREMOTE IP: 10.78.103.220\r\n");
        assertThat(srv.accept("10.78.103.221", 40001)).as("single mode takes one client").isNull();
        client.receive("hello server");
        assertThat(h.take()).isEqualTo("hello server");
        assertThat(h.at("AT+CIPSEND")).isEqualTo("\r\n> ");
        h.send("hello client\u001a");
        client.ackAll();
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
        assertThat(client.sentText()).isEqualTo("hello client");
        assertThat(h.at("AT+CIPSERVER=0")).isEqualTo("\r\nOK\r\n\r\nSERVER CLOSE\r\n");
        assertThat(srv.closed).isTrue();
        client.receive("hello SIM800");
        assertThat(h.take()).isEqualTo("hello SIM800");
        assertThat(h.at("AT+CIPCLOSE")).isEqualTo("\r\nCLOSE OK\r\n");
        assertThat(client.closed).isTrue();
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
    }

    @Test
    void multiModeServerOfNoteSection42() {
        h.at("AT+CIPMUX=1");
        h.at("AT+CSTT=\"CMNET\"");
        h.at("AT+CIICR");
        assertThat(h.at("AT+CIFSR")).isEqualTo("\r\n10.78.245.128\r\n");
        assertThat(h.at("AT+CIPSERVER=1,8888")).isEqualTo("\r\nOK\r\n\r\nSERVER OK\r\n");
        FakeServer srv = h.net.servers.get(0);
        FakeLink c0 = srv.accept("10.76.40.73", 2020);
        assertThat(h.take()).isEqualTo("\r\n0, REMOTE IP: 10.76.40.73\r\n");
        c0.receive("SIM800 multi connection TCP server test");
        assertThat(h.take()).isEqualTo("\r\n+RECEIVE,0,39:\r\nSIM800 multi connection TCP server test");
        assertThat(h.at("AT+CIPSEND=0")).isEqualTo("\r\n> ");
        h.send("hello client\u001a");
        c0.ackAll();
        assertThat(h.take()).isEqualTo("\r\n0, SEND OK\r\n");
        assertThat(h.at("AT+CIPSTART=1,\"TCP\",\"116.228.221.51\",\"8500\"")).isEqualTo("\r\nOK\r\n");
        h.net.last().connect();
        assertThat(h.take()).isEqualTo("\r\n1, CONNECT OK\r\n");
        assertThat(h.at("AT+CIPSTART=2,\"UDP\",\"116.228.221.51\",\"9600\"")).isEqualTo("\r\nOK\r\n");
        h.net.last().connect();
        assertThat(h.take()).isEqualTo("\r\n2, CONNECT OK\r\n");
        assertThat(h.at("AT+CIPCLOSE=2")).isEqualTo("\r\n2, CLOSE OK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: IP PROCESSING\r\n\r\n"
                + "S: 0,0,\"8888\",\"LISTENING\"\r\n"
                + "C: 0,0,\"TCP\",\"10.76.40.73\",\"2020\",\"CONNECTED\"\r\n"
                + "C: 1,0,\"TCP\",\"116.228.221.51\",\"8500\",\"CONNECTED\"\r\n"
                + "C: 2,0,\"UDP\",\"116.228.221.51\",\"9600\",\"CLOSED\"\r\n"
                + "C: 3,,\"\",\"\",\"\",\"INITIAL\"\r\n"
                + "C: 4,,\"\",\"\",\"\",\"INITIAL\"\r\n"
                + "C: 5,,\"\",\"\",\"\",\"INITIAL\"\r\n");
        // A new client takes the lowest free id, which is the closed id 2.
        srv.accept("10.76.40.74", 2021);
        assertThat(h.take()).isEqualTo("\r\n2, REMOTE IP: 10.76.40.74\r\n");
        assertThat(h.at("AT+CIPSERVER?")).isEqualTo("\r\n+CIPSERVER: 1,8888,0,0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPSERVER=0")).isEqualTo("\r\nOK\r\n\r\nSERVER CLOSE\r\n");
        assertThat(h.at("AT+CIPSERVER?")).isEqualTo("\r\n+CIPSERVER: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPSHUT")).isEqualTo("\r\nSHUT OK\r\n");
        assertThat(c0.closed).isTrue();
    }

    @Test
    void allLinksBusyRefusesClients() {
        h.at("AT+CIPMUX=1");
        h.at("AT+CSTT");
        h.at("AT+CIICR");
        h.at("AT+CIFSR");
        h.at("AT+CIPSERVER=1,8888");
        FakeServer srv = h.net.servers.get(0);
        for (int i = 0; i < 5; i++) {
            assertThat(srv.accept("10.0.0.1", 1000 + i)).isNotNull();
        }
        assertThat(srv.accept("10.0.0.1", 2000)).as("server plus five links is the limit").isNull();
        assertThat(h.take()).contains("4, REMOTE IP: 10.0.0.1").doesNotContain("5, REMOTE IP");
    }

    @Test
    void portInUseAnswersError() {
        h.net.listenFailure = "address in use";
        assertThat(h.at("AT+CIPSERVER=1,80")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIPSERVER?")).isEqualTo("\r\n+CIPSERVER: 0\r\n\r\nOK\r\n");
        h.net.listenFailure = null;
        assertThat(h.at("AT+CIPSERVER=1,81")).isEqualTo("\r\nOK\r\n\r\nSERVER OK\r\n");
        assertThat(h.at("AT+CIPSERVER=1,82")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIPCLOSE")).isEqualTo("\r\nCLOSE OK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: IP STATUS\r\n");
    }
}
