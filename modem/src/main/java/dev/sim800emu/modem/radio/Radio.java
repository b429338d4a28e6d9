package dev.sim800emu.modem.radio;

import dev.sim800emu.modem.config.ModemConfig;

/**
 * The radio and SIM as the host sees them: functionality level (AT+CFUN), SIM lock (AT+CPIN),
 * registration (AT+CREG, AT+CGREG), signal (AT+CSQ) and GPRS attach (AT+CGATT).
 *
 * <p>Two kinds of state live here. The <em>world</em> — what the network offers ({@link #network}),
 * the signal, whether a SIM is in the holder — is set by the control plane and survives power
 * cycles, as it would for a real board. The <em>modem's</em> state (CFUN, SIM lock, attach, CLIP,
 * CUSD) goes back to power-on values at every boot. What the host reads is derived from both:
 * the modem is registered when its radio is on, its SIM ready and the network offers service.
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
    /** AT+CGEREP and AT+CSMINS reporting modes. */
    public int cgerep;
    public int csmins;
    /** AT+CLIP: +CLIP after each RING. Not saved (manual §3.2.18). */
    public int clip;
    /** AT+CUSD: USSD answers are presented only when 1. Not saved. */
    public int cusd;
    /** AT+CLCC=1 (list on every call change), AT+MORING, AT+COLP, AT+CRC, AT+CDRIND, AT+GSMBUSY, AT+CVHU. */
    public int clcc;
    public int moring;
    public int colp;
    public int crc;
    public int cdrind;
    public int gsmbusy;
    public int cvhu;
    /** ATDL dials this again. */
    public String lastDialed = "";
    /** Values of commands that are stored only (AT+CLVL, AT+CNETLIGHT …), by command; kept across power cycles. */
    private java.util.Map<String, int[]> stored;

    // The world: set by the control plane, kept across power cycles.
    private Registration network = Registration.HOME;
    private dev.sim800emu.modem.config.CellLocation location;
    private int rssi;
    private int ber;
    private boolean simInserted = true;
    private final MessageStore messages = new MessageStore();
    private final MessageStore phoneMessages = new MessageStore("ME", MessageStore.ME_CAPACITY);
    private final SentMessages sent = new SentMessages();
    /** Made on first use, and dropped at power-off: factory values come back with the next use. */
    private SmsSettings sms;
    /** What the host's next ATD gets (control plane). */
    public DialOutcome dialOutcome = DialOutcome.DEFAULT;

    public Radio(ModemConfig config) {
        this.config = config;
        this.rssi = config.rssi();
        this.ber = config.ber();
        this.location = config.location();
    }

    /** FONA's original library parsed "SM_P" from a SIM800L with R13 (FONA #46); others say "SM". */
    private static String defaultMemory(ModemConfig config) {
        return config.identity().r13() && config.identity().model().equals("SIMCOM_SIM800L") ? "SM_P" : "SM";
    }

    /** Back to power-on: full functionality, SIM locked if it has a PIN, attached when it can be. */
    public void reset() {
        cfun = 1;
        sim = freshSim();
        attached = registered();
        cgdcontApn = "";
        cgdcontCid = 0;
        cgact = false;
        clip = 0;
        cusd = 0;
        clcc = 0;
        moring = 0;
        colp = 0;
        crc = 0;
        cdrind = 0;
        gsmbusy = 0;
        cvhu = 0;
        sms = null;
    }

    /** The SIM's state right after it is read: locked if it has a PIN, absent if pulled out. */
    public Sim freshSim() {
        if (!simInserted) {
            return Sim.NOT_READY;
        }
        return config.simPin() == null ? Sim.READY : Sim.PIN;
    }

    public int cfun() {
        return cfun;
    }

    public Sim sim() {
        return sim;
    }

    /** What the modem reports in +CREG: NONE while its radio is off or its SIM not ready. */
    public Registration registration() {
        return cfun == 1 && sim == Sim.READY ? network : Registration.NONE;
    }

    /** Registered on the network (home or roaming): radio on, SIM unlocked, service offered. */
    public boolean registered() {
        return registration().registered();
    }

    public boolean attached() {
        return attached && registered();
    }

    /** The {@code <stat>} of +CREG. */
    public int cregStat() {
        return registration().stat();
    }

    /** The {@code <stat>} of +CGREG: GPRS registration follows the attach. */
    public int cgregStat() {
        Registration r = registration();
        return r.registered() && !attached ? Registration.NONE.stat() : r.stat();
    }

    // ---------------------------------------------------------------- the world

    public Registration network() {
        return network;
    }

    public void network(Registration offered) {
        this.network = offered;
    }

    public boolean simInserted() {
        return simInserted;
    }

    public void simInserted(boolean inserted) {
        this.simInserted = inserted;
    }

    /** Where the location service places the modem (AT+CIPGSMLOC, AT+CLBS); the world's, kept across power cycles. */
    public dev.sim800emu.modem.config.CellLocation location() {
        return location;
    }

    public void location(dev.sim800emu.modem.config.CellLocation location) {
        this.location = java.util.Objects.requireNonNull(location);
    }

    public void signal(int rssi, int ber) {
        this.rssi = rssi;
        this.ber = ber;
    }

    /** The rssi the control plane set, whether or not the modem can see it now. */
    public int rssi() {
        return rssi;
    }

    /**
     * The {@code +CSQ:} values: the signal while the radio is on and a cell is heard (the network
     * offers service, denies it, or is still being searched for: a SIM800L answered +CSQ: 15,0 while
     * +CREG: 0,2, ostaquet/Arduino-SIM800L-driver #16), 99,99 otherwise. A SIM is not needed to
     * measure the signal.
     */
    public String csq() {
        boolean camped = cfun == 1 && network != Registration.NONE;
        return camped ? rssi + "," + ber : "99,99";
    }

    /** The SIM's message storage ("SM"). */
    public MessageStore messages() {
        return messages;
    }

    /** The phone's storage, "ME". */
    public MessageStore phoneMessages() {
        return phoneMessages;
    }

    /** A storage by its +CPMS name: "SM", "SM_P" and "MT" are the SIM, "ME" and "ME_P" the phone. */
    public MessageStore storage(String name) {
        return name.startsWith("ME") ? phoneMessages : messages;
    }

    /** The stored values of {@code command}, made from {@code defaults} on first use. */
    public int[] stored(String command, int[] defaults) {
        if (stored == null) {
            stored = new java.util.HashMap<>();
        }
        return stored.computeIfAbsent(command, k -> defaults.clone());
    }

    public SentMessages sent() {
        return sent;
    }

    public SmsSettings sms() {
        if (sms == null) {
            sms = new SmsSettings(defaultMemory(config));
        }
        return sms;
    }
}
