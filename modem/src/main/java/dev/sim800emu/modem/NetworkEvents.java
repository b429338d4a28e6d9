package dev.sim800emu.modem;

/**
 * What the network does to the modem on its own: calls and messages arrive, GPRS service is
 * withdrawn. Each event is an entry point of the engine (it settles on the way out), and is
 * ignored while the modem is not on.
 */
public final class NetworkEvents {
    private final ModemEngine modem;

    NetworkEvents(ModemEngine modem) {
        this.modem = modem;
    }

    /**
     * An incoming voice call: RI is held on until {@link #callEnded()}, and RING is reported (at
     * once in command mode, after the host leaves data mode otherwise, note §3.2.5).
     */
    public void incomingCall() {
        modem.run(() -> {
            if (modem.power() == ModemEngine.Power.ON) {
                modem.wires.incomingCall();
            }
        });
    }

    /** The caller hung up. */
    public void callEnded() {
        modem.run(() -> modem.wires.callEnded());
    }

    /** A new SMS stored at {@code index}: RI pulses for 120 ms and +CMTI: "SM",index is reported. */
    public void newSms(int index) {
        modem.run(() -> {
            if (modem.power() == ModemEngine.Power.ON) {
                modem.wires.newSms(index, modem.clock());
            }
        });
    }

    /**
     * The network withdraws GPRS service: the TCP/IP context drops (+PDP: DEACT) and open SAPBR
     * bearers close (+SAPBR n: DEACT).
     */
    public void dropGprs() {
        modem.run(() -> {
            for (int cid : modem.appBearers().dropAll()) {
                modem.urc(w -> w.text("+SAPBR " + cid + ": DEACT"));
            }
            modem.tcpip().networkDeactivate();
        });
    }
}
