package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.time.ModemClock;
import java.util.function.Consumer;

/** What the TCP/IP application needs from the rest of the modem. */
public interface TcpIpHost {
    ModemClock clock();

    Network network();

    ModemConfig config();

    /** True when the radio is attached to GPRS (AT+CGATT?). */
    boolean gprsAttached();

    /** Emits an unsolicited result now, or queues it until the running command has finished. */
    void urc(Consumer<ResponseWriter> writer);

    /** Switches the serial input to payload mode for a CIPSEND. */
    void beginPayload(PayloadSink sink);

    /** Ends the current payload now with what has arrived (CIPATS timer). */
    void flushPayload();

    /**
     * Switches the serial line to data mode once the running line (if any) has printed its final
     * result and its queued URCs; {@code entered} runs at that moment.
     */
    void enterDataMode(Runnable entered);

    /** Back to command mode: prints {@code text} (OK, CLOSED, +PDP: DEACT), then queued URCs. */
    void leaveDataMode(String text);

    /** Raw bytes to the host in data mode. */
    void writeData(byte[] bytes);

    /** Raw peer bytes to the host in data mode, passed on as the network read them. */
    default void writeData(dev.sim800emu.modem.net.Payload data) {
        writeData(data.toArray());
    }

    /** The CA certificate the host loaded for TLS (AT+SSLSETCERT), or null. */
    default byte[] sslCertificate() {
        return null;
    }

    /** Something that DCD depends on changed. */
    void linesChanged();
}
