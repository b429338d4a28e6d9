package dev.sim800emu.modem.tcpip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ApnRule;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single-connection, non-transparent TCP/IP (note §3.1.1, §3.1.2, §6, §7, §8.1, §9, §10). */
class SingleConnectionTest {

    private final ModemHarness h = new ModemHarness().quiet();

    private void bringUp() {
        assertThat(h.at("AT+CSTT=\"CMNET\"")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIICR")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIFSR")).isEqualTo("\r\n10.78.245.128\r\n");
    }

    private FakeLink connectTcp() {
        bringUp();
        assertThat(h.at("AT+CIPSTART=\"TCP\",\"116.228.221.51\",\"8500\"")).isEqualTo("\r\nOK\r\n");
        FakeLink l = h.net.last();
        l.connect();
        assertThat(h.take()).isEqualTo("\r\nCONNECT OK\r\n");
        return l;
    }

    @Test
    void stateLadderAsCipstatusReportsIt() {
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
        h.at("AT+CSTT=\"CMNET\"");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: IP START\r\n");
        h.at("AT+CIICR");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: IP GPRSACT\r\n");
        h.at("AT+CIFSR");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: IP STATUS\r\n");
        h.at("AT+CIPSTART=\"TCP\",\"1.2.3.4\",80");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: TCP CONNECTING\r\n");
        h.net.last().connect();
        h.take();
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n");
        assertThat(h.at("AT+CIPCLOSE")).isEqualTo("\r\nCLOSE OK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
        assertThat(h.at("AT+CIPSHUT")).isEqualTo("\r\nSHUT OK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
    }

    @Test
    void activationTakesTimeInIpConfig() {
        ModemHarness slow = new ModemHarness(ModemConfig.builder().bootMillis(0).activationMillis(500).build()).quiet();
        slow.at("AT+CSTT");
        assertThat(slow.at("AT+CIICR")).isEmpty();
        slow.send("AT+CIPSTATUS\r");
        assertThat(slow.take()).isEmpty();
        slow.clock.advance(499);
        assertThat(slow.take()).isEmpty();
        slow.clock.advance(1);
        // The type-ahead CIPSTATUS runs right after CIICR's OK.
        assertThat(slow.take()).isEqualTo("\r\nOK\r\n\r\nOK\r\n\r\nSTATE: IP GPRSACT\r\n");
    }

    @Test
    void commandsInTheWrongStateAreRefused() {
        assertThat(h.at("AT+CIICR")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIFSR")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIPSEND")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIPCLOSE")).isEqualTo("\r\nERROR\r\n");
        h.at("AT+CSTT=\"CMNET\"");
        assertThat(h.at("AT+CSTT=\"CMNET\"")).isEqualTo("\r\nERROR\r\n");
        h.at("AT+CIICR");
        // From IP GPRSACT CIPSTART is refused: CIFSR must run first.
        assertThat(h.at("AT+CIPSTART=\"TCP\",\"1.2.3.4\",80")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIPMUX=1")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.net.links).isEmpty();
    }

    @Test
    void tcpClientDialogOfNoteSection311() {
        FakeLink l = connectTcp();
        assertThat(l.request.protocol()).isEqualTo(Protocol.TCP);
        assertThat(l.request.port()).isEqualTo(8500);
        assertThat(h.at("AT+CIPSEND")).isEqualTo("\r\n> ");
        h.send("hello TCP serve\u001a");
        assertThat(h.take()).isEmpty(); // SEND OK waits for the peer's acknowledgement
        assertThat(l.sentText()).isEqualTo("hello TCP serve");
        l.ack(5);
        assertThat(h.take()).isEmpty();
        l.ack(10);
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
        l.receive("hello SIM800");
        assertThat(h.take()).isEqualTo("hello SIM800");
        l.peerClose();
        assertThat(h.take()).isEqualTo("\r\nCLOSED\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
        // Reconnecting after CLOSED is allowed (note §13).
        assertThat(h.at("AT+CIPSTART=\"TCP\",\"116.228.221.51\",8500")).isEqualTo("\r\nOK\r\n");
        assertThat(h.net.links).hasSize(2);
    }

    @Test
    void echoShowsThePayloadOnThePromptLine() {
        connectTcp();
        h.at("ATE1");
        assertThat(h.at("AT+CIPSEND")).isEqualTo("AT+CIPSEND\r\r\n> ");
        h.send("hi\u001a");
        h.net.last().ackAll();
        assertThat(h.take()).isEqualTo("hi\r\nSEND OK\r\n");
    }

    @Test
    void udpClientDialogOfNoteSection312() {
        bringUp();
        assertThat(h.at("AT+CIPSTART=\"UDP\",\"116.228.221.51\",\"9600\"")).isEqualTo("\r\nOK\r\n");
        FakeLink l = h.net.last();
        assertThat(l.request.protocol()).isEqualTo(Protocol.UDP);
        l.connect();
        assertThat(h.take()).isEqualTo("\r\nCONNECT OK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n");
        assertThat(h.at("AT+CIPSEND")).isEqualTo("\r\n> ");
        h.send("SIM800 UDP test\u001a");
        l.ackAll();
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
        l.receive("UDP test");
        assertThat(h.take()).isEqualTo("UDP test");
        assertThat(h.at("AT+CIPACK")).isEqualTo("\r\n+CIPACK: 15,0,15\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPCLOSE")).isEqualTo("\r\nCLOSE OK\r\n");
        assertThat(l.closed).isTrue();
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: UDP CLOSED\r\n");
    }

    @Test
    void fixedLengthSendTakesEveryByteValue() {
        FakeLink l = connectTcp();
        assertThat(h.at("AT+CIPSEND=5")).isEqualTo("\r\n> ");
        h.send(new byte[] {0x1A, 0x1B, '\r', '\n', 0});
        assertThat(l.sent.toByteArray()).containsExactly(0x1A, 0x1B, '\r', '\n', 0);
        l.ackAll();
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
        // Bytes after the payload are ordinary command input again.
        h.send("AT+CIPSEND=2\r\nabAT\r");
        l.ackAll();
        assertThat(h.take()).isEqualTo("\r\n> \r\nSEND OK\r\n\r\nOK\r\n");
        assertThat(l.sentText()).endsWith("ab");
    }

    @Test
    void crlfSplitAcrossReadsIsNotPayload() {
        FakeLink l = connectTcp();
        l.autoAck = true;
        h.send("AT+CIPSEND=2\r");
        assertThat(h.take()).isEqualTo("\r\n> ");
        h.send("\n");
        h.send("ab");
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
        assertThat(l.sentText()).isEqualTo("ab");
        // With CR LF in one read, a payload may start with LF.
        h.send("AT+CIPSEND=2\r\n\nz");
        assertThat(l.sentText()).isEqualTo("ab\nz");
        // With CR-only line ends a payload may start with LF once the first byte has passed.
        h.send("AT+CIPSEND=2\r");
        h.send("x\n");
        assertThat(l.sentText()).isEqualTo("ab\nzx\n");
        assertThat(h.take()).isEqualTo("\r\n> \r\nSEND OK\r\n\r\n> \r\nSEND OK\r\n");
    }

    @Test
    void sendLimitsAndCancel() {
        FakeLink l = connectTcp();
        assertThat(h.at("AT+CIPSEND?")).isEqualTo("\r\n+CIPSEND: 1460\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPSEND=1461")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIPSEND=0")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIPSEND")).isEqualTo("\r\n> ");
        h.send("abc\u001b");
        assertThat(h.take()).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIPSEND")).isEqualTo("\r\n> ");
        h.send("x".repeat(1461));
        assertThat(h.take()).isEqualTo("\r\nERROR\r\n");
        assertThat(l.sent.size()).isZero();
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void quickSendAndAcknowledgementCounters() {
        h.at("AT+CIPQSEND=1");
        FakeLink l = connectTcp();
        assertThat(h.at("AT+CIPSEND")).isEqualTo("\r\n> ");
        h.send("012345678912\u001a");
        assertThat(h.take()).isEqualTo("\r\nDATA ACCEPT:12\r\n");
        assertThat(h.at("AT+CIPACK")).isEqualTo("\r\n+CIPACK: 12,0,12\r\n\r\nOK\r\n");
        l.ack(12);
        assertThat(h.at("AT+CIPACK")).isEqualTo("\r\n+CIPACK: 12,12,0\r\n\r\nOK\r\n");
    }

    @Test
    void promptAndSendOkDisplayOptions() {
        FakeLink l = connectTcp();
        h.at("AT+CIPSPRT=0");
        assertThat(h.at("AT+CIPSEND=2")).isEmpty();
        h.send("ab");
        l.ackAll();
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
        h.at("AT+CIPSPRT=2");
        assertThat(h.at("AT+CIPSEND=2")).isEmpty();
        h.send("cd");
        assertThat(h.take()).isEmpty();
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
        assertThat(l.sentText()).isEqualTo("abcd");
    }

    @Test
    void timedSendWithCipats() {
        FakeLink l = connectTcp();
        l.autoAck = true;
        h.at("AT+CIPATS=1,2");
        assertThat(h.at("AT+CIPATS?")).isEqualTo("\r\n+CIPATS: 1,2\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPSEND")).isEqualTo("\r\n> ");
        h.send("tick");
        h.clock.advance(1999);
        assertThat(l.sent.size()).isZero();
        h.clock.advance(1);
        assertThat(l.sentText()).isEqualTo("tick");
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
    }

    @Test
    void receiveHeaders() {
        FakeLink l = connectTcp();
        h.at("AT+CIPHEAD=1");
        l.receive("test1");
        assertThat(h.take()).isEqualTo("\r\n+IPD,5:test1");
        h.at("AT+CIPSHOWTP=1");
        l.receive("ab");
        assertThat(h.take()).isEqualTo("\r\n+IPD,2,TCP:ab");
        h.at("AT+CIPSRIP=1");
        l.receive("c");
        assertThat(h.take()).isEqualTo("\r\nRECV FROM:116.228.221.51:8500\r\n\r\n+IPD,1,TCP:c");
        h.at("AT+CIPHEAD=0");
        l.receive("d");
        assertThat(h.take()).isEqualTo("\r\nRECV FROM:116.228.221.51:8500\r\nd");
    }

    @Test
    void dataArrivingDuringACommandWaitsForItsResult() {
        FakeLink l = connectTcp();
        h.at("AT+CIPHEAD=1");
        assertThat(h.at("AT+CIPSEND")).isEqualTo("\r\n> ");
        l.receive("zz");
        assertThat(h.take()).isEmpty();
        h.send("q\u001a");
        l.ackAll();
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n\r\n+IPD,2:zz");
    }

    @Test
    void largeReceiveIsSplitIntoDeliveriesOfAtMost1460() {
        FakeLink l = connectTcp();
        h.at("AT+CIPHEAD=1");
        l.receive("y".repeat(2000));
        assertThat(h.take()).isEqualTo("\r\n+IPD,1460:" + "y".repeat(1460) + "\r\n+IPD,540:" + "y".repeat(540));
    }

    @Test
    void connectFailureShapes() {
        bringUp();
        h.at("AT+CIPSTART=\"TCP\",\"127.0.0.1\",1");
        h.net.last().refuse();
        assertThat(h.take()).isEqualTo("\r\nSTATE: TCP CLOSED\r\n\r\nCONNECT FAIL\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
        h.at("AT+CIPSTART=\"TCP\",\"127.0.0.1\",2");
        h.net.last().connect();
        h.take();
        assertThat(h.at("AT+CIPSTART=\"TCP\",\"127.0.0.1\",3")).isEqualTo("\r\nERROR\r\n\r\nALREADY CONNECT\r\n");
        assertThat(h.net.links).hasSize(2);
    }

    @Test
    void cipstartFromIpInitialBringsTheContextUp() {
        assertThat(h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: TCP CONNECTING\r\n");
        assertThat(h.at("AT+CIFSR")).isEqualTo("\r\n10.78.245.128\r\n");
    }

    @Test
    void hostNamesAreResolvedAndDnsLookups() {
        h.net.name("www.sim.com", "10.1.2.3", "10.1.2.4");
        bringUp();
        assertThat(h.at("AT+CDNSGIP =www.sim.com")).isEqualTo("\r\nOK\r\n\r\n+CDNSGIP: 1,\"www.sim.com\",\"10.1.2.3\",\"10.1.2.4\"\r\n");
        assertThat(h.at("AT+CDNSGIP=\"abctest\"")).isEqualTo("\r\nOK\r\n\r\n+CDNSGIP: 0,8\r\n");
        assertThat(h.at("AT+CIPSTART=\"TCP\",\"WWW.SIM.COM\",80")).isEqualTo("\r\nOK\r\n");
        assertThat(h.net.last().request.address().getHostAddress()).isEqualTo("10.1.2.3");
        h.net.last().connect();
        assertThat(h.take()).isEqualTo("\r\nCONNECT OK\r\n");
        assertThat(h.at("AT+CIPSEND")).isEqualTo("\r\n> ");
        h.send("DNS test\u001a");
        h.net.last().ackAll();
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
    }

    @Test
    void unknownHostNameEndsInConnectFail() {
        bringUp();
        assertThat(h.at("AT+CIPSTART=\"TCP\",\"nowhere.invalid\",80"))
                .isEqualTo("\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n\r\nCONNECT FAIL\r\n");
        assertThat(h.net.links).isEmpty();
    }

    @Test
    void dnsNeedsAnActiveContext() {
        assertThat(h.at("AT+CDNSGIP=\"a.b\"")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CDNSCFG=\"8.8.8.8\",\"8.8.4.4\"")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CDNSCFG?")).isEqualTo("\r\nPrimaryDns: 8.8.8.8\r\nSecondaryDns: 8.8.4.4\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CDNSCFG=\"8.8.8\"")).isEqualTo("\r\nERROR\r\n");
    }

    @Test
    void wrongApnFailsActivation() {
        ModemHarness strict = new ModemHarness(ModemConfig.builder().bootMillis(0).activationMillis(0)
                .apnRules(List.of(ApnRule.parse("iot.example,user,pass"))).build()).quiet();
        strict.at("AT+CSTT=\"CMNET\"");
        assertThat(strict.at("AT+CIICR")).isEqualTo("\r\n+PDP: DEACT\r\n\r\nERROR\r\n");
        assertThat(strict.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
        assertThat(strict.at("AT+CSTT=\"iot.example\",\"user\",\"pass\"")).isEqualTo("\r\nERROR\r\n");
        assertThat(strict.at("AT+CIPSHUT")).isEqualTo("\r\nSHUT OK\r\n");
        strict.at("AT+CSTT=\"iot.example\",\"user\",\"pass\"");
        assertThat(strict.at("AT+CIICR")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void shutClosesEverythingWithoutPerLinkLines() {
        FakeLink l = connectTcp();
        assertThat(h.at("AT+CIPSHUT")).isEqualTo("\r\nSHUT OK\r\n");
        assertThat(l.closed).isTrue();
        l.peerClose();
        l.receive("late");
        assertThat(h.take()).isEmpty();
        assertThat(h.at("AT+CIPSHUT")).isEqualTo("\r\nSHUT OK\r\n");
    }

    @Test
    void peerCloseDuringSendFailsTheSend() {
        FakeLink l = connectTcp();
        h.at("AT+CIPSEND=3");
        h.send("abc");
        l.peerClose();
        assertThat(h.take()).isEqualTo("\r\nSEND FAIL\r\n\r\nCLOSED\r\n");
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void sendOkGivesUpAfter645Seconds() {
        FakeLink l = connectTcp();
        h.at("AT+CIPSEND=3");
        h.send("abc");
        h.clock.advance(644_999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\nSEND FAIL\r\n\r\nCLOSED\r\n");
        assertThat(l.aborted).isTrue();
    }

    @Test
    void eachSendGivesUpCountedFromItsOwnPayload() {
        // One watchdog timer serves a stream of sends: it must still time the send that is waiting.
        FakeLink l = connectTcp();
        h.at("AT+CIPSEND=3");
        h.send("abc");
        h.clock.advance(100_000);
        l.ackAll();
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
        h.at("AT+CIPSEND=3");
        h.send("def");
        h.clock.advance(644_999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\nSEND FAIL\r\n\r\nCLOSED\r\n");
        assertThat(l.aborted).isTrue();
    }

    @Test
    void repeatedSendLinesAnswerAlike() {
        // The same line again reuses its parse: the answers must not change, nor the bytes sent.
        FakeLink l = connectTcp();
        l.autoAck = true;
        for (int i = 0; i < 3; i++) {
            assertThat(h.at("AT+CIPSEND=4")).isEqualTo("\r\n> ");
            h.send("ab" + i + "\n");
            assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
        }
        assertThat(l.sentText()).isEqualTo("ab0\nab1\nab2\n");
    }

    @Test
    void manualReceiveSingleMode() {
        h.at("AT+CIPRXGET=1");
        FakeLink l = connectTcp();
        l.receive("HELLO WORLD");
        assertThat(h.take()).isEqualTo("\r\n+CIPRXGET: 1\r\n");
        l.receive("!");
        assertThat(h.take()).isEmpty();
        assertThat(h.at("AT+CIPRXGET=4")).isEqualTo("\r\n+CIPRXGET: 4,12\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPRXGET=2,5")).isEqualTo("\r\n+CIPRXGET: 2,5,7\r\nHELLO\r\nOK\r\n");
        assertThat(h.at("AT+CIPRXGET=3,730")).isEqualTo("\r\n+CIPRXGET: 3,7,0\r\n20574F524C4421\r\nOK\r\n");
        assertThat(h.at("AT+CIPRXGET=2,1461")).isEqualTo("\r\nERROR\r\n");
        l.receive("x");
        assertThat(h.take()).isEqualTo("\r\n+CIPRXGET: 1\r\n");
    }

    @Test
    void cipsendOnAUdpLinkBeforeConnectOkIsRefused() {
        bringUp();
        h.at("AT+CIPSTART=\"UDP\",\"127.0.0.1\",9");
        assertThat(h.at("AT+CIPSEND=1")).isEqualTo("\r\nERROR\r\n");
    }
}
