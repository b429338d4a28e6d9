package dev.sim800emu.modem.apps.ftp;

import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.time.ModemClock;
import java.util.function.Consumer;

/** What the FTP application needs from the rest of the modem. */
public interface FtpHost {
    ModemClock clock();

    /** Control and data connections open here as CIPSTART's do: policy, shaping and faults apply. */
    Network network();

    /** False on release 13 firmware, which has no SSL: AT+FTPSSL is ERROR there. */
    boolean sslFirmware();

    /** The CA certificate TLS links must chain to (AT+SSLSETCERT), or null: no check. */
    byte[] trustedCertificate();

    /** True while SAPBR bearer {@code cid} is open. */
    boolean bearerOpen(int cid);

    /** How long a TCP connect may take. */
    long connectTimeoutMillis();

    void urc(Consumer<ResponseWriter> format);

    /** Switches serial input to payload mode (FTPPUT=2 after its {@code +FTPPUT: 2,<n>} line). */
    void beginPayload(PayloadSink sink);

    /** Ends the payload now with what has arrived. */
    void flushPayload();
}
