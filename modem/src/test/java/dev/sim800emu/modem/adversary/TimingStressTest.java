package dev.sim800emu.modem.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** Each behaviour of the timing adversary, on the engine with a manual clock. */
class TimingStressTest {
    /** Results on time, notices held up to 2 s, boot on time, no fragments: one behaviour at a time. */
    private static final StressTiming HOLD_ONLY = new StressTiming(7, 0, 2000, 0, 1, 0);

    private final ModemHarness h = new ModemHarness().quiet();

    private void stress(StressTiming t) {
        h.modem.control().apply(new ControlCommand.Stress(t));
    }

    private FakeLink openLink(int id) {
        assertThat(h.at("AT+CIPSTART=" + id + ",\"TCP\",\"116.228.221.51\",80")).isEqualTo("\r\nOK\r\n");
        FakeLink l = h.net.last();
        l.connect();
        return l;
    }

    private void bringUpMultiManual() {
        h.at("AT+CIPMUX=1");
        h.at("AT+CIPRXGET=1");
        h.at("AT+CSTT=\"CMNET\"");
        h.at("AT+CIICR");
        h.at("AT+CIFSR");
        h.take();
    }

    @Test
    void noticeWaitsForTheHostsNextCommandLineAndCrossesIt() {
        bringUpMultiManual();
        FakeLink link = openLink(0);
        assertThat(h.take()).isEqualTo("\r\n0, CONNECT OK\r\n"); // no stress yet
        stress(HOLD_ONLY);
        link.receive("hello");
        assertThat(h.take()).isEmpty();
        // the host starts its next line: the notice goes out before the echo of the first byte
        h.send("ATE1\r");
        assertThat(h.take()).isEqualTo("\r\n+CIPRXGET: 1,0\r\n\r\nOK\r\n"); // echo is on from the next line
        assertThat(h.at("AT+CIPRXGET=2,0,10")).isEqualTo("AT+CIPRXGET=2,0,10\r\r\n+CIPRXGET: 2,0,5,0\r\nhello\r\nOK\r\n");
        link.receive("again"); // the buffer was empty: a new notice
        h.send("A");
        assertThat(h.take()).isEqualTo("\r\n+CIPRXGET: 1,0\r\nA");
        h.send("T+CIPRXGET=2,0,10\r");
        assertThat(h.take()).isEqualTo("T+CIPRXGET=2,0,10\r\r\n+CIPRXGET: 2,0,5,0\r\nagain\r\nOK\r\n");
    }

    @Test
    void noticeNoCommandComesForGoesOutAfterTheHoldLimit() {
        bringUpMultiManual();
        stress(HOLD_ONLY);
        openLink(0);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\n0, CONNECT OK\r\n");
    }

    @Test
    void noticesDuringALineWaitPastItsResultForTheNextLine() {
        stress(HOLD_ONLY);
        h.modem.control().apply(new ControlCommand.Sms("+15551234567", "hi"));
        h.send("AT\r");
        assertThat(h.take()).isEqualTo("\r\n+CMTI: \"SM\",1\r\n\r\nOK\r\n");
    }

    @Test
    void finalResultComesLateAndTypeAheadWaitsForIt() {
        stress(new StressTiming(5, 500, 0, 0, 1, 0));
        long before = h.clock.nowMillis();
        h.send("AT+CSQ\rAT+GSN\r");
        StringBuilder out = new StringBuilder(h.take());
        assertThat(out.toString()).isEmpty();
        long waited = 0;
        while (!out.toString().contains("OK")) {
            h.clock.advance(1);
            waited++;
            out.append(h.take());
        }
        assertThat(waited).isBetween(250L, 500L);
        assertThat(out.toString()).isEqualTo("\r\n+CSQ: 20,0\r\n\r\nOK\r\n"); // the second line has not run
        h.clock.advance(500);
        assertThat(h.take()).endsWith("\r\nOK\r\n").contains("86");
        assertThat(h.clock.nowMillis() - before).isGreaterThan(waited);
    }

    @Test
    void bootUrcsComeLate() {
        ModemHarness cold = new ModemHarness(ModemConfig.builder().bootMillis(1000).activationMillis(0).build());
        cold.modem.control().apply(new ControlCommand.Stress(new StressTiming(11, 0, 0, 3000, 1, 0)));
        cold.modem.powerOn();
        cold.clock.advance(1000);
        long extra = 0;
        while (cold.take().isEmpty() && extra < 3001) {
            cold.clock.advance(1);
            extra++;
        }
        assertThat(extra).isBetween(1L, 3000L);
        cold.take();
    }

    @Test
    void offChangesNothing() {
        stress(HOLD_ONLY);
        stress(null);
        bringUpMultiManual();
        openLink(0).receive("x");
        assertThat(h.take()).isEqualTo("\r\n0, CONNECT OK\r\n\r\n+CIPRXGET: 1,0\r\n");
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void turningItOffLetsHeldOutputGo() {
        stress(new StressTiming(3, 500, 2000, 0, 1, 0));
        h.send("AT\r");
        while (h.clock.pendingTimers() > 0 && h.take().isEmpty()) {
            stress(null);
        }
        assertThat(h.take() + "").isIn("", "\r\nOK\r\n");
    }

    @Test
    void theSameSeedMakesTheSameChoices() {
        TimingAdversary a = new TimingAdversary(StressTiming.seeded(42));
        TimingAdversary b = new TimingAdversary(StressTiming.seeded(42));
        for (int i = 0; i < 100; i++) {
            assertThat(a.resultDelay()).isEqualTo(b.resultDelay()).isBetween(0L, (long) StressTiming.RESULT_DELAY);
            assertThat(a.fragment(5)).isEqualTo(b.fragment(5)).isBetween(1, 5);
            assertThat(a.gap()).isEqualTo(b.gap()).isBetween(0L, (long) StressTiming.GAP);
        }
        assertThat(TimingAdversary.forLine(StressTiming.seeded(42)).resultDelay())
                .isNotNull();
    }
}
