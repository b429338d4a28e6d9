package dev.sim800emu.modem.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, reduced: a command that completes later (AT+CIICR) with 64 KiB or more typed behind it
 * paused input, and nothing resumed it once the command had completed.
 */
class WedgeReproTest {

    @Test
    void inputResumesWhenAPendingCiicrCompletesWith64KiBTypedBehindIt() {
        ModemHarness h = new ModemHarness(ModemConfig.builder().bootMillis(0).activationMillis(100).build()).quiet();
        assertThat(h.at("AT+CSTT=\"CMNET\"")).isEqualTo("\r\nOK\r\n");
        h.send("AT+CIICR\r");
        // A command, then a long run of bytes that ends no line (noise, a line still being typed).
        h.send("AT+CIFSR\r" + "x".repeat(64 * 1024));
        assertThat(h.modem.inputReady()).as("paused while CIICR runs with 64 KiB typed behind it").isFalse();
        assertThat(h.take()).isEmpty();
        h.clock.advance(100);
        assertThat(h.take()).as("CIICR, then the typed command").isEqualTo("\r\nOK\r\n\r\n10.78.245.128\r\n");
        assertThat(h.modem.inputReady()).as("input resumes once the inbox has drained").isTrue();
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
        assertThat(h.modem.internalErrors()).isZero();
    }
}
