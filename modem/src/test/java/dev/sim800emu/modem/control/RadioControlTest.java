package dev.sim800emu.modem.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.radio.Registration;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Radio events from the control plane, byte for byte on the serial line. */
class RadioControlTest {
    private final ModemHarness h = new ModemHarness().quiet();

    private void ctl(ControlCommand c) {
        h.modem.control().apply(c);
    }

    private FakeLink tcpLink() {
        h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
        FakeLink l = h.net.last();
        l.connect();
        assertThat(h.take()).isEqualTo("\r\nCONNECT OK\r\n");
        return l;
    }

    @Test
    void signalIsWhatCsqReports() {
        ctl(new ControlCommand.Signal(7, 3));
        assertThat(h.at("AT+CSQ")).isEqualTo("\r\n+CSQ: 7,3\r\n\r\nOK\r\n");
        ctl(new ControlCommand.Register(Registration.SEARCHING));
        assertThat(h.at("AT+CSQ")).as("searching, a SIM800L still reports the signal (field corpus)")
                .isEqualTo("\r\n+CSQ: 7,3\r\n\r\nOK\r\n");
        ctl(new ControlCommand.Register(Registration.NONE));
        assertThat(h.at("AT+CSQ")).as("no cell").isEqualTo("\r\n+CSQ: 99,99\r\n\r\nOK\r\n");
        ctl(new ControlCommand.Register(Registration.DENIED));
        assertThat(h.at("AT+CSQ")).as("a cell that refuses us is still heard").isEqualTo("\r\n+CSQ: 7,3\r\n\r\nOK\r\n");
        assertThat(h.take()).isEmpty();
    }

    @Test
    void signalOutOfRangeIsRefusedAndChangesNothing() {
        assertThatThrownBy(() -> ctl(new ControlCommand.Signal(32, 0)))
                .isInstanceOf(ControlException.class).hasMessage("rssi must be 0-31 or 99 (unknown), not 32");
        assertThatThrownBy(() -> ctl(new ControlCommand.Signal(10, 8)))
                .isInstanceOf(ControlException.class).hasMessage("ber must be 0-7 or 99 (unknown), not 8");
        assertThat(h.at("AT+CSQ")).isEqualTo("\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
    }

    @Test
    void registrationStatesWithCregModeZeroPrintNothing() {
        for (Registration r : Registration.values()) {
            ctl(new ControlCommand.Register(r));
            assertThat(h.take()).isEmpty();
            assertThat(h.at("AT+CREG?")).isEqualTo("\r\n+CREG: 0," + r.stat() + "\r\n\r\nOK\r\n");
        }
    }

    @Test
    void registrationUrcsFollowTheirModes() {
        h.at("AT+CREG=1;+CGREG=2");
        ctl(new ControlCommand.Register(Registration.ROAMING));
        assertThat(h.take()).isEqualTo("\r\n+CREG: 5\r\n\r\n+CGREG: 5,\"1A2B\",\"3C4D\"\r\n");
        assertThat(h.at("AT+CREG?")).isEqualTo("\r\n+CREG: 1,5\r\n\r\nOK\r\n");
        assertThat(h.at("AT+COPS?")).isEqualTo("\r\n+COPS: 0,0,\"CHINA MOBILE\"\r\n\r\nOK\r\n");
        ctl(new ControlCommand.Register(Registration.ROAMING));
        assertThat(h.take()).as("no change, no URC").isEmpty();
        ctl(new ControlCommand.Register(Registration.SEARCHING));
        assertThat(h.take()).isEqualTo("\r\n+CREG: 2\r\n\r\n+CGREG: 2\r\n");
        assertThat(h.at("AT+COPS?")).isEqualTo("\r\n+COPS: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGATT?")).isEqualTo("\r\n+CGATT: 0\r\n\r\nOK\r\n");
        ctl(new ControlCommand.Register(Registration.HOME));
        assertThat(h.take()).isEqualTo("\r\n+CREG: 1\r\n\r\n+CGREG: 1,\"1A2B\",\"3C4D\"\r\n");
        assertThat(h.at("AT+CGATT?")).as("attached again").isEqualTo("\r\n+CGATT: 1\r\n\r\nOK\r\n");
    }

    @Test
    void losingRegistrationDropsGprsAfterTheRegistrationUrc() {
        h.at("AT+CREG=1");
        h.at("AT+SAPBR=1,1");
        FakeLink l = tcpLink();
        ctl(new ControlCommand.Register(Registration.DENIED));
        assertThat(h.take()).isEqualTo("\r\n+CREG: 3\r\n\r\n+SAPBR 1: DEACT\r\n\r\n+PDP: DEACT\r\n");
        assertThat(l.closed).isTrue();
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
    }

    @Test
    void urcsWaitForTheRunningCommand() {
        h.at("AT+CREG=1");
        FakeLink l = tcpLink();
        assertThat(h.at("AT+CIPSEND=2")).isEqualTo("\r\n> ");
        h.send("hi");
        assertThat(h.take()).isEmpty(); // waiting for the acknowledgement
        ctl(new ControlCommand.Register(Registration.ROAMING));
        assertThat(h.take()).as("queued until SEND OK").isEmpty();
        l.ackAll();
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n\r\n+CREG: 5\r\n");
    }

    @Test
    void detachByTheNetwork() {
        h.at("AT+CGREG=1");
        h.at("AT+SAPBR=1,1");
        FakeLink l = tcpLink();
        ctl(new ControlCommand.Detach());
        assertThat(h.take()).isEqualTo("\r\n+SAPBR 1: DEACT\r\n\r\n+PDP: DEACT\r\n\r\n+CGREG: 0\r\n");
        assertThat(l.closed).isTrue();
        assertThat(h.at("AT+CGATT?")).isEqualTo("\r\n+CGATT: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CREG?")).as("still registered for calls").isEqualTo("\r\n+CREG: 0,1\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGREG?")).isEqualTo("\r\n+CGREG: 1,0\r\n\r\nOK\r\n");
        assertThatThrownBy(() -> ctl(new ControlCommand.Detach())).hasMessage("GPRS is not attached");
        assertThat(h.at("AT+CGATT=1")).isEqualTo("\r\nOK\r\n\r\n+CGREG: 1\r\n");
    }

    @Test
    void pdpDeactivationByTheNetwork() {
        FakeLink l = tcpLink();
        ctl(new ControlCommand.PdpDeact());
        assertThat(h.take()).isEqualTo("\r\n+PDP: DEACT\r\n");
        assertThat(l.closed).isTrue();
        assertThat(h.at("AT+CIPSTATUS")).isEqualTo("\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
        assertThatThrownBy(() -> ctl(new ControlCommand.PdpDeact())).hasMessage("no PDP context is active");
        assertThat(h.at("AT+CIPSHUT")).isEqualTo("\r\nSHUT OK\r\n");
    }

    @Test
    void simRemovedAndInserted() {
        h.at("AT+CSMINS=1;+CREG=1;+CMEE=1");
        FakeLink l = tcpLink();
        ctl(new ControlCommand.Sim(false));
        assertThat(h.take()).isEqualTo("\r\n+CSMINS: 1,0\r\n\r\n+PDP: DEACT\r\n\r\n+CPIN: NOT READY\r\n\r\n+CREG: 0\r\n");
        assertThat(l.closed).isTrue();
        assertThat(h.at("AT+CPIN?")).isEqualTo("\r\n+CME ERROR: 10\r\n");
        assertThat(h.at("AT+CSMINS?")).isEqualTo("\r\n+CSMINS: 1,0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGATT=1")).isEqualTo("\r\n+CME ERROR: 30\r\n");
        assertThatThrownBy(() -> ctl(new ControlCommand.Sim(false))).hasMessage("the SIM is already removed");
        ctl(new ControlCommand.Sim(true));
        assertThat(h.take()).isEqualTo("\r\n+CSMINS: 1,1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n"
                + "\r\n+CREG: 1\r\n");
        assertThat(h.at("AT+CPIN?")).isEqualTo("\r\n+CPIN: READY\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGATT?")).isEqualTo("\r\n+CGATT: 1\r\n\r\nOK\r\n");
    }

    @Test
    void aSimWithAPinAsksForItWhenPutBack() {
        ModemHarness locked = new ModemHarness(ModemConfig.builder().bootMillis(0).simPin("1234").build());
        locked.booted();
        locked.modem.control().apply(new ControlCommand.Sim(false));
        assertThat(locked.take()).isEqualTo("\r\n+CPIN: NOT READY\r\n");
        locked.modem.control().apply(new ControlCommand.Sim(true));
        assertThat(locked.take()).isEqualTo("\r\n+CPIN: SIM PIN\r\n");
    }

    @Test
    void aRemovedSimStaysOutAcrossAReboot() {
        ctl(new ControlCommand.Sim(false));
        assertThat(h.take()).isEqualTo("\r\n+CPIN: NOT READY\r\n");
        ctl(new ControlCommand.Reboot());
        assertThat(h.take()).isEqualTo("\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: NOT READY\r\n");
        assertThat(h.at("AT+CREG?")).as("echo is back on").isEqualTo("AT+CREG?\r\r\n+CREG: 0,0\r\n\r\nOK\r\n");
    }

    @Test
    void brownOutRebootsWithBootUrcs() {
        ModemHarness slow = new ModemHarness(ModemConfig.builder().bootMillis(3000).activationMillis(0).build());
        slow.booted();
        slow.send("ATE0\r");
        slow.take();
        slow.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
        FakeLink l = slow.net.last();
        l.connect();
        slow.take();
        slow.modem.control().apply(new ControlCommand.Reboot());
        assertThat(l.closed).isTrue();
        assertThat(slow.take()).as("nothing while booting").isEmpty();
        assertThatThrownBy(() -> slow.modem.control().apply(new ControlCommand.Call("+1555")))
                .hasMessage("modem is still booting");
        slow.clock.advance(3000);
        assertThat(slow.take()).isEqualTo("\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n");
        assertThat(slow.at("AT")).as("echo back on: the saved profile").isEqualTo("AT\r\r\nOK\r\n");
    }

    @Test
    void networkTimeWithClts() {
        h.at("AT+CLTS=1");
        ZonedDateTime local = ZonedDateTime.of(2017, 1, 22, 22, 7, 29, 0, ZoneOffset.ofHours(1));
        ctl(new ControlCommand.NetworkTime(local, 0));
        assertThat(h.take()).isEqualTo("\r\n+CTZV: +4,0\r\n\r\n*PSUTTZ: 2017,1,22,21,7,29,\"+4\",0\r\n\r\nDST: 0\r\n");
        assertThat(h.at("AT+CCLK?")).startsWith("\r\n+CCLK: \"17/01/22,22:07:").endsWith("+04\"\r\n\r\nOK\r\n");
        ZonedDateTime west = ZonedDateTime.of(2024, 8, 5, 15, 40, 22, 0, ZoneOffset.ofHoursMinutes(-3, -30));
        ctl(new ControlCommand.NetworkTime(west, 1));
        assertThat(h.take()).isEqualTo("\r\n+CTZV: -14,1\r\n\r\n*PSUTTZ: 2024,8,5,19,10,22,\"-14\",1\r\n\r\nDST: 1\r\n");
    }

    @Test
    void networkTimeWithoutCltsIsIgnored() {
        String before = h.at("AT+CCLK?");
        ctl(new ControlCommand.NetworkTime(ZonedDateTime.of(2030, 5, 1, 12, 0, 0, 0, ZoneOffset.UTC), 0));
        assertThat(h.take()).isEmpty();
        assertThat(h.at("AT+CCLK?").substring(0, 20)).isEqualTo(before.substring(0, 20));
        assertThatThrownBy(() -> ctl(new ControlCommand.NetworkTime(ZonedDateTime.now(ZoneOffset.ofHoursMinutes(5, 10)), 0)))
                .hasMessageStartingWith("the time zone must be whole quarter hours");
        assertThatThrownBy(() -> ctl(new ControlCommand.NetworkTime(ZonedDateTime.now(ZoneOffset.UTC), 3)))
                .hasMessageStartingWith("dst must be 0, 1 or 2");
    }

    @Test
    void worldStateMaySetWhileOffEventsMayNot() {
        ModemHarness off = new ModemHarness();
        ControlTarget c = off.modem.control();
        c.apply(new ControlCommand.Signal(9, 0));
        c.apply(new ControlCommand.Register(Registration.ROAMING));
        assertThatThrownBy(() -> c.apply(new ControlCommand.PdpDeact())).isInstanceOf(ControlException.class)
                .hasMessage("modem is off");
        assertThatThrownBy(() -> c.apply(new ControlCommand.Sms("+1", "x"))).hasMessage("modem is off");
        assertThat(c.status().power()).isEqualTo("OFF");
        off.booted();
        off.send("ATE0\r");
        off.take();
        assertThat(off.at("AT+CSQ;+CREG?")).isEqualTo("\r\n+CSQ: 9,0\r\n\r\n+CREG: 0,5\r\n\r\nOK\r\n");
    }
}
