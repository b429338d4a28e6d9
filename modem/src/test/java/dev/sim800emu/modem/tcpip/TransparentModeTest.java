package dev.sim800emu.modem.tcpip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.LineState;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transparent mode (note §3.2, reference §7), timed with the manual clock. */
class TransparentModeTest {

    private final ModemHarness h = new ModemHarness().quiet();
    private final List<LineState> lines = new ArrayList<>();

    private FakeLink connect() {
        h.modem.attachLines(lines::add);
        assertThat(h.at("AT+CIPMODE=1")).isEqualTo("\r\nOK\r\n");
        h.at("AT+CSTT=\"CMNET\"");
        h.at("AT+CIICR");
        assertThat(h.at("AT+CIFSR")).isEqualTo("\r\n10.78.245.128\r\n");
        assertThat(h.at("AT+CIPSTART=\"TCP\",\"116.228.221.51\",\"8500\"")).isEqualTo("\r\nOK\r\n");
        FakeLink l = h.net.last();
        l.autoAck = true;
        l.connect();
        assertThat(h.take()).isEqualTo("\r\nCONNECT\r\n");
        assertThat(h.modem.inDataMode()).isTrue();
        return l;
    }

    /** Sends bytes after {@code gapMillis} of silence. */
    private void after(long gapMillis, String bytes) {
        h.clock.advance(gapMillis);
        h.send(bytes);
    }

    @Test
    void dialogOfNoteSection323() {
        FakeLink l = connect();
        assertThat(lines.get(lines.size() - 1).dcd()).isTrue();
        h.send("hello server");
        assertThat(h.take()).as("no echo in data mode").isEmpty();
        h.clock.advance(200);
        assertThat(l.sentText()).isEqualTo("hello server");
        after(1000, "+++");
        h.clock.advance(999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\nOK\r\n");
        assertThat(h.modem.inDataMode()).isFalse();
        assertThat(l.sentText()).isEqualTo("hello server");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n");
        assertThat(h.at("ATO")).isEqualTo("\r\nCONNECT\r\n");
        l.receive("SIM800 channel test");
        assertThat(h.take()).isEqualTo("SIM800 channel test");
        l.peerClose();
        assertThat(h.take()).isEqualTo("\r\nCLOSED\r\n");
        assertThat(h.modem.inDataMode()).isFalse();
        assertThat(lines.get(lines.size() - 1).dcd()).isFalse();
        assertThat(h.at("ATO")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void escapeNeedsTheGuardTimeBefore() {
        FakeLink l = connect();
        h.send("x");
        after(999, "+++");
        h.clock.advance(5000);
        assertThat(h.take()).isEmpty();
        assertThat(h.modem.inDataMode()).isTrue();
        assertThat(l.sentText()).isEqualTo("x+++");
    }

    @Test
    void escapeNeedsTheGuardTimeAfter() {
        FakeLink l = connect();
        after(1000, "+++");
        h.clock.advance(999);
        h.send("y");
        h.clock.advance(5000);
        assertThat(h.take()).isEmpty();
        assertThat(l.sentText()).isEqualTo("+++y");
    }

    @Test
    void plusesMustComeWithinTheGuardTimeOfEachOther() {
        FakeLink l = connect();
        after(1000, "+");
        after(999, "+");
        after(999, "+");
        h.clock.advance(1000);
        assertThat(h.take()).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("ATO")).isEqualTo("\r\nCONNECT\r\n");
        after(1000, "+");
        after(1000, "+");
        h.clock.advance(3000);
        assertThat(h.take()).isEmpty();
        assertThat(l.sentText()).isEqualTo("++");
    }

    @Test
    void fourPlusesArePayload() {
        FakeLink l = connect();
        after(1000, "++++");
        h.clock.advance(3000);
        assertThat(h.take()).isEmpty();
        assertThat(l.sentText()).isEqualTo("++++");
    }

    @Test
    void escapeCanBeTurnedOff() {
        h.at("AT+CIPCCFG=5,2,1024,0");
        FakeLink l = connect();
        after(1000, "+++");
        h.clock.advance(3000);
        assertThat(h.take()).isEmpty();
        assertThat(l.sentText()).isEqualTo("+++");
    }

    @Test
    void packetsLeaveAtSendSizeOrAfterWaitTime() {
        h.at("AT+CIPCCFG=5,3,10,1");
        FakeLink l = connect();
        h.send("0123456789abcdefghijklmnopqrstuvw");
        // Full packets leave at once (one write on a TCP stream); the rest waits for WaitTm.
        assertThat(l.sentText()).isEqualTo("0123456789abcdefghijklmnopqrst");
        h.clock.advance(299);
        assertThat(l.sentText()).hasSize(30);
        h.clock.advance(1);
        assertThat(l.sentText()).endsWith("uvw");
    }

    @Test
    void waitTimeCountsFromTheLastByte() {
        // One WaitTm timer re-arms across reads: bytes short of a packet leave WaitTm after the last one.
        h.at("AT+CIPCCFG=5,3,10,1");
        FakeLink l = connect();
        h.send("abc");
        h.clock.advance(200);
        h.send("de");
        h.clock.advance(299);
        assertThat(l.sentText()).isEmpty();
        h.clock.advance(1);
        assertThat(l.sentText()).isEqualTo("abcde");
    }

    @Test
    void aReadOfWholePacketsGoesOutWithItsRemainderKept() {
        h.at("AT+CIPCCFG=5,3,10,1");
        FakeLink l = connect();
        h.send("0123456789abcdefghijKL");
        assertThat(l.sentText()).isEqualTo("0123456789abcdefghij");
        h.send("MNOPQRST");
        assertThat(l.sentText()).isEqualTo("0123456789abcdefghijKLMNOPQRST");
    }

    @Test
    void udpPacketsKeepTheirSendSize() {
        h.at("AT+CIPCCFG=5,3,10,1");
        h.at("AT+CIPMODE=1");
        h.at("AT+CIPSTART=\"UDP\",\"10.0.0.9\",9000");
        FakeLink l = h.net.last();
        l.autoAck = true;
        l.connect();
        h.take();
        h.send("0123456789abcdefghijklmnopqrstuvw");
        assertThat(l.datagrams).extracting(String::new).containsExactly("0123456789", "abcdefghij", "klmnopqrst");
        h.clock.advance(300);
        assertThat(l.datagrams).extracting(String::new).endsWith("uvw");
    }

    @Test
    void receivePacingWithRxmode() {
        h.at("AT+CIPCCFG=5,2,1024,1,1,50,100");
        FakeLink l = connect();
        l.receive("x".repeat(120));
        assertThat(h.take()).hasSize(50);
        h.clock.advance(99);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).hasSize(50);
        h.clock.advance(100);
        assertThat(h.take()).hasSize(20);
    }

    @Test
    void bytesArrivingInCommandModeWaitForAto() {
        FakeLink l = connect();
        after(1000, "+++");
        h.clock.advance(1000);
        assertThat(h.take()).isEqualTo("\r\nOK\r\n");
        l.receive("kept");
        assertThat(h.take()).isEmpty();
        assertThat(h.at("ATO")).isEqualTo("\r\nCONNECT\r\nkept");
    }

    @Test
    void dtrPerAmpD() {
        FakeLink l = connect();
        h.modem.hostDtr(false);
        assertThat(h.take()).isEqualTo("\r\nOK\r\n");
        h.modem.hostDtr(true);
        assertThat(h.at("AT&D0")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("ATO")).isEqualTo("\r\nCONNECT\r\n");
        h.send("data");
        h.modem.hostDtr(false);
        assertThat(h.take()).isEmpty();
        h.modem.hostDtr(true);
        after(1000, "+++");
        h.clock.advance(1000);
        assertThat(h.take()).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT&D2")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("ATO")).isEqualTo("\r\nCONNECT\r\n");
        h.modem.hostDtr(false);
        assertThat(h.take()).isEqualTo("\r\nCLOSED\r\n");
        assertThat(l.closed).isTrue();
        assertThat(l.sentText()).isEqualTo("data");
    }

    @Test
    void pdpDeactivationEndsDataMode() {
        connect();
        h.modem.events().dropGprs();
        assertThat(h.take()).isEqualTo("\r\n+PDP: DEACT\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
    }

    @Test
    void urcsWaitForCommandMode() {
        FakeLink l = connect();
        h.modem.urc(w -> w.text("RING"));
        assertThat(h.take()).isEmpty();
        after(1000, "+++");
        h.clock.advance(1000);
        assertThat(h.take()).isEqualTo("\r\nOK\r\n\r\nRING\r\n");
        l.peerClose();
        assertThat(h.take()).isEqualTo("\r\nCLOSED\r\n");
    }

    @Test
    void transparentModeIsSingleConnectionOnly() {
        h.at("AT+CIPMUX=1");
        assertThat(h.at("AT+CIPMODE=1")).isEqualTo("\r\nERROR\r\n");
        h.at("AT+CIPMUX=0");
        h.at("AT+CIPMODE=1");
        assertThat(h.at("AT+CIPMUX=1")).isEqualTo("\r\nERROR\r\n");
    }

    @Test
    void udpTransparent() {
        h.at("AT+CIPMODE=1");
        assertThat(h.at("AT+CIPSTART=\"UDP\",\"10.0.0.9\",9000")).isEqualTo("\r\nOK\r\n");
        FakeLink l = h.net.last();
        l.autoAck = true;
        l.connect();
        assertThat(h.take()).isEqualTo("\r\nCONNECT\r\n");
        h.send("dgram");
        h.clock.advance(200);
        assertThat(l.datagrams).extracting(String::new).containsExactly("dgram");
        l.receive("back");
        assertThat(h.take()).isEqualTo("back");
    }

    @Test
    void transparentServer() {
        h.at("AT+CIPMODE=1");
        assertThat(h.at("AT+CIPSERVER=1,5000")).isEqualTo("\r\nOK\r\n\r\nSERVER OK\r\n");
        FakeLink c = h.net.servers.get(0).accept("10.1.1.1", 4000);
        assertThat(h.take()).isEqualTo("\r\nREMOTE IP: 10.1.1.1\r\n\r\nCONNECT\r\n");
        c.receive("hi");
        assertThat(h.take()).isEqualTo("hi");
        c.peerClose();
        assertThat(h.take()).isEqualTo("\r\nCLOSED\r\n");
    }
}
