package dev.sim800emu.modem;

/**
 * The modem's output control lines (DCE to DTE), true meaning asserted (active, "low" on the
 * chip's pins): data carrier detect, ring indicator, clear to send, data set ready.
 */
public record LineState(boolean dcd, boolean ri, boolean cts, boolean dsr) {
    /** What an idle, powered modem shows: DCD per AT&C, CTS and DSR asserted, RI idle. */
    public static final LineState OFF = new LineState(false, false, false, false);
}
