package dev.sim800emu.modem.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakePing;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** AT+CIPPING on the engine (manual §10.2.1, §19.11; sim800-apps.md §5.1), byte for byte. */
class PingAppTest {
    private static final String OK = "\r\nOK\r\n";
    private final ModemHarness h = new ModemHarness().quiet();

    private void contextUp() {
        h.at("AT+CSTT=\"CMNET\"");
        h.at("AT+CIICR");
        h.at("AT+CIFSR");
    }

    @Test
    void forms() {
        assertThat(h.at("AT+CIPPING=?")).isEqualTo("\r\n+CIPPING: (1-100),(0-1024),(1-600),(1-255)\r\n" + OK);
        assertThat(h.at("AT+CIPPING?")).isEqualTo("\r\n+CIPPING: 4,32,100,64\r\n" + OK);
    }

    @Test
    void eachLineAsItsRequestEndsThenOk() {
        contextUp();
        assertThat(h.at("AT+CIPPING=\"8.8.8.8\",3,64,20,100")).as("nothing until the first reply").isEmpty();
        FakePing first = h.net.lastPing();
        assertThat(first.address().getHostAddress()).isEqualTo("8.8.8.8");
        assertThat(first.dataLength()).isEqualTo(64);
        assertThat(first.ttl()).isEqualTo(100);
        assertThat(first.timeoutMillis()).isEqualTo(2_000);
        h.clock.advance(70);
        first.reply(70, 117);
        assertThat(h.take()).isEqualTo("\r\n+CIPPING: 1,\"8.8.8.8\",1,117\r\n");
        assertThat(h.net.pings).as("the next request goes out at once").hasSize(2);
        // The second is lost: after the 2 s timeout the chip's 600,255.
        h.clock.advance(1_999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\n+CIPPING: 2,\"8.8.8.8\",600,255\r\n");
        h.net.pings.get(1).reply(2_500, 117);
        assertThat(h.take()).as("a late reply is ignored").isEmpty();
        h.net.lastPing().reply(701, 52);
        assertThat(h.take()).as("round trips in 100 ms units, rounded up")
                .isEqualTo("\r\n+CIPPING: 3,\"8.8.8.8\",8,52\r\n" + OK);
        assertThat(h.net.pings).hasSize(3);
        assertThat(h.at("AT+CIPPING?")).isEqualTo("\r\n+CIPPING: 3,64,20,100\r\n" + OK);
    }

    @Test
    void defaultsFourRequestsOfTenSecondsAndHostNamesResolve() {
        contextUp();
        h.net.name("www.google.cn", "203.208.37.99");
        h.at("AT+CIPPING=www.google.cn");
        for (int i = 1; i <= 4; i++) {
            FakePing p = h.net.lastPing();
            assertThat(p.timeoutMillis()).isEqualTo(10_000);
            assertThat(p.dataLength()).isEqualTo(32);
            assertThat(p.ttl()).isEqualTo(64);
            p.reply(7_000, 239);
            assertThat(h.take()).isEqualTo("\r\n+CIPPING: " + i + ",\"203.208.37.99\",70,239\r\n" + (i == 4 ? OK : ""));
        }
        assertThat(h.at("AT")).isEqualTo(OK);
    }

    @Test
    void typeAheadWaitsForTheFinalResult() {
        contextUp();
        h.send("AT+CIPPING=1.2.3.4,1\rAT\r");
        assertThat(h.take()).isEmpty();
        h.clock.advance(10_000);
        assertThat(h.take()).isEqualTo("\r\n+CIPPING: 1,\"1.2.3.4\",600,255\r\n" + OK + OK);
    }

    @Test
    void errors() {
        assertThat(h.at("AT+CIPPING=8.8.8.8")).as("no CIP context").isEqualTo("\r\nERROR\r\n");
        h.at("AT+CSTT=\"CMNET\"");
        assertThat(h.at("AT+CIPPING=8.8.8.8")).as("IP START").isEqualTo("\r\nERROR\r\n");
        h.at("AT+CIICR");
        for (String bad : new String[] {"AT+CIPPING=", "AT+CIPPING=8.8.8.8,0", "AT+CIPPING=8.8.8.8,101",
                "AT+CIPPING=8.8.8.8,1,1025", "AT+CIPPING=8.8.8.8,1,1,0", "AT+CIPPING=8.8.8.8,1,1,601",
                "AT+CIPPING=8.8.8.8,1,1,1,0", "AT+CIPPING=8.8.8.8,1,1,1,256", "AT+CIPPING=8.8.8.8,1,1,1,1,1"}) {
            assertThat(h.at(bad)).as(bad).isEqualTo("\r\nERROR\r\n");
        }
        assertThat(h.net.pings).isEmpty();
        assertThat(h.at("AT+CIPPING=nowhere.invalid")).as("a name that does not resolve").isEqualTo("\r\nERROR\r\n");
        assertThat(h.net.pings).isEmpty();
    }

    @Test
    void theContextDroppingEndsThePing() {
        contextUp();
        h.at("AT+CIPPING=8.8.8.8,3");
        h.modem.control().apply(new dev.sim800emu.modem.control.ControlCommand.PdpDeact());
        h.net.lastPing().reply(100, 60);
        assertThat(h.take()).isEqualTo("\r\n+CIPPING: 1,\"8.8.8.8\",1,60\r\n\r\nERROR\r\n\r\n+PDP: DEACT\r\n");
        assertThat(h.net.pings).hasSize(1);
    }

    @Test
    void aPowerCycleStopsItSilently() {
        contextUp();
        h.at("AT+CIPPING=8.8.8.8,2");
        h.modem.powerOff();
        h.clock.advance(60_000);
        assertThat(h.take()).isEmpty();
        assertThat(h.net.pings).hasSize(1);
    }
}
