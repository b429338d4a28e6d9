package dev.sim800emu.modem;

import dev.sim800emu.modem.command.RegistrationReport;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.radio.Registration;
import dev.sim800emu.modem.settings.Setting;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;

/**
 * What the control plane does to the radio: coverage and registration, GPRS detach, the SIM
 * pulled out and put back, network time. The world's part (what the network offers, the signal,
 * the SIM in its holder) is kept even while the modem is off; the modem's reaction (URCs, dropped
 * contexts) happens only while it is on. Called inside an engine entry point.
 */
final class RadioEvents {
    private final ModemEngine modem;

    RadioEvents(ModemEngine modem) {
        this.modem = modem;
    }

    private Radio radio() {
        return modem.radio();
    }

    private boolean on() {
        return modem.power() == ModemEngine.Power.ON;
    }

    private void reportRegistration(RegistrationReport.Snapshot before) {
        RegistrationReport.changed(radio(), modem.settings(), before, modem::urc);
    }

    /**
     * The network offers {@code offered}. Losing service reports +CREG/+CGREG first, then detaches
     * GPRS (+SAPBR n: DEACT, +PDP: DEACT) and ends a call (NO CARRIER); regaining it attaches GPRS
     * again, as the chip does after registering.
     */
    void register(Registration offered) {
        Radio r = radio();
        RegistrationReport.Snapshot before = RegistrationReport.of(r);
        boolean was = r.registered();
        r.network(offered);
        if (!on()) {
            return;
        }
        if (was && !r.registered()) {
            r.attached = false;
            reportRegistration(before);
            modem.events().dropGprs();
            modem.events().call().ended();
        } else {
            if (!was && r.registered()) {
                r.attached = true;
            }
            reportRegistration(before);
        }
    }

    /** The network detaches GPRS: +SAPBR n: DEACT, +PDP: DEACT, then +CGREG per its mode. */
    void detach() {
        Radio r = radio();
        RegistrationReport.Snapshot before = RegistrationReport.of(r);
        modem.events().dropGprs();
        r.attached = false;
        reportRegistration(before);
    }

    /**
     * The SIM leaves or enters its holder. Out: +CSMINS: 1,0 (with AT+CSMINS=1), GPRS and calls
     * drop, +CPIN: NOT READY, registration lost. In: +CSMINS: 1,1, +CPIN: READY (SIM PIN with a
     * PIN), Call Ready (AT+CIURC=1), SMS Ready, registration back. With the radio off (CFUN=0) the
     * SIM is not read, so only +CSMINS is printed.
     */
    void sim(boolean inserted) {
        Radio r = radio();
        r.simInserted(inserted);
        if (!on()) {
            if (modem.power() == ModemEngine.Power.BOOTING && r.cfun != 0) {
                r.sim = r.freshSim(); // the boot URCs tell what is in the holder now
                r.attached = r.registered();
            }
            return;
        }
        RegistrationReport.Snapshot before = RegistrationReport.of(r);
        if (r.csmins == 1) {
            modem.urc(w -> w.text("+CSMINS: 1," + (inserted ? 1 : 0)));
        }
        if (r.cfun == 0) {
            return;
        }
        if (!inserted) {
            modem.events().dropGprs();
            modem.events().call().ended();
            r.sim = Radio.Sim.NOT_READY;
            r.attached = false;
            modem.urc(w -> w.text("+CPIN: NOT READY"));
        } else {
            r.sim = r.freshSim();
            Radio.Sim sim = r.sim;
            modem.urc(w -> w.text("+CPIN: " + sim.text()));
            if (sim == Radio.Sim.READY) {
                if (modem.settings().on(Setting.CIURC)) {
                    modem.urc(w -> w.text("Call Ready"));
                }
                modem.urc(w -> w.text("SMS Ready"));
            }
            r.attached = r.registered();
        }
        reportRegistration(before);
    }

    /**
     * Network time (NITZ). With AT+CLTS=1 the chip prints {@code +CTZV: <tz>,<dst>}, {@code *PSUTTZ:}
     * with the UTC time, and {@code DST: <dst>}, in that order, and sets its clock (AT+CCLK shows
     * local time). The zone is in quarter hours with a sign ({@code +4} is UTC+1). With AT+CLTS=0
     * the chip ignores network time: nothing is printed and the clock is left alone.
     */
    void networkTime(ZonedDateTime time, int dst) {
        if (modem.settings().get(Setting.CLTS) != 1) {
            return;
        }
        int quarters = time.getOffset().getTotalSeconds() / 900;
        String tz = (quarters < 0 ? "-" : "+") + Math.abs(quarters);
        ZonedDateTime utc = time.withZoneSameInstant(ZoneOffset.UTC);
        modem.urc(w -> w.text("+CTZV: " + tz + "," + dst));
        modem.urc(w -> w.text("*PSUTTZ: " + utc.getYear() + "," + utc.getMonthValue() + "," + utc.getDayOfMonth()
                + "," + utc.getHour() + "," + utc.getMinute() + "," + utc.getSecond() + ",\"" + tz + "\"," + dst));
        modem.urc(w -> w.text("DST: " + dst));
        modem.rtc().set(time);
    }
}
