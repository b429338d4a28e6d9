package dev.sim800emu.modem;

import dev.sim800emu.modem.settings.Profile;
import dev.sim800emu.modem.settings.Setting;
import dev.sim800emu.modem.tcpip.TcpIpStack;
import dev.sim800emu.modem.time.ModemClock;

/**
 * The serial line's control wires and what hangs off them: DTR, RTS and the rate from the host;
 * DCD, RI, CTS and DSR (and input readiness) to it; sleep under AT+CSCLK; RI for calls and SMS.
 * Endpoints without wires (raw TCP, PTY) leave DTR and RTS asserted.
 */
final class ControlLines {
    /** Serial silence after which AT+CSCLK=2 sleeps. */
    static final long AUTO_SLEEP_MILLIS = 5000;
    private static final ModemLines NOBODY = state -> { };
    /** RI pulse for a new SMS (note §3.2.5). */
    private static final long SMS_PULSE_MILLIS = 120;

    private final ModemEngine modem;
    private ModemLines listener = NOBODY;
    private LineState published = LineState.OFF;
    private boolean inputReady = true;
    private boolean dtr = true;
    private boolean rts = true;
    private boolean ring;
    private boolean callActive;
    private ModemClock.Timer ringPulse;
    private int hostBaud = 115200;
    private boolean hostBaudSet;
    private long dtrAssertedAt;
    private long lastInputAt;
    private long wakeUntil;

    ControlLines(ModemEngine modem) {
        this.modem = modem;
    }

    void attach(ModemLines listener) {
        this.listener = listener;
        published = compute();
        listener.onLines(published);
        listener.onInputReady(inputReady);
    }

    LineState published() {
        return published;
    }

    boolean inputReady() {
        return inputReady;
    }

    /** Tells the listener when a line has changed. */
    void publish() {
        LineState now = compute();
        if (!now.equals(published)) {
            published = now;
            listener.onLines(now);
        }
    }

    /** Tells the listener when the modem starts or stops taking input. */
    void publishInputReady(boolean ready) {
        if (ready != inputReady) {
            inputReady = ready;
            listener.onInputReady(ready);
        }
    }

    private LineState compute() {
        if (modem.power() != ModemEngine.Power.ON) {
            return LineState.OFF;
        }
        Profile p = modem.settings();
        TcpIpStack tcpip = modem.tcpip();
        boolean dcd = p.get(Setting.AMP_C) == 0 || tcpip.carrier();
        // With AT+IFC=x,2 CTS is the modem's "input ready" (type-ahead, a backed-up transparent uplink).
        boolean cts = p.get(Setting.IFC_DTE) != 2 || inputReady;
        LineState last = published;
        if (last.dcd() == dcd && last.ri() == ring && last.cts() == cts && last.dsr()) {
            return last; // unchanged, the common case: every settle asks, so nothing is allocated
        }
        return new LineState(dcd, ring, cts, true);
    }

    // ------------------------------------------------------------------ host wires

    /** Returns true when DTR changed. */
    boolean dtr(boolean asserted, long now) {
        if (dtr == asserted) {
            return false;
        }
        dtr = asserted;
        if (asserted) {
            dtrAssertedAt = now;
        }
        return true;
    }

    /** Returns true when RTS changed. */
    boolean rts(boolean asserted) {
        if (rts == asserted) {
            return false;
        }
        rts = asserted;
        return true;
    }

    boolean dtr() {
        return dtr;
    }

    boolean rts() {
        return rts;
    }

    /** RTS off with AT+IFC=2,x: the host wants no output now. */
    boolean holdsOutput() {
        return modem.settings().get(Setting.IFC_DCE) == 2 && !rts;
    }

    void hostBaud(int bitsPerSecond) {
        this.hostBaud = bitsPerSecond;
        this.hostBaudSet = bitsPerSecond > 0;
    }

    int hostBaud() {
        return hostBaud;
    }

    /** What the host set over RFC 2217, else AT+IPR, else (autobaud) 115200. */
    int serialRate() {
        if (hostBaudSet) {
            return hostBaud;
        }
        int ipr = modem.settings().get(Setting.IPR);
        return ipr == 0 ? 115200 : ipr;
    }

    // ------------------------------------------------------------------ sleep

    /** The modem finished booting: the CSCLK=2 silence is counted from now. */
    void booted(long now) {
        lastInputAt = now;
    }

    /**
     * Sleep (AT+CSCLK, note §12). Mode 1: while DTR is off (pin high) the UART is deaf; it hears
     * again 50 ms after DTR comes on. Mode 2: after {@link #AUTO_SLEEP_MILLIS} of silence the
     * first bytes only wake the modem, and input is ignored for 100 ms after that. Output (URCs,
     * received data) is not held back in either mode: incoming data wakes the chip.
     */
    boolean asleepForInput(long now) {
        boolean asleep;
        switch (modem.settings().get(Setting.CSCLK)) {
            case 1 -> asleep = !dtr || now - dtrAssertedAt < 50;
            case 2 -> {
                if (now < wakeUntil) {
                    asleep = true;
                } else if (now - lastInputAt >= AUTO_SLEEP_MILLIS) {
                    wakeUntil = now + 100;
                    asleep = true;
                } else {
                    asleep = false;
                }
            }
            default -> asleep = false;
        }
        lastInputAt = now;
        return asleep;
    }

    /** True when AT+CSCLK lets the modem sleep right now (mode 1 and DTR off). */
    boolean sleeping() {
        return modem.settings().get(Setting.CSCLK) == 1 && !dtr;
    }

    // ------------------------------------------------------------------ ring indicator

    /** A call rings (RI held on, hardware design §4.6) or stops ringing (answered, ended). */
    void callRinging(boolean on) {
        callActive = on;
        setRing(on || ringPulse != null);
    }

    /** A new SMS: RI pulses and +CMTI is reported. */
    void newSms(int index, ModemClock timers) {
        smsPulse(timers);
        modem.urc(w -> w.text("+CMTI: \"SM\"," + index));
    }

    /** RI low for 120 ms: a message arrived (hardware design §4.6). */
    void smsPulse(ModemClock timers) {
        setRing(true);
        if (ringPulse != null) {
            ringPulse.cancel();
        }
        ringPulse = timers.schedule(SMS_PULSE_MILLIS, () -> {
            ringPulse = null;
            setRing(callActive);
        });
    }

    private void setRing(boolean on) {
        ring = on;
        publish();
    }

    /** Power loss: no call, no ring. */
    void reset() {
        ring = false;
        callActive = false;
        if (ringPulse != null) {
            ringPulse.cancel();
            ringPulse = null;
        }
    }
}
