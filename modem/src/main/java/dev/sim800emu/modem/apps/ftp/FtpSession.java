package dev.sim800emu.modem.apps.ftp;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.net.ResolveCallback;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One FTP session on the network: name lookup, the control connection through the {@link
 * dev.sim800emu.modem.net.Network} port, the {@link FtpStep}s of its operation one after another,
 * and for transfers a passive data connection. It ends exactly once: {@link Events#done()} or
 * {@link Events#failed(int)} with the chip's code. Time limits are the service's.
 *
 * <p>FTPS (AT+FTPSSL): implicit TLS opens the control connection with TLS; explicit sends
 * {@code AUTH TLS} and starts TLS on it after the 234. Either way the data connection opens as plain
 * TCP and starts TLS after the transfer command's 1xx reply, as RFC 4217 clients do — servers take
 * the data connection's handshake only once they handle that command. Control replies that overtake
 * the data handshake wait for it.
 */
final class FtpSession implements LinkListener {
    /** What the session tells the service; all on the modem's thread. */
    interface Events {
        /** A reply or data arrived: the session is alive. */
        void progress();

        /** The transfer is open (the 1xx reply): data may be read, or written for a PUT. */
        void opened();

        void data(byte[] data);

        /** Everything written so far ({@code total} bytes) has been acknowledged by the server. */
        void acked(long total);

        /** The SIZE reply's number. */
        void size(long size);

        void done();

        void failed(int code);
    }

    private final FtpHost host;
    private final FtpSettings params;
    private final FtpOperation op;
    private final Events events;
    private final List<FtpStep> plan;
    private final FtpReplies replies = new FtpReplies();
    private int step;
    private NetLink control;
    private NetLink data;
    private boolean over;
    private boolean connected;
    private boolean loggedIn;
    private boolean transferReplied;
    private boolean dataClosed;
    private long written;
    /** TLS for the connections when AT+FTPSSL is 1 or 2; null for plain FTP. */
    private LinkRequest.Tls tls;
    /** The data connection's handshake runs: control replies wait in {@link #held}. */
    private boolean securingData;
    private final List<FtpReplies.Reply> held = new ArrayList<>();

    FtpSession(FtpHost host, FtpSettings params, FtpOperation op, Events events) {
        this.host = host;
        this.params = params;
        this.op = op;
        this.events = events;
        this.plan = op.plan(params);
    }

    void begin() {
        String server = params.get(FtpParam.SERV);
        byte[] literal = ModemConfig.parseIpv4(server);
        if (literal != null) {
            connect(address(literal));
            return;
        }
        if (server.isEmpty()) {
            fail(FtpCode.DNS);
            return;
        }
        host.network().resolve(server, new ResolveCallback() {
            @Override
            public void onResolved(List<InetAddress> addresses) {
                if (!over) {
                    connect(addresses.get(0));
                }
            }

            @Override
            public void onFailed(boolean notFound) {
                fail(FtpCode.DNS);
            }
        });
    }

    private void connect(InetAddress address) {
        int ssl = params.number(FtpParam.SSL);
        if (ssl != 0) {
            String server = params.get(FtpParam.SERV);
            tls = new LinkRequest.Tls(ModemConfig.parseIpv4(server) == null ? server : null, host.trustedCertificate());
        }
        control = host.network().open(new LinkRequest(Protocol.TCP, address, params.number(FtpParam.PORT), 0,
                host.connectTimeoutMillis(), null, ssl == 1 ? tls : null), this);
    }

    /** Bytes for the server over the data connection (PUT, after {@link Events#opened()}). */
    void upload(byte[] bytes) {
        if (!over && data != null && bytes.length > 0) {
            written += bytes.length;
            data.send(bytes);
        }
    }

    /** The host has no more to send (FTPPUT=2,0): the data connection closes after what is queued. */
    void endUpload() {
        if (!over && data != null && !dataClosed) {
            dataClosed = true;
            data.close(false);
            maybeComplete();
        }
    }

    /** Stops or resumes reading the data connection while the host has not fetched what arrived. */
    void reading(boolean on) {
        if (data != null && !dataClosed) {
            data.setReading(on);
        }
    }

    /** Ends the session without an outcome (AT+FTPQUIT, a time limit, a reboot). */
    void cancel() {
        if (!over) {
            over = true;
            if (control != null && connected) {
                control.send(FtpLines.line("QUIT"));
                control.close(false);
            } else if (control != null) {
                control.close(true);
            }
            closeData();
        }
    }

    // ------------------------------------------------------------------ the control connection

    @Override
    public void onConnected() {
        connected = true;
        events.progress(); // the greeting comes by itself
    }

    @Override
    public void onConnectFailed(String reason) {
        fail(FtpCode.CONNECT);
    }

    /** 80 for a handshake that failed here, 81 for the server's fatal alert (SSL application note §2.3). */
    @Override
    public void onTlsFailed(boolean alert, String reason) {
        fail(alert ? FtpCode.SSL_ALERT : FtpCode.SSL_CHANNEL);
    }

    /** AUTH TLS's handshake is done: the login goes inside TLS. */
    @Override
    public void onSecured() {
        if (!over) {
            events.progress();
            next();
        }
    }

    @Override
    public void onData(byte[] bytes, InetSocketAddress from) {
        for (FtpReplies.Reply r : replies.feed(bytes)) {
            if (over) {
                return;
            }
            events.progress();
            if (securingData) {
                held.add(r);
            } else {
                reply(r);
            }
        }
    }

    @Override
    public void onAcked(long totalAcked) {
    }

    @Override
    public void onClosed(String reason) {
        control = null;
        fail(current() == FtpStep.TRANSFER ? op.transferFailure : FtpCode.NET);
    }

    private FtpStep current() {
        return plan.get(step);
    }

    private void reply(FtpReplies.Reply r) {
        FtpStep s = current();
        if (r.code() / 100 == 1) {
            if (s.startsTransfer() && tls != null && data != null && !dataClosed) {
                securingData = true;
                data.startTls(tls);
            } else if (s.startsTransfer()) {
                step++;
                events.opened();
            }
            return; // other preliminary replies change nothing
        }
        if (!s.accepted.contains(r.code())) {
            fail(s == FtpStep.TRANSFER ? op.transferFailure : s.failure);
            return;
        }
        switch (s) {
            case AUTH -> {
                control.startTls(tls);
                return; // the login goes when the handshake is done (onSecured)
            }
            case USER -> loggedIn = r.code() == 230;
            case PASV -> {
                openData(r.text());
                return; // the next command goes when the data connection is up
            }
            case SIZE -> events.size(FtpLines.number(r.text()));
            case TRANSFER -> {
                transferReplied = true;
                maybeComplete();
                return;
            }
            default -> { }
        }
        next();
    }

    private void next() {
        step++;
        if (step == plan.size()) {
            finish();
            return;
        }
        if (current() == FtpStep.PASS && loggedIn) {
            step++;
        }
        FtpStep s = current();
        if (s == FtpStep.PASV && params.number(FtpParam.MODE) == 0) {
            // Active mode needs the server to connect back to the modem: not offered (docs/commands.md).
            fail(FtpCode.ACTIVE);
            return;
        }
        control.send(FtpLines.line(FtpLines.command(s, params, op)));
    }

    // ------------------------------------------------------------------ the data connection

    private void openData(String text) {
        InetSocketAddress to = FtpPassive.parse(text);
        if (to == null) {
            fail(FtpCode.PASSIVE);
            return;
        }
        data = host.network().open(new LinkRequest(Protocol.TCP, to.getAddress(), to.getPort(), 0,
                host.connectTimeoutMillis(), null), new LinkListener() {
                    @Override
                    public void onConnected() {
                        if (!over) {
                            events.progress();
                            next();
                        }
                    }

                    @Override
                    public void onConnectFailed(String reason) {
                        data = null;
                        fail(FtpCode.PASSIVE);
                    }

                    @Override
                    public void onTlsFailed(boolean alert, String reason) {
                        data = null;
                        fail(alert ? FtpCode.SSL_ALERT : FtpCode.SSL_CHANNEL);
                    }

                    @Override
                    public void onSecured() {
                        if (!over) {
                            securingData = false;
                            events.progress();
                            step++;
                            events.opened();
                            List<FtpReplies.Reply> waiting = new ArrayList<>(held);
                            held.clear();
                            for (FtpReplies.Reply r : waiting) {
                                if (!over) {
                                    reply(r);
                                }
                            }
                        }
                    }

                    @Override
                    public void onData(byte[] bytes, InetSocketAddress from) {
                        if (!over && !op.uploads()) {
                            events.progress();
                            events.data(bytes);
                        }
                    }

                    @Override
                    public void onAcked(long totalAcked) {
                        if (!over && op.uploads() && (totalAcked >= written || op.drive())) {
                            events.progress();
                            events.acked(totalAcked);
                        }
                    }

                    @Override
                    public void onClosed(String reason) {
                        if (!over && !dataClosed) {
                            dataClosed = true;
                            maybeComplete();
                        }
                    }
                });
    }

    /** A transfer ends when the data connection has closed and the server confirmed it. */
    private void maybeComplete() {
        if (transferReplied && dataClosed) {
            step++;
            finish();
        }
    }

    private void finish() {
        if (!over) {
            over = true;
            control.send(FtpLines.line("QUIT"));
            control.close(false);
            closeData();
            events.done();
        }
    }

    private void fail(int code) {
        if (!over) {
            over = true;
            if (control != null) {
                control.close(true);
            }
            closeData();
            events.failed(code);
        }
    }

    private void closeData() {
        if (data != null && !dataClosed) {
            dataClosed = true;
            data.close(true);
        }
    }

    private static InetAddress address(byte[] literal) {
        try {
            return InetAddress.getByAddress(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
