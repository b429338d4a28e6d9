package dev.sim800emu.modem.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** AT+CNTPCID and AT+CNTP on the engine (NTP application note; sim800-apps.md §6). */
class NtpAppTest {
    private static final String OK = "\r\nOK\r\n";
    private final ModemHarness h = new ModemHarness(ModemConfig.builder().bootMillis(0).activationMillis(0)
            .wallClock(Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC)).build()).quiet();

    /** A server answer: mode 4, stratum 2, transmit time {@code unixSeconds} + half a second. */
    static byte[] answer(long unixSeconds) {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.put(0, (byte) 0x1C).put(1, (byte) 2);
        b.putInt(40, (int) (unixSeconds + 2_208_988_800L)).putInt(44, 0x8000_0000);
        return b.array();
    }

    @Test
    void syncSetsTheClockInTheConfiguredZone() {
        h.net.name("pool.ntp.org", "162.159.200.1");
        assertThat(h.at("AT+SAPBR=1,1")).isEqualTo(OK);
        assertThat(h.at("AT+CNTPCID=1")).isEqualTo(OK);
        assertThat(h.at("AT+CNTP=\"pool.ntp.org\",32")).isEqualTo(OK);
        assertThat(h.at("AT+CNTP?")).isEqualTo("\r\n+CNTP: \"pool.ntp.org\",32\r\n" + OK);
        assertThat(h.at("AT+CNTP")).isEqualTo(OK);
        FakeLink l = h.net.last();
        assertThat(l.request.protocol()).isEqualTo(Protocol.UDP);
        assertThat(l.request.port()).isEqualTo(123);
        l.connect();
        assertThat(l.sent.toByteArray()).hasSize(48).startsWith(0x1B);
        l.receive(answer(Instant.parse("2013-09-11T12:23:25Z").getEpochSecond()));
        assertThat(h.take()).isEqualTo("\r\n+CNTP: 1\r\n");
        assertThat(l.closed).isTrue();
        assertThat(h.at("AT+CCLK?")).isEqualTo("\r\n+CCLK: \"13/09/11,20:23:25+32\"\r\n" + OK);
    }

    @Test
    void errorCodes() {
        h.at("AT+CNTP=\"pool.ntp.org\"");
        assertThat(h.at("AT+CNTP")).as("bearer closed").isEqualTo(OK + "\r\n+CNTP: 61\r\n");
        h.at("AT+SAPBR=1,1");
        assertThat(h.at("AT+CNTP")).as("unknown name").isEqualTo(OK + "\r\n+CNTP: 62\r\n");
        h.at("AT+CNTP=\"10.0.0.1\"");
        assertThat(h.at("AT+CNTP")).isEqualTo(OK);
        h.net.last().refuse();
        assertThat(h.take()).isEqualTo("\r\n+CNTP: 63\r\n");
        assertThat(h.at("AT+CNTP")).isEqualTo(OK);
        assertThat(h.at("AT+CNTP")).as("one at a time").isEqualTo("\r\nERROR\r\n");
        h.net.last().connect();
        h.net.last().receive(new byte[48]);
        assertThat(h.take()).isEqualTo("\r\n+CNTP: 64\r\n");
        assertThat(h.at("AT+CNTP")).isEqualTo(OK);
        h.net.last().connect();
        h.clock.advance(4_999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\n+CNTP: 65\r\n");
        assertThat(h.at("AT+CCLK?")).as("clock untouched").isEqualTo("\r\n+CCLK: \"20/01/01,00:00:00+00\"\r\n" + OK);
    }

    @Test
    void forms() {
        assertThat(h.at("AT+CNTPCID=?")).isEqualTo("\r\n+CNTPCID: (1-3)\r\n" + OK);
        assertThat(h.at("AT+CNTPCID?")).isEqualTo("\r\n+CNTPCID: 1\r\n" + OK);
        assertThat(h.at("AT+CNTPCID=4")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CNTP=?")).isEqualTo("\r\n+CNTP: (1-64),(-47-48)\r\n" + OK);
        assertThat(h.at("AT+CNTP")).as("no server set").isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CNTP=pool.ntp.org,-8")).isEqualTo(OK);
        assertThat(h.at("AT+CNTP?")).isEqualTo("\r\n+CNTP: \"pool.ntp.org\",-8\r\n" + OK);
        assertThat(h.at("AT+CNTP=\"x\",49")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CNTP=\"x\",-48")).isEqualTo("\r\nERROR\r\n");
    }
}
