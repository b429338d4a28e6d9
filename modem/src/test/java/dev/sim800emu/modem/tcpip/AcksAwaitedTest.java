package dev.sim800emu.modem.tcpip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/**
 * The engine tells each link whether something waits on its acknowledgements, so that the Netty
 * link polls the kernel quickly only then: while a SEND OK is due, and while a transparent uplink
 * has a quarter of its limit unconfirmed; not for a quick send, nor for a stream well within it.
 */
class AcksAwaitedTest {

    private final ModemHarness h = new ModemHarness().quiet();

    private FakeLink connect(boolean transparent) {
        if (transparent) {
            h.at("AT+CIPMODE=1");
        }
        h.at("AT+CSTT=\"CMNET\"");
        h.at("AT+CIICR");
        h.at("AT+CIFSR");
        assertThat(h.at("AT+CIPSTART=\"TCP\",\"116.228.221.51\",\"8500\"")).isEqualTo("\r\nOK\r\n");
        FakeLink l = h.net.last();
        assertThat(l.acksAwaited).as("nothing waits on a link just opened").isFalse();
        l.connect();
        assertThat(h.take()).isEqualTo(transparent ? "\r\nCONNECT\r\n" : "\r\nCONNECT OK\r\n");
        return l;
    }

    @Test
    void awaitedWhileSendOkIsDue() {
        FakeLink l = connect(false);
        assertThat(h.at("AT+CIPSEND=5")).isEqualTo("\r\n> ");
        h.send("hello");
        assertThat(l.acksAwaited).as("SEND OK waits").isTrue();
        l.ack(3);
        assertThat(l.acksAwaited).as("two bytes still unconfirmed").isTrue();
        l.ack(2);
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n");
        assertThat(l.acksAwaited).isFalse();
    }

    @Test
    void notAwaitedForAQuickSend() {
        h.at("AT+CIPQSEND=1");
        FakeLink l = connect(false);
        assertThat(h.at("AT+CIPSEND=5")).isEqualTo("\r\n> ");
        h.send("hello");
        assertThat(h.take()).isEqualTo("\r\nDATA ACCEPT:5\r\n");
        assertThat(l.acksAwaited).isFalse();
    }

    @Test
    void transparentUplinkAwaitedPastAQuarterOfItsLimit() {
        FakeLink l = connect(true);
        int quarter = (int) (TransparentMode.UPLINK_LIMIT / 4);
        h.send(new byte[quarter]); // SendSz 1460 by default: whole packets leave at once
        assertThat(l.sent.size()).isGreaterThan(quarter - 1460);
        assertThat(l.acksAwaited).as("a quarter of the limit in flight, not more").isFalse();
        h.send(new byte[2 * 1460]);
        assertThat(l.acksAwaited).as("past a quarter").isTrue();
        l.ackAll();
        assertThat(l.acksAwaited).as("all confirmed").isFalse();
    }
}
