package dev.sim800emu.modem.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ApnRule;
import dev.sim800emu.modem.LineState;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.ModemLines;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every place input can pause, and every path that frees it (issue 8). Host input pauses
 * ({@link ModemEngine#inputReady()} false, and CTS off with AT+IFC=x,2) on:
 * <ul>
 *   <li>type-ahead: 64 KiB waiting behind a running command — CIICR, CIPSERVER, CIPSEND waiting for
 *       its payload's acknowledgement;
 *   <li>a backed-up transparent uplink, in data mode.
 * </ul>
 * Link input (a link's socket stops being read) pauses on:
 * <ul>
 *   <li>host back-pressure of output: more than 64 KiB held because RTS is off (AT+IFC=2,x) or the
 *       host's socket is full;
 *   <li>a full manual-receive buffer (CIPRXGET=1);
 *   <li>a full transparent downlink while the host is in command mode.
 * </ul>
 * Payload and data modes, sleep and power off drop or route input but never pause it. Each test
 * pauses, frees the condition one way, and checks that input is taken again and answered.
 */
class InputResumeTest {
    static final int TYPE_AHEAD = 64 * 1024;

    final List<Boolean> readiness = new ArrayList<>();
    final List<LineState> lines = new ArrayList<>();

    ModemHarness harness(ModemConfig config) {
        ModemHarness h = new ModemHarness(config).quiet();
        h.modem.attachLines(new ModemLines() {
            @Override
            public void onLines(LineState state) {
                lines.add(state);
            }

            @Override
            public void onInputReady(boolean ready) {
                readiness.add(ready);
            }
        });
        return h;
    }

    ModemHarness harness() {
        return harness(ModemConfig.builder().bootMillis(0).activationMillis(100).build());
    }

    /** A command, then 64 KiB that end no line: typed behind whatever runs. */
    static String typedBehind() {
        return "AT\r" + "x".repeat(TYPE_AHEAD);
    }

    boolean cts() {
        return lines.get(lines.size() - 1).cts();
    }

    /** Input is taken again: ready, CTS on (with AT+IFC=x,2), AT answered, no internal error. */
    void assertResumed(ModemHarness h) {
        assertThat(h.modem.inputReady()).as("input ready").isTrue();
        assertThat(readiness).as("readiness published").endsWith(true);
        if (h.modem.settings().get(dev.sim800emu.modem.settings.Setting.IFC_DTE) == 2) {
            assertThat(cts()).as("CTS").isTrue();
        }
        h.take();
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
        assertThat(h.modem.internalErrors()).isZero();
    }

    void assertPaused(ModemHarness h) {
        assertThat(h.modem.inputReady()).as("input paused").isFalse();
        assertThat(readiness).endsWith(false);
        if (h.modem.settings().get(dev.sim800emu.modem.settings.Setting.IFC_DTE) == 2) {
            assertThat(cts()).as("CTS").isFalse();
        }
    }

    // ------------------------------------------------------------------ type-ahead behind a command

    @Nested
    class TypeAheadBehindCiicr {
        final ModemHarness h = harness();

        void pauseBehindCiicr() {
            h.at("AT+IFC=2,2");
            h.at("AT+CSTT=\"CMNET\"");
            h.send("AT+CIICR\r");
            h.send(typedBehind());
            assertPaused(h);
        }

        @Test
        void activationSucceeds() {
            pauseBehindCiicr();
            h.clock.advance(100);
            assertThat(h.take()).isEqualTo("\r\nOK\r\n\r\nOK\r\n");
            assertResumed(h);
        }

        @Test
        void activationRejected() {
            ModemHarness r = harness(ModemConfig.builder().bootMillis(0).activationMillis(100)
                    .apnRules(List.of(new ApnRule("internet", null, null))).build());
            r.at("AT+CSTT=\"CMNET\"");
            r.send("AT+CIICR\r");
            r.send(typedBehind());
            assertThat(r.modem.inputReady()).isFalse();
            r.clock.advance(100);
            assertThat(r.take()).isEqualTo("\r\n+PDP: DEACT\r\n\r\nERROR\r\n\r\nOK\r\n");
            assertResumed(r);
        }

        /** The network drops GPRS while CIICR activates: it fails instead of hanging for ever. */
        @Test
        void networkDeactivatesDuringActivation() {
            pauseBehindCiicr();
            h.modem.events().dropGprs();
            h.clock.advance(100);
            assertThat(h.take()).isEqualTo("\r\nERROR\r\n\r\n+PDP: DEACT\r\n\r\nOK\r\n");
            assertResumed(h);
        }

        @Test
        void powerOffDuringActivation() {
            pauseBehindCiicr();
            h.modem.powerOff();
            assertThat(h.modem.inputReady()).as("a modem that is off pauses nothing").isTrue();
            h.modem.powerOn();
            h.take();
            h.at("ATE0");
            assertResumed(h);
        }

        /** A stale activation timer must not complete a command of the next power cycle. */
        @Test
        void powerCycleDuringActivationThenActivateAgain() {
            h.at("AT+CSTT=\"CMNET\"");
            h.send("AT+CIICR\r");
            h.clock.advance(50);
            h.modem.powerOff();
            h.modem.powerOn();
            h.take();
            h.at("ATE0");
            h.at("AT+CSTT=\"CMNET\"");
            h.send("AT+CIICR\r");
            h.clock.advance(50);
            assertThat(h.take()).as("the old timer fired: the new CIICR still runs").isEmpty();
            h.clock.advance(50);
            assertThat(h.take()).isEqualTo("\r\nOK\r\n");
            assertResumed(h);
        }

        @Test
        void rebootTypedBehind() {
            h.at("AT+CSTT=\"CMNET\"");
            h.send("AT+CIICR\r");
            h.send("AT+CFUN=1,1\r" + "x".repeat(TYPE_AHEAD));
            assertThat(h.modem.inputReady()).isFalse();
            h.clock.advance(100);
            h.take();
            h.at("ATE0");
            assertResumed(h);
        }

        @Test
        void powerDownTypedBehind() {
            h.at("AT+CSTT=\"CMNET\"");
            h.send("AT+CIICR\r");
            h.send("AT+CPOWD=1\r" + "x".repeat(TYPE_AHEAD));
            assertThat(h.modem.inputReady()).isFalse();
            h.clock.advance(100);
            assertThat(h.modem.power()).isEqualTo(ModemEngine.Power.OFF);
            assertThat(h.modem.inputReady()).isTrue();
            assertThat(readiness).endsWith(true);
            assertThat(h.take()).endsWith("\r\nOK\r\n\r\nNORMAL POWER DOWN\r\n");
        }
    }

    @Nested
    class TypeAheadBehindCipserver {
        final ModemHarness h = harness();

        @Test
        void listening() {
            h.net.deferListens = true;
            h.send("AT+CIPSERVER=1,8888\r");
            h.send(typedBehind());
            assertPaused(h);
            h.net.answerListens();
            assertThat(h.take()).isEqualTo("\r\nOK\r\n\r\nSERVER OK\r\n\r\nOK\r\n");
            assertResumed(h);
        }

        @Test
        void listenFails() {
            h.net.deferListens = true;
            h.net.listenFailure = "in use";
            h.send("AT+CIPSERVER=1,8888\r");
            h.send(typedBehind());
            assertPaused(h);
            h.net.answerListens();
            assertThat(h.take()).isEqualTo("\r\nERROR\r\n\r\nOK\r\n");
            assertResumed(h);
        }
    }

    /** CIPSEND: the payload, then the wait for its acknowledgement, with 64 KiB typed behind. */
    @Nested
    class TypeAheadBehindCipsend {
        final ModemHarness h = harness();
        FakeLink link;

        void pauseBehindSend() {
            h.at("AT+IFC=2,2");
            h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
            link = h.net.last();
            link.connect();
            h.take();
            h.send("AT+CIPSEND=5\r" + "hello" + typedBehind());
            assertThat(link.sentText()).isEqualTo("hello");
            assertPaused(h);
        }

        @Test
        void acknowledged() {
            pauseBehindSend();
            link.ackAll();
            assertThat(h.take()).endsWith("SEND OK\r\n\r\nOK\r\n");
            assertResumed(h);
        }

        @Test
        void peerClosesBeforeTheAcknowledgement() {
            pauseBehindSend();
            link.peerClose();
            assertThat(h.take()).endsWith("SEND FAIL\r\n\r\nCLOSED\r\n\r\nOK\r\n");
            assertResumed(h);
        }

        @Test
        void noAcknowledgementGivesUp() {
            pauseBehindSend();
            h.clock.advance(645_000);
            assertThat(h.take()).endsWith("SEND FAIL\r\n\r\nCLOSED\r\n\r\nOK\r\n");
            assertResumed(h);
        }

        @Test
        void networkDeactivates() {
            pauseBehindSend();
            h.modem.events().dropGprs();
            assertThat(h.take()).endsWith("SEND FAIL\r\n\r\n+PDP: DEACT\r\n\r\nOK\r\n");
            assertResumed(h);
        }

        @Test
        void timedSendEndsThePayload() {
            h.at("AT+CIPATS=1,1");
            h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
            link = h.net.last();
            link.connect();
            h.take();
            h.send("AT+CIPSEND\r" + "abc");
            h.clock.advance(1000);
            assertThat(link.sentText()).isEqualTo("abc");
            h.send(typedBehind());
            assertPaused(h);
            link.ackAll();
            assertResumed(h);
        }

        @Test
        void quickSendNeverPauses() {
            h.at("AT+CIPQSEND=1");
            h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
            link = h.net.last();
            link.connect();
            h.take();
            h.send("AT+CIPSEND=5\r" + "hello" + typedBehind());
            assertThat(h.take()).endsWith("DATA ACCEPT:5\r\n\r\nOK\r\n");
            assertResumed(h);
        }
    }

    // ------------------------------------------------------------------ transparent uplink

    @Nested
    class TransparentUplink {
        final ModemHarness h = harness();
        FakeLink link;

        void congest() {
            h.at("AT+IFC=2,2");
            h.at("AT+CIPMODE=1");
            h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
            link = h.net.last();
            link.connect();
            assertThat(h.take()).isEqualTo("\r\nCONNECT\r\n");
            h.send(new byte[300 * 1024]);
            assertPaused(h);
        }

        @Test
        void acknowledged() {
            congest();
            link.ackAll();
            assertThat(h.modem.inputReady()).isTrue();
            assertThat(cts()).isTrue();
            h.clock.advance(1000);
            h.send("+++");
            h.clock.advance(1000);
            assertResumed(h);
        }

        @Test
        void peerCloses() {
            congest();
            link.peerClose();
            assertThat(h.take()).isEqualTo("\r\nCLOSED\r\n");
            assertResumed(h);
        }

        /** AT&D1: back to command mode, link kept; commands are taken although the uplink is full. */
        @Test
        void dtrEscapes() {
            h.at("AT&D1");
            congest();
            h.modem.hostDtr(false);
            h.modem.hostDtr(true);
            assertThat(h.take()).isEqualTo("\r\nOK\r\n");
            assertResumed(h);
            assertThat(h.at("ATO")).isEqualTo("\r\nCONNECT\r\n");
            assertPaused(h);
            link.ackAll();
            assertThat(h.modem.inputReady()).isTrue();
        }

        @Test
        void dtrCloses() {
            h.at("AT&D2");
            congest();
            h.modem.hostDtr(false);
            h.modem.hostDtr(true);
            assertThat(h.take()).isEqualTo("\r\nCLOSED\r\n");
            assertResumed(h);
        }

        @Test
        void networkDeactivates() {
            congest();
            h.modem.events().dropGprs();
            assertThat(h.take()).isEqualTo("\r\n+PDP: DEACT\r\n");
            assertResumed(h);
        }

        @Test
        void powerOff() {
            congest();
            h.modem.powerOff();
            assertThat(h.modem.inputReady()).isTrue();
            assertThat(readiness).endsWith(true);
        }
    }

    // ------------------------------------------------------------------ sleep never pauses

    @Test
    void sleepDropsInputButNeverPausesIt() {
        ModemHarness h = harness();
        h.at("AT+CSCLK=1");
        h.modem.hostDtr(false);
        h.send(typedBehind());
        assertThat(h.modem.inputReady()).isTrue();
        assertThat(h.take()).isEmpty();
        h.modem.hostDtr(true);
        h.clock.advance(50);
        assertResumed(h);
        h.at("AT+CSCLK=2");
        h.clock.advance(5000);
        h.send(typedBehind());
        assertThat(h.modem.inputReady()).isTrue();
        h.clock.advance(100);
        assertResumed(h);
    }

    // ------------------------------------------------------------------ link input

    /** Host back-pressure of output: held output pauses every link; each way of releasing it resumes them. */
    @Nested
    class HeldOutput {
        final ModemHarness h = harness();
        FakeLink link;

        void connect() {
            h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
            link = h.net.last();
            link.connect();
            h.take();
        }

        @Test
        void socketDrains() {
            connect();
            h.modem.hostWritable(false);
            link.receive(new byte[70 * 1024]);
            assertThat(link.reading).isFalse();
            assertThat(h.modem.inputReady()).as("held output does not pause host input").isTrue();
            h.modem.hostWritable(true);
            assertThat(link.reading).isTrue();
            assertThat(h.takeBytes()).hasSize(70 * 1024);
        }

        @Test
        void rtsComesBack() {
            h.at("AT+IFC=2,2");
            connect();
            h.modem.hostRts(false);
            link.receive(new byte[70 * 1024]);
            assertThat(link.reading).isFalse();
            h.modem.hostRts(true);
            assertThat(link.reading).isTrue();
            assertThat(h.takeBytes()).hasSizeGreaterThanOrEqualTo(70 * 1024);
        }

        @Test
        void flowControlSwitchedOff() {
            h.at("AT+IFC=2,2");
            connect();
            h.modem.hostRts(false);
            link.receive(new byte[70 * 1024]);
            assertThat(link.reading).isFalse();
            h.send("AT+IFC=0,0\r");
            assertThat(link.reading).isTrue();
            assertThat(h.takeBytes()).hasSizeGreaterThanOrEqualTo(70 * 1024);
        }

        /** Power off drops the held output; the back-pressure must not outlive it. */
        @Test
        void powerOffThenNewLinksPauseAgain() {
            connect();
            h.modem.hostWritable(false);
            link.receive(new byte[70 * 1024]);
            assertThat(link.reading).isFalse();
            h.modem.powerOff();
            h.modem.hostWritable(true);
            h.modem.powerOn();
            h.take();
            h.at("ATE0");
            connect();
            h.modem.hostWritable(false);
            link.receive(new byte[70 * 1024]);
            assertThat(link.reading).as("the new link is back-pressured too").isFalse();
            h.modem.hostWritable(true);
            assertThat(link.reading).isTrue();
            assertThat(h.takeBytes()).hasSizeGreaterThanOrEqualTo(70 * 1024);
        }

        /** Reading a manual-receive buffer must not resume a link the held output pauses. */
        @Test
        void manualReadDoesNotOverrideHeldOutput() {
            h.at("AT+CIPRXGET=1");
            connect();
            link.receive(new byte[3000]);
            h.take();
            assertThat(link.reading).as("receive buffer full").isFalse();
            h.at("ATE1");
            h.modem.hostWritable(false);
            h.send("x".repeat(70 * 1024)); // echoed: held
            h.send("AT+CIPRXGET=2,1460\r");
            assertThat(link.reading).as("buffer has room, but output is held").isFalse();
            h.modem.hostWritable(true);
            assertThat(link.reading).isTrue();
            assertThat(h.takeBytes()).hasSizeGreaterThanOrEqualTo(70 * 1024);
        }
    }

    @Nested
    class ManualReceive {
        final ModemHarness h = harness();

        @Test
        void readingTheBufferResumes() {
            h.at("AT+CIPRXGET=1");
            h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
            FakeLink link = h.net.last();
            link.connect();
            link.receive(new byte[3000]);
            assertThat(link.reading).isFalse();
            h.take();
            h.at("AT+CIPRXGET=2,1460");
            assertThat(link.reading).isTrue();
            assertResumed(h);
        }
    }

    @Nested
    class TransparentDownlink {
        final ModemHarness h = harness();
        FakeLink link;

        void escapedWithFullDownlink() {
            h.at("AT+CIPMODE=1");
            h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
            link = h.net.last();
            link.connect();
            h.take();
            h.clock.advance(1000);
            h.send("+++");
            h.clock.advance(1000);
            assertThat(h.take()).isEqualTo("\r\nOK\r\n");
            link.receive(new byte[70 * 1024]);
            assertThat(link.reading).isFalse();
        }

        @Test
        void backToDataMode() {
            escapedWithFullDownlink();
            assertThat(h.at("ATO")).hasSize("\r\nCONNECT\r\n".length() + 70 * 1024);
            assertThat(link.reading).isTrue();
        }

        /** ATO empties the downlink into held output: the link stays paused until the host reads. */
        @Test
        void backToDataModeWhileTheHostIsFull() {
            escapedWithFullDownlink();
            h.modem.hostWritable(false);
            h.send("ATO\r");
            assertThat(link.reading).as("drained into held output, which is over its limit").isFalse();
            h.modem.hostWritable(true);
            assertThat(link.reading).isTrue();
            assertThat(h.take()).startsWith("\r\nCONNECT\r\n").hasSize("\r\nCONNECT\r\n".length() + 70 * 1024);
        }
    }
}
