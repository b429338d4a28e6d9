package dev.sim800emu.modem.lines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.LineState;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RI, RING and +CMTI (note §3.2.5), sleep (note §12) and RTS/CTS flow control, on the manual clock. */
class ControlLinesTest {
    private final ModemHarness h = new ModemHarness().quiet();
    private final List<LineState> lines = new ArrayList<>();
    private final List<Boolean> inputReady = new ArrayList<>();

    ControlLinesTest() {
        h.modem.attachLines(new dev.sim800emu.modem.ModemLines() {
            @Override
            public void onLines(LineState state) {
                lines.add(state);
            }

            @Override
            public void onInputReady(boolean ready) {
                inputReady.add(ready);
            }
        });
    }

    private LineState now() {
        return lines.get(lines.size() - 1);
    }

    @Test
    void idleLines() {
        assertThat(now()).isEqualTo(new LineState(false, false, true, true));
        h.at("AT&C0");
        h.modem.hostDtr(h.modem.dtr()); // no change: nothing published
        assertThat(h.at("AT&C0")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void incomingCallHoldsRiAndRings() {
        h.modem.events().incomingCall();
        assertThat(now().ri()).isTrue();
        assertThat(h.take()).isEqualTo("\r\nRING\r\n");
        h.clock.advance(10_000);
        assertThat(now().ri()).isTrue();
        assertThat(h.take()).as("RING every 3 s").isEqualTo("\r\nRING\r\n\r\nRING\r\n\r\nRING\r\n");
        h.modem.events().callEnded();
        assertThat(now().ri()).isFalse();
        assertThat(h.take()).isEqualTo("\r\nNO CARRIER\r\n");
    }

    @Test
    void newSmsPulsesRiFor120Milliseconds() {
        h.modem.events().newSms(10);
        assertThat(h.take()).isEqualTo("\r\n+CMTI: \"SM\",10\r\n");
        assertThat(now().ri()).isTrue();
        h.clock.advance(119);
        assertThat(now().ri()).isTrue();
        h.clock.advance(1);
        assertThat(now().ri()).isFalse();
    }

    @Test
    void callAndSmsDuringDataModeAreReportedAfterEscape() {
        h.at("AT+CIPMODE=1");
        h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
        h.net.last().connect();
        assertThat(h.take()).isEqualTo("\r\nCONNECT\r\n");
        h.modem.events().incomingCall();
        h.modem.events().newSms(3);
        assertThat(h.take()).isEmpty();
        assertThat(now().ri()).isTrue();
        h.clock.advance(1000);
        h.send("+++");
        h.clock.advance(1000);
        assertThat(h.take()).isEqualTo("\r\nOK\r\n\r\nRING\r\n\r\n+CMTI: \"SM\",3\r\n");
        assertThat(now().ri()).as("the call still rings").isTrue();
        assertThat(now().dcd()).isTrue();
    }

    @Test
    void sleepModeOneNeedsDtrOnFor50Milliseconds() {
        assertThat(h.at("AT+CSCLK=1")).isEqualTo("\r\nOK\r\n");
        h.modem.hostDtr(false);
        assertThat(h.modem.sleeping()).isTrue();
        assertThat(h.at("AT")).as("asleep: the UART is deaf").isEmpty();
        h.modem.hostDtr(true);
        h.clock.advance(49);
        assertThat(h.at("AT")).isEmpty();
        h.clock.advance(1);
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void sleepKeepsLinksAndIncomingDataWakesOutput() {
        h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
        FakeLink l = h.net.last();
        l.connect();
        h.take();
        h.at("AT+CSCLK=1");
        h.modem.hostDtr(false);
        l.receive("while asleep");
        assertThat(h.take()).isEqualTo("while asleep");
        assertThat(l.closed).isFalse();
    }

    @Test
    void autoSleepModeTwo() {
        h.at("AT+CSCLK=2");
        h.clock.advance(5000);
        assertThat(h.at("AT")).as("the first bytes only wake it").isEmpty();
        h.clock.advance(99);
        assertThat(h.at("AT")).isEmpty();
        h.clock.advance(1);
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void rtsOffHoldsOutputWithHardwareFlowControl() {
        h.at("AT+IFC=2,2");
        h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
        FakeLink l = h.net.last();
        l.connect();
        h.take();
        h.modem.hostRts(false);
        l.receive("abc");
        assertThat(h.take()).isEmpty();
        l.receive(new byte[70 * 1024]);
        assertThat(l.reading).as("peer back-pressured while output is held").isFalse();
        h.modem.hostRts(true);
        assertThat(h.takeBytes()).hasSize(3 + 70 * 1024);
        assertThat(l.reading).isTrue();
    }

    @Test
    void rtsIsIgnoredWithoutFlowControl() {
        h.modem.hostRts(false);
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void ctsDropsWhenTheTransparentUplinkIsBackedUp() {
        h.at("AT+IFC=2,2");
        h.at("AT+CIPMODE=1");
        h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
        FakeLink l = h.net.last();
        l.connect();
        h.take();
        assertThat(now().cts()).isTrue();
        h.send(new byte[300 * 1024]);
        assertThat(now().cts()).isFalse();
        assertThat(inputReady).endsWith(false);
        l.ackAll();
        assertThat(now().cts()).isTrue();
        assertThat(inputReady).endsWith(true);
        assertThat(l.sent.size()).isEqualTo(300 * 1024);
    }
}
