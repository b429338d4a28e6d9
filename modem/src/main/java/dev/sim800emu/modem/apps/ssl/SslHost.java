package dev.sim800emu.modem.apps.ssl;

import dev.sim800emu.modem.at.ResponseWriter;
import java.util.function.Consumer;

/** What AT+SSLSETCERT and AT+SSLOPT need from the rest of the modem. */
public interface SslHost {
    /** False on firmware without SSL (release 13), where every SSL command is ERROR. */
    boolean sslFirmware();

    void urc(Consumer<ResponseWriter> format);
}
