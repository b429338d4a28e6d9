package dev.sim800emu.modem.at;

/** The V.250 result codes with their ATV0 numbers (SIM800 manual §2.2.25). */
public enum ResultCode {
    OK("OK", 0),
    CONNECT("CONNECT", 1),
    RING("RING", 2),
    NO_CARRIER("NO CARRIER", 3),
    ERROR("ERROR", 4),
    NO_DIALTONE("NO DIALTONE", 6),
    BUSY("BUSY", 7),
    NO_ANSWER("NO ANSWER", 8),
    PROCEEDING("PROCEEDING", 9);

    private final String verbose;
    private final int numeric;

    ResultCode(String verbose, int numeric) {
        this.verbose = verbose;
        this.numeric = numeric;
    }

    public String verbose() {
        return verbose;
    }

    public int numeric() {
        return numeric;
    }
}
