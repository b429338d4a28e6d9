package dev.sim800emu.modem;

import dev.sim800emu.modem.radio.MessageStore;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.radio.SmsSettings;
import dev.sim800emu.modem.sms.SmsFormat;
import java.time.ZonedDateTime;

/**
 * What the network does to the modem on its own: calls, messages and USSD answers arrive, GPRS
 * service is withdrawn. Each event is an entry point of the engine (it settles on the way out),
 * and is ignored while the modem is not on. The control plane ({@link ModemController}) checks
 * whether an event can happen before it calls in here.
 */
public final class NetworkEvents {
    private final ModemEngine modem;
    private final VoiceCall call;

    NetworkEvents(ModemEngine modem) {
        this.modem = modem;
        this.call = new VoiceCall(modem);
    }

    VoiceCall call() {
        return call;
    }

    /** Power loss or reset. */
    void reset() {
        call.reset();
    }

    private boolean on() {
        return modem.power() == ModemEngine.Power.ON;
    }

    /** An incoming voice call from an unknown number (see {@link #incomingCall(String)}). */
    public void incomingCall() {
        incomingCall("");
    }

    /**
     * An incoming voice call: RI is held on until the call is answered or ends, and RING (with
     * +CLIP under AT+CLIP=1) is reported every 3 s — at once in command mode, after the host leaves
     * data mode otherwise (note §3.2.5).
     */
    public void incomingCall(String from) {
        modem.run(() -> {
            if (on()) {
                call.incoming(from);
            }
        });
    }

    /** The caller hung up (or the network lost the call): NO CARRIER if there was a call. */
    public void callEnded() {
        modem.run(() -> call.ended());
    }

    /** A new SMS stored at {@code index}: RI pulses for 120 ms and +CMTI: "SM",index is reported. */
    public void newSms(int index) {
        modem.run(() -> {
            if (on()) {
                modem.wires.newSms(index, modem.clock());
            }
        });
    }

    /**
     * A new SMS from {@code from}, as AT+CNMI asks: shown at once as +CMT (mt=2, not stored), or
     * filed in the received-message storage (mem3) and announced with +CMTI (mt=1/3) or not at all
     * (mt=0). RI pulses either way. Returns the index, -1 when shown directly, 0 when the storage
     * is full (nothing is announced).
     */
    public int newSms(String from, String text) {
        Radio radio = modem.radio();
        SmsSettings s = radio.sms();
        ZonedDateTime now = modem.rtc().now();
        if (s.directDelivery()) {
            String[] lines = SmsFormat.direct(from, text, now, s);
            modem.run(() -> {
                if (on()) {
                    modem.wires.smsPulse(modem.clock());
                    modem.urc(w -> w.info(lines));
                }
            });
            return -1;
        }
        MessageStore store = radio.storage(s.mem[2]);
        int index = store.receive(from, text, now);
        if (index > 0) {
            String mem = s.mem[2];
            modem.run(() -> {
                if (on()) {
                    modem.wires.smsPulse(modem.clock());
                    if (s.indexIndication()) {
                        modem.urc(w -> w.text("+CMTI: \"" + mem + "\"," + index));
                    }
                }
            });
        }
        return index;
    }

    /** The network answers a USSD request: {@code +CUSD: 0, "text", 15} (SIM800 puts a space after each comma). */
    public void ussd(String text) {
        modem.urc(w -> w.text("+CUSD: 0, \"" + text + "\", 15"));
    }

    /**
     * The network withdraws GPRS service: the TCP/IP context drops (+PDP: DEACT; links closed,
     * state PDP DEACT) and open SAPBR bearers close (+SAPBR n: DEACT). Returns whether anything was
     * up.
     */
    public boolean dropGprs() {
        boolean[] any = {false};
        modem.run(() -> {
            for (int cid : modem.appBearers().dropAll()) {
                any[0] = true;
                modem.urc(w -> w.text("+SAPBR " + cid + ": DEACT"));
            }
            any[0] |= modem.tcpip().networkDeactivate();
        });
        return any[0];
    }
}
