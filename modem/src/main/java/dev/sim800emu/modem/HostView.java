package dev.sim800emu.modem;

import dev.sim800emu.modem.hostcheck.ModemView;
import dev.sim800emu.modem.tcpip.LinkState;
import dev.sim800emu.modem.tcpip.TcpIpStack;

/** The engine as the host check sees it; read on the modem's thread. */
public final class HostView implements ModemView {
    private final ModemEngine modem;

    public HostView(ModemEngine modem) {
        this.modem = modem;
    }

    @Override
    public boolean booted() {
        return modem.power() == ModemEngine.Power.ON;
    }

    @Override
    public boolean lineRunning() {
        return modem.input.lineRunning();
    }

    @Override
    public boolean payloadOpen() {
        return modem.input.payloadOpen();
    }

    @Override
    public boolean dataMode() {
        return modem.input.dataMode();
    }

    @Override
    public boolean multiLink() {
        return modem.tcpip().multiLink();
    }

    @Override
    public boolean linkConnected(int id) {
        return id >= 0 && id < TcpIpStack.LINKS && modem.tcpip().link(id).state() == LinkState.CONNECTED;
    }

    @Override
    public boolean anyLinkOpen() {
        for (int id = 0; id < TcpIpStack.LINKS; id++) {
            if (modem.tcpip().link(id).state().busy()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int sendLimit() {
        return TcpIpStack.MAX_SEND;
    }

    @Override
    public boolean sendPrompt() {
        return modem.tcpip().sendPrompt();
    }
}
