package dev.sim800emu.modem;

import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.at.ResultCode;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.tcpip.TcpIpHost;
import dev.sim800emu.modem.time.ModemClock;
import java.util.function.Consumer;

/**
 * The modem as the TCP/IP stack sees it. The stack calls in from network and timer callbacks, so
 * every call here is an engine entry point: it settles the modem on the way out.
 */
final class StackHost implements TcpIpHost {
    private final ModemEngine modem;

    StackHost(ModemEngine modem) {
        this.modem = modem;
    }

    @Override
    public ModemClock clock() {
        return modem.clock();
    }

    @Override
    public Network network() {
        return modem.network();
    }

    @Override
    public ModemConfig config() {
        return modem.config();
    }

    @Override
    public boolean gprsAttached() {
        return modem.radio().attached();
    }

    @Override
    public void urc(Consumer<ResponseWriter> format) {
        modem.urc(format);
    }

    @Override
    public void beginPayload(PayloadSink sink) {
        modem.input.beginPayloadFromHost(sink);
    }

    @Override
    public void flushPayload() {
        modem.input.flushPayloadFromHost();
    }

    @Override
    public void enterDataMode(Runnable entered) {
        modem.run(() -> {
            if (modem.input.enterDataMode(entered)) {
                // Not inside a line (a connect completing later): the CONNECT URC is already out.
                modem.output.releaseUrcs();
                modem.output.flush();
                modem.input.startDataMode(entered);
                modem.input.pump();
                modem.output.flush();
            }
        });
    }

    @Override
    public void leaveDataMode(String text) {
        modem.run(() -> {
            modem.input.leaveDataMode();
            if (text.equals("OK")) {
                modem.writer().result(ResultCode.OK);
            } else {
                modem.writer().text(text);
            }
            modem.output.releaseUrcs();
            modem.output.flush();
            modem.wires.publish();
            modem.input.pump();
            modem.output.flush();
        });
    }

    @Override
    public void writeData(byte[] bytes) {
        modem.enter();
        try {
            modem.output.writeData(bytes);
        } finally {
            modem.leave();
        }
    }

    @Override
    public void writeData(dev.sim800emu.modem.net.Payload data) {
        modem.enter();
        try {
            modem.output.writeData(data);
        } finally {
            modem.leave();
        }
    }

    @Override
    public byte[] sslCertificate() {
        return modem.apps.trustedCertificate();
    }

    @Override
    public void linesChanged() {
        modem.run(() -> modem.wires.publish());
    }
}
