package dev.sim800emu.modem.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** Power-on, reboot and the start-up commands drivers send (reference §8, clients.md §9). */
class StartupCommandsTest {
    private static final String BOOT = "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";

    private final ModemHarness h = new ModemHarness(ModemConfig.builder().bootMillis(3000).activationMillis(0).build());

    @Test
    void bootPrintsTheUrcsAfterTheBootTimeAndIgnoresEarlierInput() {
        h.modem.powerOn();
        h.send("AT\r");
        h.clock.advance(2999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo(BOOT);
        assertThat(h.at("AT")).isEqualTo("AT\r\r\nOK\r\n");
    }

    @Test
    void rebootDropsLinksAndRestoresTheSavedProfile() {
        h.booted();
        h.at("ATE0");
        h.at("AT+CMEE=2");
        h.at("AT+CIPSTART=\"TCP\",\"127.0.0.1\",80");
        FakeLink l = h.net.last();
        l.connect();
        h.take();
        assertThat(h.at("AT+CFUN=1,1")).isEqualTo("\r\nOK\r\n");
        assertThat(l.closed).isTrue();
        h.send("AT\r");
        h.clock.advance(3000);
        assertThat(h.take()).isEqualTo(BOOT);
        // Echo and CMEE come back from the saved (factory) profile; the TCP/IP state is initial.
        assertThat(h.at("AT+CMEE?")).isEqualTo("AT+CMEE?\r\r\n+CMEE: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("AT+CIPSTATUS\r\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
        l.receive("late");
        l.peerClose();
        assertThat(h.take()).isEmpty();
    }

    @Test
    void echoSavedOffSurvivesReboot() {
        h.booted();
        h.at("ATE0&W");
        h.at("AT+CFUN=1,1");
        h.clock.advance(3000);
        h.take();
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void autobaudBootsSilently() {
        h.booted();
        h.at("AT+IPR=0;&W");
        h.at("AT+CFUN=1,1");
        h.clock.advance(3000);
        assertThat(h.take()).isEmpty();
        assertThat(h.at("AT")).isEqualTo("AT\r\r\nOK\r\n");
    }

    @Test
    void networkQueries() {
        h.booted();
        h.at("ATE0");
        assertThat(h.at("AT+CPIN?")).isEqualTo("\r\n+CPIN: READY\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CSQ")).isEqualTo("\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CREG?")).isEqualTo("\r\n+CREG: 0,1\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGREG?")).isEqualTo("\r\n+CGREG: 0,1\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGATT?")).isEqualTo("\r\n+CGATT: 1\r\n\r\nOK\r\n");
        assertThat(h.at("AT+COPS?")).isEqualTo("\r\n+COPS: 0,0,\"CHINA MOBILE\"\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CLTS=1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CBATCHK=1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CBC")).isEqualTo("\r\n+CBC: 0,95,4200\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGDCONT=1,\"IP\",\"internet\"")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CGACT=1,1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CREG=2;+CREG?")).isEqualTo("\r\n+CREG: 2,1,\"1A2B\",\"3C4D\"\r\n\r\nOK\r\n");
    }

    @Test
    void simPinLock() {
        ModemHarness locked = new ModemHarness(ModemConfig.builder().bootMillis(0).simPin("1234").build());
        locked.modem.powerOn();
        assertThat(locked.take()).isEqualTo("\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: SIM PIN\r\n");
        locked.at("ATE0");
        locked.at("AT+CMEE=1");
        assertThat(locked.at("AT+CPIN?")).isEqualTo("\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n");
        assertThat(locked.at("AT+CREG?")).isEqualTo("\r\n+CREG: 0,0\r\n\r\nOK\r\n");
        assertThat(locked.at("AT+CIMI")).isEqualTo("\r\n+CME ERROR: 11\r\n");
        assertThat(locked.at("AT+CPIN=0000")).isEqualTo("\r\n+CME ERROR: 16\r\n");
        assertThat(locked.at("AT+CPIN=\"1234\"")).isEqualTo("\r\nOK\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n");
        assertThat(locked.at("AT+CREG?")).isEqualTo("\r\n+CREG: 0,1\r\n\r\nOK\r\n");
        assertThat(locked.at("AT+CPIN=1234")).isEqualTo("\r\n+CME ERROR: 3\r\n");
    }

    @Test
    void functionalityZeroTakesTheRadioAndSimDown() {
        h.booted();
        h.at("ATE0");
        assertThat(h.at("AT+CFUN=0")).isEqualTo("\r\n+CPIN: NOT READY\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGATT?")).isEqualTo("\r\n+CGATT: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CSQ")).isEqualTo("\r\n+CSQ: 99,99\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CFUN=4")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CFUN=1")).isEqualTo("\r\nOK\r\n\r\n+CPIN: READY\r\n");
        assertThat(h.at("AT+CGATT?")).isEqualTo("\r\n+CGATT: 1\r\n\r\nOK\r\n");
    }

    @Test
    void registrationUrcs() {
        h.booted();
        h.at("ATE0");
        h.at("AT+CREG=1;+CGREG=2");
        assertThat(h.at("AT+CFUN=4")).isEqualTo("\r\nOK\r\n\r\n+CREG: 0\r\n\r\n+CGREG: 0\r\n");
        assertThat(h.at("AT+CFUN=1")).isEqualTo("\r\nOK\r\n\r\n+CREG: 1\r\n\r\n+CGREG: 1,\"1A2B\",\"3C4D\"\r\n");
        assertThat(h.at("AT+CFUN=1")).as("no change, no URC").isEqualTo("\r\nOK\r\n");
    }

    @Test
    void detachedModemCannotActivate() {
        h.booted();
        h.at("ATE0");
        assertThat(h.at("AT+CGATT=0")).isEqualTo("\r\nOK\r\n");
        h.at("AT+CSTT=\"CMNET\"");
        assertThat(h.at("AT+CIICR")).isEqualTo("\r\n+PDP: DEACT\r\n\r\nERROR\r\n");
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
    }

    @Test
    void realTimeClock() {
        ModemHarness fixed = new ModemHarness(ModemConfig.builder().bootMillis(0).wallClock(
                java.time.Clock.fixed(java.time.Instant.parse("2026-11-25T20:00:00Z"), java.time.ZoneOffset.UTC)).build());
        fixed.booted();
        fixed.at("ATE0");
        assertThat(fixed.at("AT+CCLK?")).isEqualTo("\r\n+CCLK: \"26/11/25,20:00:00+00\"\r\n\r\nOK\r\n");
        assertThat(fixed.at("AT+CCLK=\"26/11/26,08:30:00+32\"")).isEqualTo("\r\nOK\r\n");
        assertThat(fixed.at("AT+CCLK?")).isEqualTo("\r\n+CCLK: \"26/11/26,08:30:00+32\"\r\n\r\nOK\r\n");
        assertThat(fixed.at("AT+CCLK=\"26/13/26,08:30:00+32\"")).isEqualTo("\r\nERROR\r\n");
    }

    @Test
    void powerDown() {
        h.booted();
        h.at("ATE0");
        assertThat(h.at("AT+CSMINS?")).isEqualTo("\r\n+CSMINS: 0,1\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CPOWD=1")).isEqualTo("\r\nNORMAL POWER DOWN\r\n");
        assertThat(h.modem.power()).isEqualTo(dev.sim800emu.modem.ModemEngine.Power.OFF);
        assertThat(h.at("AT")).isEmpty();
    }

    @Test
    void profileListing() {
        h.booted();
        h.at("ATE0");
        String v = h.at("AT&V");
        assertThat(v).startsWith("\r\nACTIVE PROFILE:\r\nS0: 0\r\nS3: 13\r\n").contains("\r\nE: 0\r\n")
                .contains("STORED PROFILE:\r\n").endsWith("\r\n\r\nOK\r\n");
    }
}
