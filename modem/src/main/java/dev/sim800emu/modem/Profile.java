package dev.sim800emu.modem;

import dev.sim800emu.modem.at.FormatSettings;

/**
 * The settings that AT&W saves, ATZ restores and AT&F resets (SIM800 manual §2.2.32). The modem
 * holds three: factory, saved (the user profile) and active. TCP/IP settings are not here: no
 * chapter-8 command is saved by AT&W.
 */
public final class Profile implements FormatSettings {
    public boolean echo = true;
    public boolean verbose = true;
    public boolean quiet;
    public int cmee;
    public int x = 4;
    public int ampC = 1;
    public int ampD = 1;
    public int s0;
    public int s5 = 8;
    public int s6 = 2;
    public int s7 = 60;
    public int s8 = 2;
    public int s10 = 15;
    /** 0 is autobaud; the emulator ships fixed at 115200 so that boot URCs are visible. */
    public int ipr = 115200;
    public int ifcDce;
    public int ifcDte;
    public int icfFormat = 3;
    public int icfParity = 3;
    public int csclk;
    public int clts;
    public int creg;
    public int cgreg;
    public int ciurc = 1;
    public int cbatchk;

    public Profile copy() {
        Profile p = new Profile();
        p.copyFrom(this, true);
        return p;
    }

    /**
     * Copies every setting from {@code other}; without {@code serialPort}, IPR, ICF, IFC and CSCLK
     * are kept, as ATZ and AT&F do.
     */
    public void copyFrom(Profile other, boolean serialPort) {
        echo = other.echo;
        verbose = other.verbose;
        quiet = other.quiet;
        cmee = other.cmee;
        x = other.x;
        ampC = other.ampC;
        ampD = other.ampD;
        s0 = other.s0;
        s5 = other.s5;
        s6 = other.s6;
        s7 = other.s7;
        s8 = other.s8;
        s10 = other.s10;
        clts = other.clts;
        creg = other.creg;
        cgreg = other.cgreg;
        ciurc = other.ciurc;
        cbatchk = other.cbatchk;
        if (serialPort) {
            ipr = other.ipr;
            ifcDce = other.ifcDce;
            ifcDte = other.ifcDte;
            icfFormat = other.icfFormat;
            icfParity = other.icfParity;
            csclk = other.csclk;
        }
    }

    @Override
    public boolean echo() {
        return echo;
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public boolean quiet() {
        return quiet;
    }

    @Override
    public int cmee() {
        return cmee;
    }

    public int backspace() {
        return s5;
    }

    public int ampD() {
        return ampD;
    }

    public int ampC() {
        return ampC;
    }

    public int ipr() {
        return ipr;
    }

    public int csclk() {
        return csclk;
    }

    /** The lines of one AT&V block, in the order a SIM800 prints them. */
    public String[] listing(String title) {
        return new String[] {
            title,
            "S0: " + s0,
            "S3: 13",
            "S4: 10",
            "S5: " + s5,
            "S6: " + s6,
            "S7: " + s7,
            "S8: " + s8,
            "S10: " + s10,
            "+CRLP: 61,61,48,6",
            "V: " + (verbose ? 1 : 0),
            "E: " + (echo ? 1 : 0),
            "Q: " + (quiet ? 1 : 0),
            "X: " + x,
            "&C: " + ampC,
            "&D: " + ampD,
            "+CLTS: " + clts,
            "+CREG: " + creg,
            "+CGREG: " + cgreg,
            "+CMEE: " + cmee,
            "+IPR: " + ipr,
            "+ICF: " + icfFormat + "," + icfParity,
            "+IFC: " + ifcDce + "," + ifcDte,
            "+CSCLK: " + csclk,
            "+CIURC: " + ciurc,
        };
    }
}
