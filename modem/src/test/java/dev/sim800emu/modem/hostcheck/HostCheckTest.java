package dev.sim800emu.modem.hostcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.HostView;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each host-check rule: its mistake gives exactly one finding, the careful version none. */
class HostCheckTest {
    private ModemHarness h = new ModemHarness().quiet();
    private final List<Finding> found = new ArrayList<>();
    private HostCheck check = new HostCheck(new HostView(h.modem), found::add);

    /** One host write: the check sees it, the modem reads it, the check sees what it printed. */
    private void write(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        check.fromHost(b, 0, b.length, h.clock.nowMillis());
        h.send(b);
        check.fromModem(h.takeBytes());
    }

    private void pass(long millis) {
        h.clock.advance(millis);
        check.fromModem(h.takeBytes());
    }

    private List<String> lines() {
        return found.stream().map(Finding::line).toList();
    }

    private FakeLink connect() {
        write("AT+CSTT=\"CMNET\"\r");
        write("AT+CIICR\r");
        write("AT+CIFSR\r");
        write("AT+CIPSTART=\"TCP\",\"116.228.221.51\",80\r");
        FakeLink l = h.net.last();
        l.connect();
        l.autoAck = true;
        check.fromModem(h.takeBytes());
        return l;
    }

    @Test
    void aCarefulDialogGivesNoFinding() {
        FakeLink l = connect();
        write("AT+CIPSEND=5\r\n");
        write("hello");
        write("AT+CIPSEND\r");
        write("world\u001a");
        write("AT+CIPCLOSE\r");
        check.finish();
        assertThat(found).isEmpty();
        assertThat(l.sentText()).isEqualTo("helloworld");
        assertThat(check.summary()).isEqualTo("host-check: no findings");
    }

    @Test
    void commandBeforeResult() {
        write("AT\rAT+CSQ\r"); // the second line started before the first line's OK
        write("AT+CIICR\r"); // not a mistake in itself: CSTT first … (ERROR)
        assertThat(lines()).containsExactly("host-check: command-before-result \"AT+CSQ\" (§1.3, M §1.4.5)");
    }

    @Test
    void commandBeforeAPendingResult() {
        h = new ModemHarness(ModemConfig.builder().bootMillis(0).activationMillis(500).build()).quiet();
        check = new HostCheck(new HostView(h.modem), found::add);
        write("AT+CSTT=\"CMNET\"\r");
        write("AT+CIICR\r");
        write("AT+CIFSR\r"); // CIICR's OK is 500 ms away
        pass(500);
        assertThat(lines()).containsExactly("host-check: command-before-result \"AT+CIFSR\" (§1.3, M §1.4.5)");
    }

    @Test
    void lineTooLong() {
        write("AT+CSQ" + ";+CSQ".repeat(111) + "\r"); // 559 characters after AT
        write("AT" + "E0".repeat(278) + "\r"); // 556: the limit itself is fine
        assertThat(found).singleElement().extracting(Finding::rule).isEqualTo(HostRule.LINE_TOO_LONG);
        assertThat(found.get(0).bytes()).endsWith("…(559 characters after AT)");
    }

    @Test
    void payloadBeforePrompt() {
        connect();
        write("AT+CIPSEND=5\r\nhello");
        assertThat(lines()).containsExactly("host-check: payload-before-prompt \"hello\" (§3.3)");
    }

    @Test
    void payloadTooLong() {
        connect();
        write("AT+CIPSEND=5\r");
        write("hello\r\n");
        assertThat(lines()).containsExactly("host-check: payload-too-long \"\\r\\n\" (§3.3, AN §7.1)");
    }

    @Test
    void payloadTooShort() {
        FakeLink l = connect();
        write("AT+CIPSEND=10\r");
        write("hello");
        pass(3000); // the host waits for SEND OK that cannot come, then goes on
        write("AT+CIPSTATUS\r");
        assertThat(lines()).containsExactly(
                "host-check: payload-too-short \"5 of 10 bytes, then \"A\"…\" (§3.3, AN §7.1)");
        assertThat(l.sentText()).isEqualTo("helloAT+CI"); // the chip took the command for payload
        check.finish();
        assertThat(found).hasSize(1); // nothing more at the end
    }

    @Test
    void payloadTooShortAtTheEnd() {
        connect();
        write("AT+CIPSEND=10\r");
        write("hello");
        check.finish();
        assertThat(found).singleElement().extracting(Finding::rule).isEqualTo(HostRule.PAYLOAD_TOO_SHORT);
    }

    @Test
    void payloadOverLimit() {
        connect();
        write("AT+CIPSEND\r");
        write("x".repeat(1461) + "\u001a");
        write("AT+CIPSEND=1460\r");
        write("y".repeat(1460));
        assertThat(lines()).containsExactly(
                "host-check: payload-over-limit \"Ctrl-Z payload over 1460 bytes\" (§3.3, §2.2, AN §7.3)");
    }

    @Test
    void sendOnClosedLink() {
        FakeLink l = connect();
        l.peerClose();
        check.fromModem(h.takeBytes());
        write("AT+CIPSEND=5\r");
        assertThat(lines()).containsExactly("host-check: send-on-closed-link \"AT+CIPSEND=5\" (§3.3)");
    }

    @Test
    void inputDuringBoot() {
        h = new ModemHarness(ModemConfig.builder().bootMillis(3000).activationMillis(0).build());
        check = new HostCheck(new HostView(h.modem), found::add);
        h.modem.powerOn();
        write("AT\r");
        pass(500);
        write("AT\r"); // the same boot: one finding
        pass(2500);
        write("AT\r");
        assertThat(lines()).containsExactly("host-check: input-during-boot \"AT\\r\" (§5.2, M §19.3)");
    }

    @Test
    void escapeWithoutGuard() {
        write("AT+CIPMODE=1\r");
        connect();
        write("data+++"); // no silence before the +++
        pass(1500);
        write("more");
        pass(1500);
        write("+++"); // silence before, silence after: command mode
        pass(1500);
        write("AT\r");
        assertThat(lines()).containsExactly("host-check: escape-without-guard \"+++\" (§7, M §2.2.12)");
    }

    @Test
    void rxgetAfterConnect() {
        connect();
        write("AT+CIPRXGET=1\r");
        assertThat(lines()).containsExactly("host-check: rxget-after-connect \"AT+CIPRXGET=1\" (§2.5, §3.26)");
    }

    @Test
    void summaryCountsByRule() {
        write("AT\rAT\rAT\r");
        assertThat(check.summary()).isEqualTo("host-check: 2 findings (command-before-result ×2)");
    }
}
