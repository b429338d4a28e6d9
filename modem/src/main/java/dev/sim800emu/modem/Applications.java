package dev.sim800emu.modem;

import dev.sim800emu.modem.apps.ftp.FtpCommands;
import dev.sim800emu.modem.apps.ftp.FtpHost;
import dev.sim800emu.modem.apps.ftp.FtpService;
import dev.sim800emu.modem.apps.http.HttpCommands;
import dev.sim800emu.modem.apps.http.HttpHost;
import dev.sim800emu.modem.apps.http.HttpService;
import dev.sim800emu.modem.apps.ntp.NtpCommands;
import dev.sim800emu.modem.apps.ntp.NtpHost;
import dev.sim800emu.modem.apps.ntp.NtpService;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.radio.AppBearers;
import dev.sim800emu.modem.time.ModemClock;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/**
 * The room of the SAPBR applications (HTTP, FTP, NTP): their services, and the modem as they see it. Their
 * links go through the engine's {@link Network} port like CIPSTART's, so the destination policy,
 * link conditions and faults apply to them unchanged.
 */
final class Applications implements HttpHost, FtpHost, NtpHost {
    private final ModemEngine modem;
    private final HttpService http = new HttpService(this);
    private final NtpService ntp = new NtpService(this);
    private final FtpService ftp = new FtpService(this);

    Applications(ModemEngine modem) {
        this.modem = modem;
    }

    /** Registers the application commands into the shared table. */
    static void register(CommandTable.Sections<ModemEngine> families) {
        HttpCommands.register(families.section(m -> m.apps.http));
        NtpCommands.register(families.section(m -> m.apps.ntp));
        FtpCommands.register(families.section(m -> m.apps.ftp));
    }

    void reset() {
        http.reset();
        ntp.reset();
        ftp.reset();
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
    public boolean bearerOpen(int cid) {
        return modem.appBearers().profile(cid).status() == AppBearers.CONNECTED;
    }

    @Override
    public boolean sslFirmware() {
        return !modem.config().identity().r13();
    }

    @Override
    public long connectTimeoutMillis() {
        return modem.config().connectTimeoutMillis();
    }

    @Override
    public void urc(Consumer<ResponseWriter> format) {
        modem.urc(format);
    }

    @Override
    public void setClock(ZonedDateTime time) {
        modem.rtc().set(time);
    }

    @Override
    public void beginPayload(PayloadSink sink) {
        modem.input.beginPayloadFromHost(sink);
    }

    @Override
    public void flushPayload() {
        modem.input.flushPayloadFromHost();
    }
}
