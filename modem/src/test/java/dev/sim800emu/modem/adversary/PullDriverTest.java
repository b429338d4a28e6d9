package dev.sim800emu.modem.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The bug --stress-timing is there to bring out: a driver that waits for the bare
 * {@code +CIPRXGET:} prefix (TinyGSM v0.12.0's SIM800 modemRead; TinyGSM pull requests 628 and
 * 803) loses data with two links receiving at once, under stress, and never without it; a driver
 * that waits for {@code +CIPRXGET: 2,} keeps every byte either way.
 */
class PullDriverTest {
    private static final int CHUNKS = 60;

    /** What each link's far end sent, and what the driver got, after one run. */
    private record Run(String[] sent, String[] got) {
        boolean intact() {
            return sent[0].equals(got[0]) && sent[1].equals(got[1]);
        }
    }

    private static Run run(Function<ModemHarness, PullDriver> make, StressTiming stress) {
        ModemHarness h = new ModemHarness().quiet();
        PullDriver d = make.apply(h);
        d.command("AT+CIPMUX=1");
        d.command("AT+CIPRXGET=1");
        d.command("AT+CSTT=\"CMNET\"");
        d.command("AT+CIICR");
        h.send("AT+CIFSR\r");
        h.take();
        FakeLink[] links = new FakeLink[2];
        for (int i = 0; i < 2; i++) {
            d.command("AT+CIPSTART=" + i + ",\"TCP\",\"116.228.221.51\",80");
            links[i] = h.net.last();
            links[i].connect();
        }
        d.maintain();
        if (stress != null) {
            h.modem.control().apply(new ControlCommand.Stress(stress));
        }
        // the far ends: link 0 every 150 ms, link 1 every 230 ms, numbered chunks
        StringBuilder[] sent = {new StringBuilder(), new StringBuilder()};
        for (int i = 0; i < 2; i++) {
            int link = i;
            for (int c = 0; c < CHUNKS; c++) {
                String chunk = "L" + link + "#" + c + ";";
                sent[link].append(chunk);
                h.clock.schedule(10 + (long) c * (150 + 80 * link), () -> links[link].receive(chunk));
            }
        }
        // the firmware's main loop: a short sleep, notices, then for each link with a notice (or
        // due for its periodic check): how much is there, and pull it in 64-byte reads (a small
        // buffer) until none is left
        long end = h.clock.nowMillis() + 10 + CHUNKS * 230 + 3000;
        long nextCheck = 0;
        while (h.clock.nowMillis() < end) {
            h.clock.advance(5);
            d.maintain();
            if (h.clock.nowMillis() >= nextCheck) {
                // TinyGSM's workaround for notices a module forgets: check every link each 500 ms
                d.gotData[0] = true;
                d.gotData[1] = true;
                nextCheck = h.clock.nowMillis() + 500;
            }
            for (int mux = 0; mux < 2; mux++) {
                if (d.gotData[mux]) {
                    for (int n = d.available(mux); n > 0; n = d.remaining[mux]) {
                        d.pull(mux, 64);
                    }
                }
            }
        }
        // drain: the links are quiet now; pull until each is empty
        for (int mux = 0; mux < 2; mux++) {
            for (int tries = 0; tries < 100 && d.pull(mux, 1460) > 0; tries++) {
                // again
            }
        }
        h.clock.advance(StressTiming.URC_HOLD);
        h.take();
        return new Run(new String[] {sent[0].toString(), sent[1].toString()}, new String[] {d.text(0), d.text(1)});
    }

    @Test
    void aBarePrefixDriverKeepsEveryByteWithoutStress() {
        Run r = run(PullDriver::barePrefix, null);
        assertThat(r.got[0]).isEqualTo(r.sent[0]);
        assertThat(r.got[1]).isEqualTo(r.sent[1]);
    }

    @Test
    void aBarePrefixDriverLosesDataUnderStressWithAFixedSeed() {
        Run r = run(PullDriver::barePrefix, StressTiming.seeded(1));
        assertThat(r.intact()).as("data lost under --stress-timing --seed 1").isFalse();
    }

    @Test
    void underStressTheBugShowsInMostRuns() {
        int lost = 0;
        for (long seed = 1; seed <= 10; seed++) {
            if (!run(PullDriver::barePrefix, StressTiming.seeded(seed)).intact()) {
                lost++;
            }
        }
        assertThat(lost).as("runs out of 10 that lost data").isGreaterThanOrEqualTo(8);
    }

    @Test
    void aCorrectDriverKeepsEveryByteUnderStress() {
        for (long seed = 1; seed <= 10; seed++) {
            Run r = run(PullDriver::linewise, StressTiming.seeded(seed));
            assertThat(r.got[0]).as("link 0, seed " + seed).isEqualTo(r.sent[0]);
            assertThat(r.got[1]).as("link 1, seed " + seed).isEqualTo(r.sent[1]);
        }
        Run calm = run(PullDriver::linewise, null);
        assertThat(calm.intact()).isTrue();
    }
}
