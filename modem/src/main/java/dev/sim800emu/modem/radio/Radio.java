package dev.sim800emu.modem.radio;

import dev.sim800emu.modem.config.ModemConfig;

/**
 * The radio and SIM as the host sees them: functionality level (AT+CFUN), SIM lock (AT+CPIN),
 * registration (AT+CREG, AT+CGREG) and GPRS attach (AT+CGATT). Registration is immediate and
 * always "home" in this model; later parts drive it from a control API.
 */
public final class Radio {
    /** SIM states as AT+CPIN? spells them. */
    public enum Sim {
        READY("READY"), PIN("SIM PIN"), NOT_READY("NOT READY");

        private final String text;

        Sim(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final ModemConfig config;
    public int cfun = 1;
    public Sim sim = Sim.READY;
    public boolean attached = true;
    public String cgdcontApn = "";
    public int cgdcontCid;
    public boolean cgact;
    /** AT+CGEREP and AT+CSMINS reporting modes: kept, not acted on. */
    public int cgerep;
    public int csmins;

    public Radio(ModemConfig config) {
        this.config = config;
    }

    /** Back to power-on: full functionality, SIM locked if it has a PIN, attached when it can be. */
    public void reset() {
        cfun = 1;
        sim = config.simPin() == null ? Sim.READY : Sim.PIN;
        attached = registered();
        cgdcontApn = "";
        cgdcontCid = 0;
        cgact = false;
    }

    public int cfun() {
        return cfun;
    }

    public Sim sim() {
        return sim;
    }

    /** Registered on the home network: radio on and SIM unlocked. */
    public boolean registered() {
        return cfun == 1 && sim == Sim.READY;
    }

    public boolean attached() {
        return attached && registered();
    }
}
