package dev.sim800emu.modem.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.ControlException;
import dev.sim800emu.modem.control.ControlTarget;
import dev.sim800emu.modem.control.ModemStatus;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ManualClock;
import dev.sim800emu.modem.testing.ModemHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner with the manual clock: when each step acts, and what the host sees. */
class ScenarioRunnerTest {
    private ManualClock clock = new ManualClock();
    private final List<String> log = new ArrayList<>();

    /** Records each command with the time it arrived; refuses the verbs in {@code refuse}. */
    private class Recorder implements ControlTarget {
        final List<String> refuse = new ArrayList<>();

        @Override
        public void apply(ControlCommand command) {
            if (refuse.contains(command.verb())) {
                throw new ControlException("no " + command.verb() + " today");
            }
            log.add(clock.nowMillis() + " " + command.verb());
        }

        @Override
        public ModemStatus status() {
            throw new ControlException("not needed");
        }
    }

    private final ScenarioListener listener = new ScenarioListener() {
        @Override
        public void refused(Step step, String reason) {
            log.add(clock.nowMillis() + " refused " + step.describe() + ": " + reason);
        }

        @Override
        public void finished() {
            log.add(clock.nowMillis() + " finished");
        }
    };

    private ScenarioRunner runner(String yaml, ControlTarget target) {
        return new ScenarioRunner(ScenarioParser.parse(yaml), clock, target, listener);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void host(ScenarioRunner r, String s) {
        byte[] b = bytes(s);
        r.fromHost(b, 0, b.length);
    }

    private static void modem(ScenarioRunner r, String s) {
        byte[] b = bytes(s);
        r.fromModem(b, 0, b.length);
    }

    @Test
    void timedStepsCountFromTheStartOrThePreviousStep() {
        clock.advance(1000); // the scenario's clock starts with start(), not at zero
        ScenarioRunner r = runner("""
                - at: 2s
                  do: detach
                - after: 500ms
                  do: reboot
                - at: 1s
                  do: hangup
                """, new Recorder());
        r.start();
        clock.advance(10_000);
        assertThat(log).containsExactly("3000 detach", "3500 reboot", "3500 hangup", "3500 finished");
        assertThat(r.finished()).isTrue();
    }

    @Test
    void aWhenStepWaitsForItsLineThenItsDelay() {
        ScenarioRunner r = runner("""
                - when: {host: "AT+CIPSTART"}
                  do: hangup
                - when: {modem: "CONNECT OK"}
                  delay: 5s
                  do: pdp-deact
                """, new Recorder());
        r.start();
        modem(r, "\r\nCONNECT OK\r\n"); // before its turn: the first step has not acted
        clock.advance(100);
        host(r, "AT+CIPST");
        clock.advance(100);
        assertThat(log).isEmpty();
        host(r, "ART=\"TCP\",\"1.2.3.4\",80\r");
        assertThat(log).as("acts from a timer, not inside the byte callback").isEmpty();
        clock.advance(0);
        assertThat(log).containsExactly("200 hangup");
        clock.advance(1000);
        modem(r, "\r\nOK\r\n\r\nCONNECT OK\r\n");
        clock.advance(4999);
        assertThat(log).hasSize(1);
        clock.advance(1);
        assertThat(log).containsExactly("200 hangup", "6200 pdp-deact", "6200 finished");
    }

    @Test
    void aRefusalIsReportedAndTheScenarioGoesOn() {
        Recorder target = new Recorder();
        target.refuse.add("detach");
        ScenarioRunner r = runner("""
                - after: 1s
                  do: detach
                - after: 1s
                  do: reboot
                """, target);
        r.start();
        clock.advance(5000);
        assertThat(log).containsExactly("1000 refused line 1: detach: no detach today", "2000 reboot", "2000 finished");
    }

    @Test
    void stopCancelsWhatIsPending() {
        ScenarioRunner r = runner("- after: 1s\n  do: reboot\n", new Recorder());
        r.start();
        r.stop();
        clock.advance(5000);
        assertThat(log).isEmpty();
    }

    @Test
    void fiveSecondsAfterConnectOkTheHostSeesPdpDeact() {
        ModemHarness h = new ModemHarness();
        clock = h.clock;
        h.booted();
        // The engine's own control plane carries the command out; the recorder keeps the log.
        ControlTarget target = new Recorder() {
            @Override
            public void apply(ControlCommand command) {
                super.apply(command);
                h.modem.control().apply(command);
            }
        };
        ScenarioRunner r = new ScenarioRunner(ScenarioParser.parse("""
                - when: {modem: "CONNECT OK"}
                  delay: 5s
                  do: pdp-deact
                """), h.clock, target, listener);
        r.start();
        for (String line : List.of("ATE0", "AT+CSTT=\"CMNET\"", "AT+CIICR", "AT+CIFSR",
                "AT+CIPSTART=\"TCP\",\"116.228.221.51\",\"8500\"")) {
            r.fromHost(bytes(line + "\r"), 0, line.length() + 1);
            h.send(line + "\r");
            byte[] out = h.takeBytes();
            r.fromModem(out, 0, out.length);
        }
        FakeLink link = h.net.last();
        link.connect();
        byte[] out = h.takeBytes();
        assertThat(new String(out, StandardCharsets.ISO_8859_1)).isEqualTo("\r\nCONNECT OK\r\n");
        r.fromModem(out, 0, out.length);
        h.clock.advance(4999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\n+PDP: DEACT\r\n");
        assertThat(log).containsExactly("5000 pdp-deact", "5000 finished");
    }
}
