package dev.sim800emu.modem.tcpip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/**
 * A DNS server that does not answer cannot stretch CIPSTART past its connect timeout (75 s on the
 * chip, lookup included), nor leave CDNSGIP without an answer: {@link TimedLookup}.
 */
class LookupTimeoutTest {
    private final ModemHarness h = new ModemHarness(ModemConfig.builder().connectTimeoutMillis(75_000).build()).quiet();

    private void bringUp() {
        assertThat(h.at("AT+CIPMUX=1")).isEqualTo("\r\nOK\r\n");
        h.at("AT+CSTT=\"CMNET\"");
        h.at("AT+CIICR");
        h.clock.advance(1000);
        h.take();
        assertThat(h.at("AT+CIFSR")).isEqualTo("\r\n10.78.245.128\r\n");
        h.net.name("slow.example", "10.1.2.3");
        h.net.deferLookups = true;
    }

    @Test
    void cipstartGivesUpOnASilentDnsServerAtTheConnectTimeout() {
        bringUp();
        assertThat(h.at("AT+CIPSTART=2,\"TCP\",\"slow.example\",80")).isEqualTo("\r\nOK\r\n");
        h.clock.advance(74_999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\n2, CONNECT FAIL\r\n");
        h.net.answerLookups(); // the late answer opens nothing
        assertThat(h.net.links).isEmpty();
        assertThat(h.take()).isEmpty();
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void theConnectGetsWhatIsLeftOfTheTimeout() {
        bringUp();
        assertThat(h.at("AT+CIPSTART=0,\"TCP\",\"slow.example\",80")).isEqualTo("\r\nOK\r\n");
        h.clock.advance(30_000);
        h.net.answerLookups();
        assertThat(h.net.last().request.connectTimeoutMillis()).isEqualTo(45_000);
        h.clock.advance(45_000);
        assertThat(h.take()).as("the lookup's timer was cancelled").isEmpty();
        h.net.last().connect();
        assertThat(h.take()).isEqualTo("\r\n0, CONNECT OK\r\n");
    }

    @Test
    void cdnsgipAnswersNetworkErrorAtTheLimit() {
        bringUp();
        assertThat(h.at("AT+CDNSGIP=\"slow.example\"")).isEqualTo("\r\nOK\r\n");
        h.clock.advance(75_000);
        assertThat(h.take()).isEqualTo("\r\n+CDNSGIP: 0,3\r\n");
        h.net.answerLookups();
        assertThat(h.take()).as("the late answer").isEmpty();
        assertThat(h.at("AT+CDNSGIP=\"slow.example\"")).isEqualTo("\r\nOK\r\n");
        h.clock.advance(2_000);
        h.net.answerLookups();
        assertThat(h.take()).isEqualTo("\r\n+CDNSGIP: 1,\"slow.example\",\"10.1.2.3\"\r\n");
    }
}
