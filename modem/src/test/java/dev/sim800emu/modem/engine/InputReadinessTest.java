package dev.sim800emu.modem.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.testing.ModemHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The endpoint pauses reading while the inbox is backed up, and must be told when it drains. */
class InputReadinessTest {
    private static final int TYPED = 24_000; // 72,000 bytes of "AT\r"

    @Test
    void typeAheadBehindPendingCiicrDrainsAndInputIsReadyAgain() {
        ModemHarness h = new ModemHarness(ModemConfig.builder().bootMillis(0).activationMillis(2000).build()).quiet();
        assertThat(h.at("AT+CSTT=\"CMNET\"")).isEqualTo("\r\nOK\r\n");
        h.send("AT+CIICR\r");
        h.send("AT\r".repeat(TYPED).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(h.take()).isEmpty(); // CIICR is still pending: everything waits
        assertThat(h.modem.inputReady()).isFalse();

        h.clock.advance(2000);

        assertThat(h.take()).isEqualTo("\r\nOK\r\n" + "\r\nOK\r\n".repeat(TYPED));
        assertThat(h.modem.inputReady()).isTrue();
    }

    @Test
    void typeAheadWithoutLineEndsDrainsAndInputIsReadyAgain() {
        // No line completes while the inbox drains, so only the drain itself can restore readiness.
        ModemHarness h = new ModemHarness(ModemConfig.builder().bootMillis(0).activationMillis(2000).build()).quiet();
        h.at("AT+CSTT=\"CMNET\"");
        h.send("AT+CIICR\r");
        h.send("x".repeat(72_000));
        assertThat(h.modem.inputReady()).isFalse();

        h.clock.advance(2000);

        assertThat(h.take()).isEqualTo("\r\nOK\r\n");
        assertThat(h.modem.inputReady()).isTrue();
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }
}
