package dev.sim800emu.modem;

import dev.sim800emu.modem.at.ResultCode;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.time.ModemClock;

/**
 * The one voice call the modem can have: an incoming call rings until the host answers (ATA), the
 * host hangs up (ATH) or the caller gives up. While it rings, RI is held on and RING is repeated
 * every {@link #RING_PERIOD_MILLIS}, each followed by +CLIP with AT+CLIP=1 (reference §3.1, §3.4).
 */
final class VoiceCall {
    /** RING cadence: not in the manual; the reference suggests 3 s (§9, open point 1). */
    static final long RING_PERIOD_MILLIS = 3000;

    enum State {
        IDLE, RINGING, ACTIVE
    }

    private final ModemEngine modem;
    private State state = State.IDLE;
    private String from = "";
    private ModemClock.Timer ringTimer;

    VoiceCall(ModemEngine modem) {
        this.modem = modem;
    }

    State state() {
        return state;
    }

    /** A call from {@code from} arrives: RI on, the first RING at once. */
    void incoming(String number) {
        state = State.RINGING;
        from = number;
        modem.wires.callRinging(true);
        ring();
        scheduleRing();
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
            w.result(ResultCode.RING);
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
        int type = number.startsWith("+") ? 145 : 129;
        return "+CLIP: \"" + number + "\"," + type + ",\"\",0,\"\",0";
    }

    /** ATA: the ringing call becomes active; RI goes off. False when nothing rings. */
    boolean answer() {
        if (state != State.RINGING) {
            return false;
        }
        stopRinging();
        state = State.ACTIVE;
        return true;
    }

    /** ATH: the host ends the call, whatever its state. */
    void hangUp() {
        stopRinging();
        state = State.IDLE;
    }

    /** The caller hangs up, or the network loses the call: NO CARRIER. False when there is no call. */
    boolean ended() {
        if (state == State.IDLE) {
            return false;
        }
        hangUp();
        modem.urc(w -> w.result(ResultCode.NO_CARRIER));
        return true;
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
        state = State.IDLE;
        from = "";
    }
}
