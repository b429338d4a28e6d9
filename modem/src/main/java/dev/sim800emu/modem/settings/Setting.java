package dev.sim800emu.modem.settings;

/**
 * Every setting AT&W saves, ATZ restores and AT&F resets (SIM800 manual §2.2.32), in the order
 * AT&V prints them. A new saved setting is one entry here: its range, its factory value, its AT&V
 * text ({@code %d} is the value; a text starting with "," continues the previous line; null: not
 * listed) and whether it belongs to the serial port.
 *
 * <p>Serial-port settings (IPR, ICF, IFC, CSCLK) are saved by AT&W like the rest, but ATZ and AT&F
 * leave them alone: changing the line under a host that is talking is what those commands avoid.
 * S3, S4 and the +CRLP line are fixed on the SIM800; they are entries so that AT&V stays one loop.
 */
public enum Setting {
    S0(0, 255, 0, "S0: %d"),
    S3(13, 13, 13, "S3: %d"),
    S4(10, 10, 10, "S4: %d"),
    /** The backspace character. */
    S5(0, 127, 8, "S5: %d"),
    S6(0, 999, 2, "S6: %d"),
    S7(1, 255, 60, "S7: %d"),
    S8(0, 255, 2, "S8: %d"),
    S10(1, 254, 15, "S10: %d"),
    CRLP(61, 61, 61, "+CRLP: %d,61,48,6"),
    VERBOSE(0, 1, 1, "V: %d"),
    ECHO(0, 1, 1, "E: %d"),
    QUIET(0, 1, 0, "Q: %d"),
    X(0, 4, 4, "X: %d"),
    AMP_C(0, 1, 1, "&C: %d"),
    AMP_D(0, 2, 1, "&D: %d"),
    CLTS(0, 1, 0, "+CLTS: %d"),
    CREG(0, 2, 0, "+CREG: %d"),
    CGREG(0, 2, 0, "+CGREG: %d"),
    CMEE(0, 2, 0, "+CMEE: %d"),
    /** 0 is autobaud; the emulator ships fixed at 115200 so that boot URCs are visible. */
    IPR(0, 460800, 115200, "+IPR: %d", Scope.SERIAL_PORT),
    ICF_FORMAT(1, 6, 3, "+ICF: %d", Scope.SERIAL_PORT),
    ICF_PARITY(0, 3, 3, ",%d", Scope.SERIAL_PORT),
    IFC_DCE(0, 2, 0, "+IFC: %d", Scope.SERIAL_PORT),
    IFC_DTE(0, 2, 0, ",%d", Scope.SERIAL_PORT),
    CSCLK(0, 2, 0, "+CSCLK: %d", Scope.SERIAL_PORT),
    CIURC(0, 1, 1, "+CIURC: %d"),
    CBATCHK(0, 1, 0, null);

    /** Which resets a setting takes part in. */
    enum Scope {
        /** Saved by AT&W, restored by ATZ, reset by AT&F. */
        PROFILE,
        /** Saved by AT&W; ATZ and AT&F keep the current value. */
        SERIAL_PORT
    }

    static final Setting[] ALL = values();

    private final int min;
    private final int max;
    private final int factory;
    private final String listing;
    private final Scope scope;

    Setting(int min, int max, int factory, String listing) {
        this(min, max, factory, listing, Scope.PROFILE);
    }

    Setting(int min, int max, int factory, String listing, Scope scope) {
        this.min = min;
        this.max = max;
        this.factory = factory;
        this.listing = listing;
        this.scope = scope;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public int factory() {
        return factory;
    }

    public boolean accepts(int value) {
        return value >= min && value <= max;
    }

    /** Whether AT&W saves it; every setting of the SIM800 profile is saved. */
    public boolean savedByAtW() {
        return true;
    }

    /** Whether ATZ and AT&F leave it as it is. */
    public boolean keptByReset() {
        return scope == Scope.SERIAL_PORT;
    }

    /** AT&V's text for this setting, or null when AT&V does not list it. */
    String listing() {
        return listing;
    }
}
