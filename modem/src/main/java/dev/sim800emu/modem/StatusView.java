package dev.sim800emu.modem;

import dev.sim800emu.modem.control.ModemStatus;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.radio.SentMessages;
import dev.sim800emu.modem.tcpip.LinkSnapshot;
import dev.sim800emu.modem.tcpip.TcpIpStack;
import java.util.ArrayList;
import java.util.List;

/** Builds the control plane's {@link ModemStatus} from the engine's rooms. */
final class StatusView {
    private StatusView() {
    }

    static ModemStatus of(ModemEngine modem) {
        Radio radio = modem.radio();
        TcpIpStack ip = modem.tcpip();
        List<ModemStatus.LinkStatus> links = new ArrayList<>(TcpIpStack.LINKS);
        for (int i = 0; i < TcpIpStack.LINKS; i++) {
            links.add(link(ip.link(i)));
        }
        boolean on = modem.power() == ModemEngine.Power.ON;
        List<ModemStatus.SentSms> sent = new ArrayList<>();
        for (SentMessages.Sent m : radio.sent().all()) {
            sent.add(new ModemStatus.SentSms(m.mr(), m.to(), m.text(), m.at().toOffsetDateTime().toString(), m.error()));
        }
        VoiceCall call = modem.events().call();
        return new ModemStatus(modem.power().name(), on ? radio.registration().name() : "NONE", on ? rssi(radio) : 99,
                radio.simInserted(), on && radio.attached(), ip.stateLabel(), List.copyOf(links),
                modem.network().conditions(), call.state().name(), call.number(), List.copyOf(sent));
    }

    /** The rssi AT+CSQ would print now. */
    private static int rssi(Radio radio) {
        String csq = radio.csq();
        return Integer.parseInt(csq.substring(0, csq.indexOf(',')));
    }

    private static ModemStatus.LinkStatus link(LinkSnapshot s) {
        boolean used = s.protocol() != null;
        return new ModemStatus.LinkStatus(s.id(), s.state().label(), used ? s.protocol().name() : "",
                used ? s.remoteIp() + ":" + s.remotePort() : "", s.sent(), s.acked(), s.received(),
                s.fault() == null ? "" : s.fault().name());
    }
}
