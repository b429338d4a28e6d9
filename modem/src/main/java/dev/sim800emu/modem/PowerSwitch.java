package dev.sim800emu.modem;

import dev.sim800emu.modem.ModemEngine.Power;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.settings.Setting;
import dev.sim800emu.modem.time.ModemClock;

/**
 * The module's power: off, booting, on. Power-on loads the saved profile and, after the boot time,
 * prints the boot URCs; power-off and reboot drop everything volatile (links, type-ahead, held
 * output) first. Input while off or booting is lost, as on the chip.
 */
final class PowerSwitch {
    private final ModemEngine modem;
    private Power power = Power.OFF;
    private ModemClock.Timer bootTimer;

    PowerSwitch(ModemEngine modem) {
        this.modem = modem;
    }

    Power state() {
        return power;
    }

    boolean on() {
        return power == Power.ON;
    }

    void powerOn() {
        if (power != Power.OFF) {
            return;
        }
        modem.settings().copyFrom(modem.savedSettings());
        startBoot();
    }

    void powerOff() {
        cancelBoot();
        modem.clearVolatileState();
        power = Power.OFF;
        modem.wires.publish();
    }

    /** A reset (AT+CFUN=1,1): links dropped, active settings back to the saved profile, boot again. */
    void reboot() {
        cancelBoot();
        modem.clearVolatileState();
        modem.settings().copyFrom(modem.savedSettings());
        startBoot();
    }

    private void startBoot() {
        modem.radio().reset();
        modem.tcpip().reset();
        power = Power.BOOTING;
        modem.wires.publish();
        long bootMillis = modem.config().bootMillis() + modem.stress.bootDelay();
        if (bootMillis == 0) {
            finishBoot();
        } else {
            bootTimer = modem.clock().schedule(bootMillis, this::finishBoot);
        }
    }

    private void cancelBoot() {
        if (bootTimer != null) {
            bootTimer.cancel();
            bootTimer = null;
        }
    }

    private void finishBoot() {
        bootTimer = null;
        power = Power.ON;
        modem.wires.booted(modem.clock().nowMillis());
        modem.wires.publish();
        // With autobaud (AT+IPR=0) the chip cannot know the rate yet and prints nothing at boot.
        if (modem.settings().get(Setting.IPR) != 0) {
            ResponseWriter w = modem.writer();
            Radio radio = modem.radio();
            w.text("RDY");
            w.text("+CFUN: " + radio.cfun());
            w.text("+CPIN: " + radio.sim().text());
            if (radio.sim() == Radio.Sim.READY) {
                if (modem.settings().on(Setting.CIURC)) {
                    w.text("Call Ready");
                }
                w.text("SMS Ready");
            }
        }
        modem.output.flush();
    }
}
