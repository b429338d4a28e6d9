package dev.sim800emu.driver;

import dev.sim800emu.driver.chat.AtChannel;
import dev.sim800emu.driver.chat.AtCommand;
import dev.sim800emu.driver.chat.AtReply;
import dev.sim800emu.driver.chat.Match;
import dev.sim800emu.driver.chat.UrcHandler;
import dev.sim800emu.driver.transport.Transport;
import dev.sim800emu.driver.transport.Transports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A SIM800 modem, real or virtual, driven over its serial line. Typical use:
 *
 * <pre>{@code
 * try (Sim800 modem = Sim800.open("/dev/serial0")) {
 *     modem.init();
 *     modem.awaitRegistration(Duration.ofSeconds(60));
 *     modem.attachGprs("internet", "", "");
 *     try (ModemSocket s = modem.openSocket("example.com", 80)) { ... }
 * }
 * }</pre>
 *
 * <p>Links use CIPMUX=1 with manual receive (CIPRXGET=1) and quick send (CIPQSEND=1), so up to six
 * sockets work at once, data waits in the modem until read, and writes return once the modem has
 * the bytes. Methods may be called from several threads; commands go out one at a time.
 */
public final class Sim800 implements AutoCloseable {
    // Maximum response times from the SIM800 AT manual, with a little margin.
    private static final Duration SYNC_TRY = Duration.ofMillis(500);
    private static final Duration ATTACH = Duration.ofSeconds(75);
    private static final Duration ACTIVATE = Duration.ofSeconds(85);
    private static final Duration SHUT = Duration.ofSeconds(65);
    private static final Duration CONNECT = Duration.ofSeconds(80);
    private static final Duration SMS = Duration.ofSeconds(60);

    private final AtChannel at;
    private final Links links;
    /**
     * Held from AT+CIPSSL to the CIPSTART it is for: the setting is the modem's, not the link's, so
     * another thread's CIPSSL must not slip in between.
     */
    private final Object starting = new Object();
    /** What AT+CIPSSL was last set to; null until this driver set it (the modem may have kept either). */
    private Boolean tls;

    private Sim800(AtChannel at) {
        this.at = at;
        this.links = new Links(at);
    }

    /** A driver on {@code transport}; call {@link #init()} next. */
    public static Sim800 open(Transport transport) throws IOException {
        return new Sim800(new AtChannel(transport));
    }

    /** A driver on the transport {@code address} names (see {@link Transports#open}). */
    public static Sim800 open(String address) throws IOException {
        return open(Transports.open(address));
    }

    /** The AT channel underneath, for commands this class does not wrap. */
    public AtChannel channel() {
        return at;
    }

    /** Sends a command expecting {@code OK}. */
    public AtReply command(String line) throws ModemException {
        return at.execute(AtCommand.of(line));
    }

    /** Calls {@code handler} (on the reader thread: be quick, send nothing) for URCs starting with {@code prefix}. */
    public void onUrc(String prefix, Consumer<String> handler) {
        at.addUrcHandler(UrcHandler.of(Match.prefix(prefix), handler));
    }

    /**
     * Finds the modem (AT until it answers, for up to {@code 20 × 0.5 s}: it may still be booting or
     * autobauding), then turns echo off and numeric {@code +CME ERROR}s on.
     */
    public void init() throws ModemException {
        ModemException last = null;
        for (int i = 0; i < 20; i++) {
            try {
                at.execute(AtCommand.builder("AT").timeout(SYNC_TRY).build());
                last = null;
                break;
            } catch (AtTimeoutException | AtErrorException e) {
                last = e;
            }
        }
        if (last != null) {
            throw new AtTimeoutException("no answer to AT from the modem: " + last.getMessage());
        }
        command("ATE0");
        command("AT+CMEE=1");
    }

    public SimStatus simStatus() throws ModemException {
        try {
            return SimStatus.parse(at.execute(AtCommand.builder("AT+CPIN?").info(Match.prefix("+CPIN:")).build())
                    .info("+CPIN:"));
        } catch (CmeErrorException e) {
            if (e.code() == 10) {
                return SimStatus.NOT_INSERTED;
            }
            throw e;
        }
    }

    /** {@code AT+CPIN="pin"}; a wrong PIN fails with {@code +CME ERROR: 16}. */
    public void unlockSim(String pin) throws ModemException {
        command("AT+CPIN=\"" + pin + "\"");
    }

    public NetworkRegistration registration() throws ModemException {
        String v = at.execute(AtCommand.builder("AT+CREG?").info(Match.regex("\\+CREG: \\d,\\d.*")).build())
                .info("+CREG:");
        return NetworkRegistration.of(Integer.parseInt(v.split(",")[1].trim()));
    }

    /** Polls {@code AT+CREG?} until home or roaming. */
    public NetworkRegistration awaitRegistration(Duration timeout) throws ModemException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            NetworkRegistration r = registration();
            if (r.registered()) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AtTimeoutException("not registered within " + timeout + " (last: " + r + ")");
            }
            pause(200);
        }
    }

    public SignalQuality signalQuality() throws ModemException {
        String[] v = at.execute(AtCommand.builder("AT+CSQ").info(Match.prefix("+CSQ:")).build())
                .info("+CSQ:").split(",");
        return new SignalQuality(Integer.parseInt(v[0].trim()), Integer.parseInt(v[1].trim()));
    }

    /**
     * Attaches to GPRS and brings the context up for {@code apn}: CIPSHUT (a clean start), CGATT=1,
     * CIPMUX=1, CIPRXGET=1, CIPQSEND=1, CSTT, CIICR, CIFSR. Links open before are gone.
     *
     * @return the modem's IP address
     */
    public String attachGprs(String apn, String user, String password) throws ModemException {
        shut();
        at.execute(AtCommand.builder("AT+CGATT=1").timeout(ATTACH).build());
        command("AT+CIPMUX=1");
        command("AT+CIPRXGET=1");
        command("AT+CIPQSEND=1");
        command("AT+CSTT=\"" + apn + "\",\"" + user + "\",\"" + password + "\"");
        at.execute(AtCommand.builder("AT+CIICR").timeout(ACTIVATE).build());
        // CIFSR answers with the bare address and no OK
        return at.execute(AtCommand.builder("AT+CIFSR")
                .finalLine(Match.regex("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")).build()).finalLine();
    }

    /** {@code AT+CIPSHUT}: closes every link and the context. Open sockets fail. */
    public void detachGprs() throws ModemException {
        shut();
    }

    private void shut() throws ModemException {
        links.failAll(new ModemException("GPRS was shut down (AT+CIPSHUT)"));
        at.execute(AtCommand.builder("AT+CIPSHUT").timeout(SHUT).finalLine(Match.exact("SHUT OK")).build());
    }

    /** A TCP connection to {@code host:port} (a name is resolved by the modem). */
    public ModemSocket openSocket(String host, int port) throws ModemException {
        synchronized (starting) {
            useTls(false);
            return new ModemSocket(start("TCP", host, port), host + ":" + port);
        }
    }

    /**
     * A TLS connection to {@code host:port} made by the modem ({@code AT+CIPSSL=1} before its
     * CIPSTART); the streams carry plain text. The modem sends {@code host} as SNI. As the chip:
     * the firmware speaks TLS 1.0 and checks no certificate unless one was loaded with
     * {@code AT+SSLSETCERT}; a failed handshake is a {@link ConnectFailedException}.
     */
    public ModemSocket openTlsSocket(String host, int port) throws ModemException {
        synchronized (starting) {
            useTls(true);
            return new ModemSocket(start("TCP", host, port), "tls:" + host + ":" + port);
        }
    }

    private void useTls(boolean on) throws ModemException {
        if (tls == null || tls != on) {
            command("AT+CIPSSL=" + (on ? 1 : 0));
            tls = on;
        }
    }

    /** A UDP socket sending to {@code host:port}. */
    public ModemDatagramSocket openDatagram(String host, int port) throws ModemException {
        return new ModemDatagramSocket(start("UDP", host, port));
    }

    private Link start(String protocol, String host, int port) throws ModemException {
        Link l = links.open();
        int n = l.id;
        try {
            at.execute(AtCommand.builder("AT+CIPSTART=" + n + ",\"" + protocol + "\",\"" + host + "\"," + port)
                    .timeout(CONNECT)
                    .info(Match.exact("OK"))
                    .finalLine(Match.exact(n + ", CONNECT OK"))
                    .abort(Match.exact(n + ", CONNECT FAIL"),
                            x -> new ConnectFailedException("CONNECT FAIL: " + protocol + " " + host + ":" + port))
                    // a TLS handshake that failed (version refused, certificate not trusted)
                    .abort(Match.exact(n + ", CLOSE OK"),
                            x -> new ConnectFailedException("TLS handshake failed: " + host + ":" + port))
                    .abort(Match.exact(n + ", ALREADY CONNECT"), x -> new ModemException("link " + n + " is in use"))
                    .build());
            return l;
        } catch (ModemException e) {
            l.abandon();
            throw e;
        }
    }

    /** Starts the modem's TCP server on {@code port}. */
    public ModemServerSocket listen(int port) throws ModemException {
        at.execute(AtCommand.builder("AT+CIPSERVER=1," + port)
                .info(Match.exact("OK"))
                .finalLine(Match.exact("SERVER OK"))
                .build());
        return new ModemServerSocket(at, links, port);
    }

    /**
     * Sends a text SMS (AT+CMGF=1, AT+CMGS); returns the message reference.
     */
    public int sendSms(String number, String text) throws ModemException {
        command("AT+CMGF=1");
        byte[] body = (text + "\u001A").getBytes(StandardCharsets.ISO_8859_1);
        AtReply r = at.execute(AtCommand.builder("AT+CMGS=\"" + number + "\"")
                .payload(body)
                .timeout(SMS)
                .info(Match.prefix("+CMGS:"))
                .build());
        return Integer.parseInt(r.info("+CMGS:"));
    }

    /** Closes the transport. Open sockets fail; the modem keeps its links until it notices. */
    @Override
    public void close() {
        at.close();
    }

    private static void pause(long millis) throws ModemException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModemException("interrupted");
        }
    }
}
