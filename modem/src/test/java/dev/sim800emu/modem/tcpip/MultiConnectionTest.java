package dev.sim800emu.modem.tcpip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** Multi-connection mode (note §4.1, §5, §7.4, §7.5, §8.2; reference §3, §6.3). */
class MultiConnectionTest {

    private final ModemHarness h = new ModemHarness().quiet();

    private void bringUp() {
        assertThat(h.at("AT+CIPMUX=1")).isEqualTo("\r\nOK\r\n");
        h.at("AT+CSTT=\"CMNET\"");
        h.at("AT+CIICR");
        assertThat(h.at("AT+CIFSR")).isEqualTo("\r\n10.78.245.128\r\n");
    }

    private FakeLink open(int id, String proto, int port) {
        assertThat(h.at("AT+CIPSTART=" + id + ",\"" + proto + "\",\"116.228.221.51\",\"" + port + "\""))
                .isEqualTo("\r\nOK\r\n");
        FakeLink l = h.net.last();
        l.connect();
        assertThat(h.take()).isEqualTo("\r\n" + id + ", CONNECT OK\r\n");
        return l;
    }

    @Test
    void clientDialogOfNoteSection41() {
        bringUp();
        FakeLink tcp = open(0, "TCP", 8500);
        FakeLink udp = open(1, "UDP", 9600);
        assertThat(h.at("AT+CIPSEND=0")).isEqualTo("\r\n> ");
        h.send("TCP test\u001a");
        tcp.ackAll();
        assertThat(h.take()).isEqualTo("\r\n0, SEND OK\r\n");
        assertThat(h.at("AT+CIPSEND=1")).isEqualTo("\r\n> ");
        h.send("UDP test\u001a");
        udp.ackAll();
        assertThat(h.take()).isEqualTo("\r\n1, SEND OK\r\n");
        tcp.receive("SIM800 TCP test\r\n");
        assertThat(h.take()).isEqualTo("\r\n+RECEIVE,0,17:\r\nSIM800 TCP test\r\n");
        udp.receive("SIM800 UDP test\r\n");
        assertThat(h.take()).isEqualTo("\r\n+RECEIVE,1,17:\r\nSIM800 UDP test\r\n");
        tcp.peerClose();
        assertThat(h.take()).isEqualTo("\r\n0, CLOSED\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: IP PROCESSING\r\n\r\n"
                + "C: 0,0,\"TCP\",\"116.228.221.51\",\"8500\",\"CLOSED\"\r\n"
                + "C: 1,0,\"UDP\",\"116.228.221.51\",\"9600\",\"CONNECTED\"\r\n"
                + "C: 2,,\"\",\"\",\"\",\"INITIAL\"\r\n"
                + "C: 3,,\"\",\"\",\"\",\"INITIAL\"\r\n"
                + "C: 4,,\"\",\"\",\"\",\"INITIAL\"\r\n"
                + "C: 5,,\"\",\"\",\"\",\"INITIAL\"\r\n");
        assertThat(h.at("AT+CIPSTATUS=1")).isEqualTo("\r\n+CIPSTATUS: 1,0,\"UDP\",\"116.228.221.51\",\"9600\",\"CONNECTED\"\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPSTATUS=3")).isEqualTo("\r\n+CIPSTATUS: 3,,\"\",\"\",\"\",\"INITIAL\"\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPCLOSE=1")).isEqualTo("\r\n1, CLOSE OK\r\n");
        assertThat(h.at("AT+CIPCLOSE=1")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIPSHUT")).isEqualTo("\r\nSHUT OK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).startsWith("\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
    }

    @Test
    void parametersChangeMeaningWithCipmux() {
        bringUp();
        FakeLink l = open(5, "TCP", 80);
        // In multi mode CIPSEND=5 is "link 5, Ctrl-Z terminated", not "5 bytes".
        assertThat(h.at("AT+CIPSEND=5")).isEqualTo("\r\n> ");
        h.send("abcdefgh\u001a");
        l.ackAll();
        assertThat(h.take()).isEqualTo("\r\n5, SEND OK\r\n");
        assertThat(l.sentText()).isEqualTo("abcdefgh");
        assertThat(h.at("AT+CIPSEND=5,3")).isEqualTo("\r\n> ");
        h.send("xyz");
        l.ackAll();
        assertThat(h.take()).isEqualTo("\r\n5, SEND OK\r\n");
        assertThat(h.at("AT+CIPSEND")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIPSEND=4,3")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIPCLOSE=5,1")).isEqualTo("\r\n5, CLOSE OK\r\n");
        assertThat(l.aborted).isTrue();
    }

    @Test
    void alreadyConnectAndConnectFail() {
        bringUp();
        open(2, "TCP", 80);
        assertThat(h.at("AT+CIPSTART=2,\"TCP\",\"1.2.3.4\",80")).isEqualTo("\r\nERROR\r\n\r\n2, ALREADY CONNECT\r\n");
        h.at("AT+CIPSTART=3,\"TCP\",\"1.2.3.4\",81");
        h.net.last().refuse();
        assertThat(h.take()).isEqualTo("\r\n3, CONNECT FAIL\r\n");
        assertThat(h.at("AT+CIPSTATUS=3")).isEqualTo("\r\n+CIPSTATUS: 3,0,\"TCP\",\"1.2.3.4\",\"81\",\"CLOSED\"\r\n\r\nOK\r\n");
    }

    @Test
    void quickSendAndCipackPerLink() {
        bringUp();
        FakeLink tcp = open(1, "TCP", 8500);
        FakeLink udp = open(2, "UDP", 9600);
        h.at("AT+CIPQSEND=1");
        assertThat(h.at("AT+CIPSEND=1")).isEqualTo("\r\n> ");
        h.send("TCP\u001a");
        assertThat(h.take()).isEqualTo("\r\nDATA ACCEPT:1,3\r\n");
        tcp.ackAll();
        assertThat(h.at("AT+CIPACK=1")).isEqualTo("\r\n+CIPACK: 3,3,0\r\n\r\nOK\r\n");
        h.at("AT+CIPSEND=1");
        h.send("TCP again\u001a");
        assertThat(h.take()).isEqualTo("\r\nDATA ACCEPT:1,9\r\n");
        tcp.ackAll();
        assertThat(h.at("AT+CIPACK=1")).isEqualTo("\r\n+CIPACK: 12,12,0\r\n\r\nOK\r\n");
        h.at("AT+CIPSEND=2");
        h.send("UDP\u001a");
        udp.ackAll();
        assertThat(h.take()).isEqualTo("\r\nDATA ACCEPT:2,3\r\n");
        assertThat(h.at("AT+CIPACK=2")).isEqualTo("\r\n+CIPACK: 3,0,3\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPSEND?")).isEqualTo("\r\n+CIPSEND: 1,1460\r\n+CIPSEND: 2,1460\r\n\r\nOK\r\n");
    }

    @Test
    void manualReceiveMultiMode() {
        h.at("AT+CIPRXGET=1");
        bringUp();
        FakeLink l = open(1, "TCP", 80);
        l.receive("HTTP\r\n\r\nrest");
        assertThat(h.take()).isEqualTo("\r\n+CIPRXGET: 1,1\r\n");
        assertThat(h.at("AT+CIPRXGET=4,1")).isEqualTo("\r\n+CIPRXGET: 4,1,12\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPRXGET=2,1,8")).isEqualTo("\r\n+CIPRXGET: 2,1,8,4\r\nHTTP\r\n\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPRXGET=3,1,730")).isEqualTo("\r\n+CIPRXGET: 3,1,4,0\r\n72657374\r\nOK\r\n");
        assertThat(h.at("AT+CIPRXGET=2,1,100")).isEqualTo("\r\n+CIPRXGET: 2,1,0,0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPRXGET=2,0,100")).isEqualTo("\r\nERROR\r\n");
    }

    @Test
    void manualReceiveBackPressuresTcpAndKeepsDataAfterRemoteClose() {
        h.at("AT+CIPRXGET=1");
        bringUp();
        FakeLink l = open(0, "TCP", 80);
        l.receive(new byte[2000]);
        assertThat(l.reading).isTrue();
        l.receive(new byte[1000]);
        assertThat(l.reading).isFalse();
        h.take();
        assertThat(h.at("AT+CIPRXGET=2,0,1460")).startsWith("\r\n+CIPRXGET: 2,0,1460,1540\r\n");
        assertThat(l.reading).isTrue();
        l.peerClose();
        assertThat(h.take()).isEqualTo("\r\n0, CLOSED\r\n");
        assertThat(h.at("AT+CIPRXGET=4,0")).isEqualTo("\r\n+CIPRXGET: 4,0,1540\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPSTATUS=0")).contains("\"CLOSED\"");
        h.at("AT+CIPRXGET=2,0,1460");
        assertThat(h.at("AT+CIPRXGET=2,0,1460")).startsWith("\r\n+CIPRXGET: 2,0,80,0\r\n");
    }

    @Test
    void udpDatagramsBeyondTheBufferAreDropped() {
        h.at("AT+CIPRXGET=1");
        bringUp();
        FakeLink l = open(0, "UDP", 9000);
        for (int i = 0; i < 4; i++) {
            l.receive(new byte[1000]);
        }
        h.take();
        assertThat(h.at("AT+CIPRXGET=4,0")).isEqualTo("\r\n+CIPRXGET: 4,0,2000\r\n\r\nOK\r\n");
    }

    @Test
    void twoGprsContextsOfNoteSection5() {
        bringUp();
        open(0, "TCP", 5555);
        assertThat(h.at("AT+CIPSGTXT=1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CSTT=\"CMWAP\"")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIICR")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIFSR")).isEqualTo("\r\n10.204.70.11\r\n");
        FakeLink second = open(1, "TCP", 5555);
        assertThat(h.at("AT+CIPCLOSE=0")).isEqualTo("\r\n0, CLOSE OK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).contains("C: 0,0,\"TCP\",\"116.228.221.51\",\"5555\",\"CLOSED\"\r\n")
                .contains("C: 1,1,\"TCP\",\"116.228.221.51\",\"5555\",\"CONNECTED\"\r\n");
        assertThat(h.at("AT+CIPSHUT")).isEqualTo("\r\nSHUT OK\r\n");
        assertThat(second.closed).isTrue();
        assertThat(h.at("AT+CIPSGTXT=0")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).startsWith("\r\nOK\r\n\r\nSTATE: IP PROCESSING\r\n");
        assertThat(h.at("AT+CIPSHUT")).isEqualTo("\r\nSHUT OK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).startsWith("\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
    }

    @Test
    void sapbrBearer() {
        assertThat(h.at("AT+SAPBR=3,1,\"Contype\",\"GPRS\"")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+SAPBR=3,1,\"APN\",\"internet\"")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+SAPBR=2,1")).isEqualTo("\r\n+SAPBR: 1,3,\"0.0.0.0\"\r\n\r\nOK\r\n");
        assertThat(h.at("AT+SAPBR=1,1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+SAPBR=2,1")).isEqualTo("\r\n+SAPBR: 1,1,\"10.78.245.128\"\r\n\r\nOK\r\n");
        assertThat(h.at("AT+SAPBR=4,1")).isEqualTo("\r\n+SAPBR:\r\nCONTYPE: GPRS\r\nAPN: internet\r\nPHONENUM: \r\n"
                + "USER: \r\nPWD: \r\nRATE: 2\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGATT=0")).isEqualTo("\r\nOK\r\n\r\n+SAPBR 1: DEACT\r\n");
        assertThat(h.at("AT+SAPBR=0,1")).isEqualTo("\r\nERROR\r\n");
    }

    @Test
    void udpExtendedModeOfNoteSection314() {
        h.at("AT+CSTT=\"CMNET\"");
        h.at("AT+CIICR");
        h.at("AT+CIFSR");
        assertThat(h.at("AT+CLPORT=\"UDP\",8888")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIPSRIP=1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIPUDPMODE=1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIPSTART=\"UDP\", \"116.228.221.51\", \"9600\"")).isEqualTo("\r\nOK\r\n");
        FakeLink l = h.net.last();
        assertThat(l.request.localPort()).isEqualTo(8888);
        l.connect();
        assertThat(h.take()).isEqualTo("\r\nCONNECT OK\r\n");
        assertThat(h.at("AT+CIPUDPMODE?")).isEqualTo("\r\n+CIPUDPMODE: 1,\"116.228.221.51\",9600\r\n\r\nOK\r\n");
        h.at("AT+CIPHEAD=1");
        l.receiveFrom("test2".getBytes(), new java.net.InetSocketAddress("10.78.103.220", 5678));
        assertThat(h.take()).isEqualTo("\r\nRECV FROM:10.78.103.220:5678\r\n\r\n+IPD,5:test2");
        assertThat(h.at("AT+CIPUDPMODE=2,\"211.136.131.65\",4500")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIPUDPMODE?")).isEqualTo("\r\n+CIPUDPMODE: 1,\"211.136.131.65\",4500\r\n\r\nOK\r\n");
        h.at("AT+CIPSEND");
        h.send("Hello 4500\u001a");
        l.ackAll();
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
        assertThat(l.destinations.get(0)).isEqualTo(new java.net.InetSocketAddress("211.136.131.65", 4500));
        // Normal mode hears only the peer CIPSTART named.
        h.at("AT+CIPUDPMODE=0");
        l.receiveFrom("x".getBytes(), new java.net.InetSocketAddress("10.78.103.220", 5678));
        assertThat(h.take()).isEmpty();
    }
}
