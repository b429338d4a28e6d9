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
import dev.sim800emu.modem.apps.location.LocationCommands;
import dev.sim800emu.modem.apps.location.LocationHost;
import dev.sim800emu.modem.apps.location.LocationService;
import dev.sim800emu.modem.apps.ping.PingCommands;
import dev.sim800emu.modem.apps.ping.PingHost;
import dev.sim800emu.modem.apps.ping.PingService;
import dev.sim800emu.modem.apps.ssl.SslCommands;
import dev.sim800emu.modem.apps.ssl.SslHost;
import dev.sim800emu.modem.apps.ssl.SslService;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.fs.FileSystem;
import dev.sim800emu.modem.fs.FsCommands;
import dev.sim800emu.modem.fs.FsHost;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.radio.AppBearers;
import dev.sim800emu.modem.time.ModemClock;
import dev.sim800emu.modem.config.CellLocation;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/**
 * The room of the applications (HTTP, FTP, NTP, the file system and SSL options, ping, cell
 * location): their services, and the modem as they see it. Their links go through the engine's
 * {@link Network} port like CIPSTART's, so the destination policy, link conditions and faults apply
 * to them unchanged.
 */
final class Applications implements HttpHost, FtpHost, NtpHost, FsHost, SslHost, PingHost,
        LocationHost {
    private final ModemEngine modem;
    private final HttpService http = new HttpService(this);
    private final NtpService ntp = new NtpService(this);
    /** The flash drive: it outlives power cycles, as the chip's does. */
    private final FileSystem fs = new FileSystem(this);
    private final FtpService ftp = new FtpService(this, fs.store());
    private final SslService ssl = new SslService(this, fs.store());
    private final PingService ping = new PingService(this);
    private final LocationService location = new LocationService(this);

    Applications(ModemEngine modem) {
        this.modem = modem;
    }

    /** Registers the application commands into the shared table. */
    static void register(CommandTable.Sections<ModemEngine> families) {
        HttpCommands.register(families.section(m -> m.apps.http));
        NtpCommands.register(families.section(m -> m.apps.ntp));
        FtpCommands.register(families.section(m -> m.apps.ftp));
        FsCommands.register(families.section(m -> m.apps.fs));
        SslCommands.register(families.section(m -> m.apps.ssl));
        PingCommands.register(families.section(m -> m.apps.ping));
        LocationCommands.register(families.section(m -> m.apps.location));
    }

    void reset() {
        http.reset();
        ntp.reset();
        ftp.reset();
        fs.reset();
        ssl.reset();
        ping.reset();
    }

    @Override
    public CellLocation location() {
        return modem.radio().location();
    }

    @Override
    public Instant networkTime() {
        return modem.config().wallClock().instant();
    }

    @Override
    public boolean lbsFirmware() {
        return !modem.config().identity().r13();
    }

    @Override
    public boolean contextActive() {
        return switch (modem.tcpip().state()) {
            case INITIAL, START, CONFIG, PDP_DEACT -> false;
            default -> true;
        };
    }

    @Override
    public byte[] trustedCertificate() {
        return ssl.trustedCertificate();
    }

    @Override
    public boolean sslFirmware() {
        return !modem.config().identity().r13();
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
