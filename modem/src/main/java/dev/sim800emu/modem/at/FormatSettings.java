package dev.sim800emu.modem.at;

/** The settings that decide how responses look: ATV, ATQ and AT+CMEE. */
public interface FormatSettings {
    boolean verbose();

    boolean quiet();

    /** 0 plain ERROR, 1 numeric +CME ERROR, 2 verbose +CME ERROR. */
    int cmee();
}
