package dev.sim800emu.modem.apps.http;

import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.time.ModemClock;
import java.util.function.Consumer;

/** What the HTTP application needs from the rest of the modem. */
public interface HttpHost {
    ModemClock clock();

    /** Links open here as CIPSTART's do, so the destination policy, shaping and faults apply. */
    Network network();

    /** True while SAPBR bearer {@code cid} is open. */
    boolean bearerOpen(int cid);

    /**
     * False on a firmware without SSL (release 13): it does not know AT+HTTPSSL at all, so the
     * command is refused as an unknown one (LilyGo-T-Call-SIM800 issue 259: "+CME ERROR: unknown").
     */
    boolean sslFirmware();

    /** How long a TCP connect may take. */
    long connectTimeoutMillis();

    void urc(Consumer<ResponseWriter> format);

    /** The CA certificate HTTPS servers must chain to (AT+SSLSETCERT), or null: no verification. */
    byte[] trustedCertificate();

    /** Switches serial input to payload mode (HTTPDATA after its DOWNLOAD prompt). */
    void beginPayload(PayloadSink sink);

    /** Ends the payload now with what has arrived (HTTPDATA's time limit). */
    void flushPayload();
}
