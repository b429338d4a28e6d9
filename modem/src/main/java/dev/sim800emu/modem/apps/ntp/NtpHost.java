package dev.sim800emu.modem.apps.ntp;

import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.time.ModemClock;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/** What AT+CNTP needs from the rest of the modem. */
public interface NtpHost {
    ModemClock clock();

    /** The query goes out as a UDP link through the port, like CIPSTART's. */
    Network network();

    boolean bearerOpen(int cid);

    void urc(Consumer<ResponseWriter> format);

    /** Sets the real-time clock (what AT+CCLK? reads). */
    void setClock(ZonedDateTime time);
}
