package dev.sim800emu.modem;

/**
 * The modem's output control lines (DCE to DTE), true meaning asserted (active, "low" on the
 * chip's pins): data carrier detect, ring indicator, clear to send, data set ready.
 *
 * <p>{@code equals} and {@code hashCode} are written out: a record's own are linked through
 * method handles the first time they run, some 10-20 ms of a process's first power-on (the
 * control lines are compared when the modem turns on), before the host's first byte.
 */
public record LineState(boolean dcd, boolean ri, boolean cts, boolean dsr) {
    /** What an idle, powered modem shows: DCD per AT&C, CTS and DSR asserted, RI idle. */
    public static final LineState OFF = new LineState(false, false, false, false);

    @Override
    public boolean equals(Object o) {
        return o instanceof LineState l && l.dcd == dcd && l.ri == ri && l.cts == cts && l.dsr == dsr;
    }

    @Override
    public int hashCode() {
        return (dcd ? 8 : 0) | (ri ? 4 : 0) | (cts ? 2 : 0) | (dsr ? 1 : 0);
    }
}
