package dev.sim800emu.modem.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.CellLocation;
import dev.sim800emu.modem.config.ChipModel;
import dev.sim800emu.modem.config.Firmware;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.testing.ModemHarness;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * AT+CIPGSMLOC (manual V1.10 §13.2.1) and AT+CLBS/AT+CLBSCFG (LBS note §2) on the engine: the
 * location the configuration or the control plane gives, longitude first, the date and time in GMT.
 */
class LocationAppTest {
    private static final String OK = "\r\nOK\r\n";
    private static final Instant NOW = Instant.parse("2015-10-15T19:24:55Z");

    private static ModemConfig.Builder config() {
        return ModemConfig.builder().bootMillis(0).activationMillis(0).wallClock(Clock.fixed(NOW, ZoneOffset.ofHours(8)));
    }

    private final ModemHarness h = new ModemHarness(config().location(new CellLocation(40.730160, -74.007729, 550)).build())
            .quiet();

    private void bearer() {
        h.at("AT+SAPBR=3,1,\"APN\",\"internet\"");
        assertThat(h.at("AT+SAPBR=1,1")).isEqualTo(OK);
    }

    @Test
    void cipgsmlocAsAdafruitsCapture() {
        bearer();
        assertThat(h.at("AT+CIPGSMLOC=?")).isEqualTo("\r\n+CIPGSMLOC: (1,2),(1-3)\r\n" + OK);
        assertThat(h.at("AT+CIPGSMLOC=1,1")).isEqualTo("\r\n+CIPGSMLOC: 0,-74.007729,40.730160,2015/10/15,19:24:55\r\n" + OK);
        assertThat(h.at("AT+CIPGSMLOC=2,1")).isEqualTo("\r\n+CIPGSMLOC: 0,2015/10/15,19:24:55\r\n" + OK);
    }

    @Test
    void aClosedBearerIsTheServicesNetworkError() {
        assertThat(h.at("AT+CIPGSMLOC=1,1")).isEqualTo("\r\n+CIPGSMLOC: 601\r\n" + OK);
        assertThat(h.at("AT+CLBS=1,1")).isEqualTo("\r\n+CLBS: 3\r\n" + OK);
        assertThat(h.at("AT+CLBS=4,1")).isEqualTo("\r\n+CLBS: 3\r\n" + OK);
        assertThat(h.at("AT+CLBS=3,1")).isEqualTo("\r\n+CLBS: 3\r\n" + OK);
        assertThat(h.at("AT+CLBS=9,1")).isEqualTo("\r\n+CLBS: 82\r\n" + OK);
        bearer();
        assertThat(h.at("AT+CIPGSMLOC=1,2")).as("another profile").isEqualTo("\r\n+CIPGSMLOC: 601\r\n" + OK);
    }

    @Test
    void clbsFormsAsTheLbsNote() {
        bearer();
        assertThat(h.at("AT+CLBS=?")).isEqualTo(
                "\r\n+CLBS: (1,3,4,9),(1-3),(-180.000000-180.000000),(-90.000000-90.000000),(0,1)\r\n" + OK);
        assertThat(h.at("AT+CLBS=3,1")).isEqualTo("\r\n+CLBS: 0,0\r\n" + OK);
        assertThat(h.at("AT+CLBS=1,1")).isEqualTo("\r\n+CLBS: 0,-74.007729,40.730160,550\r\n" + OK);
        assertThat(h.at("AT+CLBS=4,1")).isEqualTo("\r\n+CLBS: 0,-74.007729,40.730160,550,15/10/15,19:24:55\r\n" + OK);
        assertThat(h.at("AT+CLBS=3,1")).as("two requests served").isEqualTo("\r\n+CLBS: 0,2\r\n" + OK);
        assertThat(h.at("AT+CLBSCFG=?")).isEqualTo("\r\n+CLBSCFG: 0,(1-2),\"ParamValue\"\r\n" + OK);
        assertThat(h.at("AT+CLBSCFG=0,1")).isEqualTo("\r\n+CLBSCFG: 0,1,\"CUSTES\"\r\n" + OK);
        assertThat(h.at("AT+CLBSCFG=0,2")).isEqualTo("\r\n+CLBSCFG: 0,2,2\r\n" + OK);
        assertThat(h.at("AT+CLBS=9,1")).isEqualTo("\r\n+CLBS: 80\r\n" + OK);
        assertThat(h.at("AT+CLBS=9,1,121.359505,31.217055")).isEqualTo("\r\n+CLBS: 80\r\n" + OK);
        assertThat(h.at("AT+CLBS=9,1,121.359505,31.217055,1")).isEqualTo("\r\n+CLBS: 80\r\n" + OK);
        assertThat(h.at("AT+CLBS=9,1,181,31")).isEqualTo("\r\n+CLBS: 81\r\n" + OK);
        assertThat(h.at("AT+CLBS=9,1,121,-91")).isEqualTo("\r\n+CLBS: 81\r\n" + OK);
        assertThat(h.at("AT+CLBS=9,1,east,31")).isEqualTo("\r\n+CLBS: 81\r\n" + OK);
        assertThat(h.at("AT+CLBS=9,1,121,31,2")).isEqualTo("\r\n+CLBS: 81\r\n" + OK);
        assertThat(h.at("AT+CLBS=9,1,121")).isEqualTo("\r\n+CLBS: 81\r\n" + OK);
    }

    @Test
    void badParametersAreErrors() {
        bearer();
        for (String bad : new String[] {"AT+CIPGSMLOC=0,1", "AT+CIPGSMLOC=3,1", "AT+CIPGSMLOC=1,0", "AT+CIPGSMLOC=1,4",
                "AT+CIPGSMLOC=1", "AT+CIPGSMLOC=1,1,1", "AT+CIPGSMLOC?", "AT+CLBS=2,1", "AT+CLBS=5,1", "AT+CLBS=1",
                "AT+CLBS=1,4", "AT+CLBS=1,1,1", "AT+CLBS=10,1", "AT+CLBSCFG=1,1", "AT+CLBSCFG=0,3", "AT+CLBSCFG=0"}) {
            assertThat(h.at(bad)).as(bad).isEqualTo("\r\nERROR\r\n");
        }
    }

    @Test
    void theControlPlaneMovesTheModemAndAPowerCycleKeepsIt() {
        bearer();
        h.modem.control().apply(new ControlCommand.Location(new CellLocation(-33.856784, 151.215297, 1200)));
        assertThat(h.at("AT+CLBS=1,1")).isEqualTo("\r\n+CLBS: 0,151.215297,-33.856784,1200\r\n" + OK);
        h.modem.powerOff();
        h.modem.powerOn();
        h.take();
        h.at("ATE0");
        bearer();
        assertThat(h.at("AT+CIPGSMLOC=1,1")).isEqualTo("\r\n+CIPGSMLOC: 0,151.215297,-33.856784,2015/10/15,19:24:55\r\n" + OK);
    }

    @Test
    void theDefaultIsTheLbsNotesPoint() {
        ModemHarness d = new ModemHarness(config().build()).quiet();
        d.at("AT+SAPBR=1,1");
        assertThat(d.at("AT+CLBS=1,1")).isEqualTo("\r\n+CLBS: 0,121.359505,31.217055,637\r\n" + OK);
    }

    @Test
    void release13HasCipgsmlocButNoLbs() {
        ModemHarness r13 = new ModemHarness(config().identity(ModemIdentity.forIndex(0, ChipModel.SIM800L, Firmware.R13_08))
                .build()).quiet();
        r13.at("AT+SAPBR=1,1");
        assertThat(r13.at("AT+CIPGSMLOC=2,1")).isEqualTo("\r\n+CIPGSMLOC: 0,2015/10/15,19:24:55\r\n" + OK);
        for (String c : new String[] {"AT+CLBS=?", "AT+CLBS=1,1", "AT+CLBSCFG=?", "AT+CLBSCFG=0,1"}) {
            assertThat(r13.at(c)).as(c).isEqualTo("\r\nERROR\r\n");
        }
    }
}
