package dev.sim800emu.modem;

import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.command.BasicHost;
import dev.sim800emu.modem.command.GsmHost;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.radio.AppBearers;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.settings.Profile;
import dev.sim800emu.modem.tcpip.IpState;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/**
 * The modem as the command families see it: the narrow host interfaces of the {@code command}
 * package, answered from the engine. Keeps those packages free of the engine's own types.
 */
final class CommandHost implements BasicHost, GsmHost {
    private final ModemEngine modem;

    CommandHost(ModemEngine modem) {
        this.modem = modem;
    }

    @Override
    public Profile settings() {
        return modem.settings();
    }

    @Override
    public Profile savedSettings() {
        return modem.savedSettings();
    }

    @Override
    public ModemIdentity identity() {
        return modem.config().identity();
    }

    @Override
    public ModemConfig config() {
        return modem.config();
    }

    @Override
    public Radio radio() {
        return modem.radio();
    }

    @Override
    public AppBearers appBearers() {
        return modem.appBearers();
    }

    @Override
    public void urc(Consumer<ResponseWriter> format) {
        modem.urc(format);
    }

    @Override
    public void rebootAfterLine() {
        modem.afterLine(modem::reboot);
    }

    @Override
    public void powerOffAfterLine() {
        modem.afterLine(modem::powerOff);
    }

    @Override
    public void deactivateContext(ResponseWriter out) {
        IpState state = modem.tcpip().state();
        if (state != IpState.INITIAL && state != IpState.PDP_DEACT) {
            modem.tcpip().networkDeactivate(out);
        }
    }

    @Override
    public void dropGprs() {
        modem.events().dropGprs();
    }

    @Override
    public boolean answerCall() {
        return modem.events().call().answer();
    }

    @Override
    public void hangUpCall() {
        modem.events().call().hangUp();
    }

    @Override
    public String dial(String number) {
        if (!modem.radio().registered()) {
            // Dialling without service: NO DIALTONE, as a SIM800L user saw (reference §3.1).
            return "NO DIALTONE";
        }
        modem.radio().lastDialed = number;
        modem.events().call().dial(number);
        return null;
    }

    @Override
    public boolean inCall() {
        return modem.events().call().state() != VoiceCall.State.IDLE;
    }

    @Override
    public java.util.List<String> calls() {
        return modem.events().call().list();
    }

    @Override
    public int activity() {
        return modem.events().call().activity();
    }

    @Override
    public void beginPayload(PayloadSink sink) {
        modem.run(() -> modem.input.beginPayload(sink));
    }

    @Override
    public ZonedDateTime now() {
        return modem.rtc().now();
    }

    @Override
    public void setClock(ZonedDateTime time) {
        modem.rtc().set(time);
    }
}
