package dev.sim800emu.modem;

import dev.sim800emu.modem.at.ResultCode;
import dev.sim800emu.modem.radio.DialOutcome;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.time.ModemClock;
import java.util.List;

/**
 * The one voice call the modem can have. An incoming call rings until the host answers (ATA), the
 * host hangs up (ATH) or the caller gives up; while it rings, RI is held on and RING is repeated
 * every {@link #RING_PERIOD_MILLIS}, each followed by +CLIP with AT+CLIP=1 (reference §3.1, §3.4).
 * An outgoing call (ATD…;) alerts until the far end decides, as the control plane's
 * {@link DialOutcome} says: it connects, or ends with BUSY, NO ANSWER or NO CARRIER.
 */
final class VoiceCall {
    /** RING cadence: not in the manual; the reference suggests 3 s (§9, open point 1). */
    static final long RING_PERIOD_MILLIS = 3000;

    enum State {
        IDLE, RINGING, DIALING, ACTIVE
    }

    private final ModemEngine modem;
    private State state = State.IDLE;
    private String from = "";
    private boolean outgoing;
    private ModemClock.Timer ringTimer;
    private ModemClock.Timer outcomeTimer;

    VoiceCall(ModemEngine modem) {
        this.modem = modem;
    }

    State state() {
        return state;
    }

    /** The other end's number; empty without a call. */
    String number() {
        return state == State.IDLE ? "" : from;
    }

    /** A call from {@code from} arrives: RI on, the first RING at once. */
    void incoming(String number) {
        state = State.RINGING;
        from = number;
        outgoing = false;
        modem.wires.callRinging(true);
        ring();
        scheduleRing();
        listChanged();
    }

    /**
     * ATD…;: the call is set up and alerts; OK has been printed. MO RING with AT+MORING=1; the far
     * end's answer comes after the control plane's delay.
     */
    void dial(String number) {
        state = State.DIALING;
        from = number;
        outgoing = true;
        Radio radio = modem.radio();
        DialOutcome outcome = radio.dialOutcome;
        if (radio.moring == 1) {
            modem.urc(w -> w.text("MO RING"));
        }
        listChanged();
        outcomeTimer = modem.clock().schedule(outcome.afterMillis(), () -> {
            outcomeTimer = null;
            if (state != State.DIALING) {
                return;
            }
            String result = outcome.kind().result();
            if (result == null) {
                state = State.ACTIVE;
                if (modem.radio().moring == 1) {
                    modem.urc(w -> w.text("MO CONNECTED"));
                }
                listChanged();
            } else {
                state = State.IDLE;
                modem.urc(w -> w.text(result));
                released();
            }
        });
    }

    private void scheduleRing() {
        ringTimer = modem.clock().schedule(RING_PERIOD_MILLIS, () -> {
            ringTimer = null;
            if (state != State.RINGING) {
                return;
            }
            // In data mode the first RING waits for the host (note §3.2.5); repeats would pile up.
            if (!modem.inDataMode()) {
                ring();
            }
            scheduleRing();
        });
    }

    private void ring() {
        Radio radio = modem.radio();
        String clip = radio.clip == 1 ? clipLine(from) : null;
        modem.urc(w -> {
            if (radio.crc == 1) {
                w.text("+CRING: VOICE");
            } else {
                w.result(ResultCode.RING);
            }
            if (clip != null) {
                w.text(clip);
            }
        });
    }

    /**
     * {@code +CLIP: "<number>",<type>,"",0,"",0}: type 145 for an international number, 129
     * otherwise; an unknown number is {@code "",128,"",0,"",2} (reference §3.4, suggested).
     */
    static String clipLine(String number) {
        if (number.isEmpty()) {
            return "+CLIP: \"\",128,\"\",0,\"\",2";
        }
        return "+CLIP: \"" + number + "\"," + type(number) + ",\"\",0,\"\",0";
    }

    private static int type(String number) {
        return number.startsWith("+") ? 145 : number.isEmpty() ? 128 : 129;
    }

    /**
     * The AT+CLCC lines: {@code +CLCC: 1,<dir>,<stat>,0,0,"<number>",<type>,""} (manual §19.4);
     * none without a call. An alerting outgoing call is stat 3, a ringing incoming one 4.
     */
    List<String> list() {
        if (state == State.IDLE) {
            return List.of();
        }
        int stat = switch (state) {
            case ACTIVE -> 0;
            case DIALING -> 3;
            default -> 4;
        };
        return List.of("+CLCC: 1," + (outgoing ? 0 : 1) + "," + stat + ",0,0,\"" + from + "\"," + type(from) + ",\"\"");
    }

    /** With AT+CLCC=1 every change of the call is reported; an ended call as stat 6. */
    private void listChanged() {
        if (modem.radio().clcc != 1) {
            return;
        }
        List<String> lines = list();
        if (!lines.isEmpty()) {
            modem.urc(w -> w.info(lines.toArray(new String[0])));
        }
    }

    /** A call went away: +CLCC with stat 6 (AT+CLCC=1) and +CDRIND: 0 (AT+CDRIND=1). */
    private void released() {
        Radio radio = modem.radio();
        if (radio.clcc == 1) {
            String line = "+CLCC: 1," + (outgoing ? 0 : 1) + ",6,0,0,\"" + from + "\"," + type(from) + ",\"\"";
            modem.urc(w -> w.info(line));
        }
        if (radio.cdrind == 1) {
            modem.urc(w -> w.text("+CDRIND: 0"));
        }
    }

    /** AT+CPAS: 0 ready, 3 ringing, 4 call in progress. */
    int activity() {
        return switch (state) {
            case IDLE -> 0;
            case RINGING -> 3;
            default -> 4;
        };
    }

    /** ATA: the ringing call becomes active; RI goes off. False when nothing rings. */
    boolean answer() {
        if (state != State.RINGING) {
            return false;
        }
        stopRinging();
        state = State.ACTIVE;
        listChanged();
        return true;
    }

    /** ATH: the host ends the call, whatever its state. */
    void hangUp() {
        boolean had = state != State.IDLE;
        stopRinging();
        cancelOutcome();
        state = State.IDLE;
        if (had) {
            released();
        }
    }

    /** The caller hangs up, or the network loses the call: NO CARRIER. False when there is no call. */
    boolean ended() {
        if (state == State.IDLE) {
            return false;
        }
        stopRinging();
        cancelOutcome();
        state = State.IDLE;
        modem.urc(w -> w.result(ResultCode.NO_CARRIER));
        released();
        return true;
    }

    private void cancelOutcome() {
        if (outcomeTimer != null) {
            outcomeTimer.cancel();
            outcomeTimer = null;
        }
    }

    private void stopRinging() {
        if (ringTimer != null) {
            ringTimer.cancel();
            ringTimer = null;
        }
        modem.wires.callRinging(false);
    }

    /** Power loss: the call is gone without a word. */
    void reset() {
        if (ringTimer != null) {
            ringTimer.cancel();
            ringTimer = null;
        }
        cancelOutcome();
        state = State.IDLE;
        from = "";
    }
}
