package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.ModemConfig;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.ServerHandle;
import dev.sim800emu.modem.net.ServerListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.time.ModemClock;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The SIM800 TCP/IP application (manual chapter 8, application note): PDP contexts, the IP state
 * machine, six stable link slots, send and receive modes.
 *
 * <h2>Theory of operation</h2>
 *
 * <p>The state AT+CIPSTATUS prints is derived, never stored: in single mode it is the selected
 * context's rung of the ladder ({@link BearerMachine}) until the context reaches IP STATUS, and
 * from then on link 0's state spelled as the single-mode names (TCP CONNECTING, CONNECT OK, TCP
 * CLOSED …); in multi mode it is IP PROCESSING once a link has been used. Which command may run in
 * which state is a table ({@link Permissions}).
 *
 * <p>Commands answer at once; network outcomes (CONNECT OK, CLOSED, received data) come back as
 * listener calls on the modem's thread and leave as URCs, queued by the host while a command runs.
 * A CIPSEND is a pending command: the serial input goes into payload mode, and the command's final
 * line (SEND OK, DATA ACCEPT, SEND FAIL) is printed when the payload is complete and, for SEND OK,
 * when the network has confirmed every byte of it. Each socket event carries the generation of its
 * slot, so events from a socket the modem already let go of are ignored.
 */
public final class TcpIpStack {
    /** Largest payload of one CIPSEND (manual: network dependent, at most 1460). */
    public static final int MAX_SEND = 1460;
    /** Largest push delivery and CIPRXGET=2 read. */
    public static final int MAX_READ = 1460;
    /** Largest CIPRXGET=3 (hex) read. */
    public static final int MAX_HEX_READ = 730;
    /** Bytes buffered per link in manual-receive mode before TCP stops reading from the socket. */
    public static final int RX_CAPACITY = 2920;
    public static final int LINKS = 6;
    /** No acknowledgement for this long closes the link (manual: 645 s). */
    static final long SEND_GIVE_UP_MILLIS = 645_000;

    private final TcpIpHost host;
    TcpIpSettings s = new TcpIpSettings();
    private TcpIpSettings saved;
    final PdpContext[] contexts = {new PdpContext(0), new PdpContext(1)};
    int selected;
    final Link[] links = new Link[LINKS];
    /** Multi mode: a link was used since the context reached IP STATUS. */
    boolean processing;
    private SendSession sending;
    /** Transparent mode on link 0 while it is connected, or null. */
    private TransparentLink transparent;
    /** The TCP server of AT+CIPSERVER, or null. */
    private Server server;
    /** Bumped by CIPSHUT and reset so that late name lookups are dropped. */
    private int epoch;

    public TcpIpStack(TcpIpHost host) {
        this.host = host;
        for (int i = 0; i < LINKS; i++) {
            links[i] = new Link(i);
        }
    }

    // ---------------------------------------------------------------- state

    boolean multi() {
        return s.mux == 1;
    }

    PdpContext context() {
        return contexts[multi() ? selected : 0];
    }

    /** The state AT+CIPSTATUS reports. */
    public IpState state() {
        PdpContext c = context();
        if (c.state != BearerState.STATUS) {
            return c.state.ipState();
        }
        if (multi()) {
            return processing ? IpState.PROCESSING : IpState.STATUS;
        }
        return switch (links[0].state) {
            case INITIAL -> serverListening() ? IpState.LISTENING : IpState.STATUS;
            case CONNECTING -> IpState.CONNECTING;
            case CONNECTED, REMOTE_CLOSING -> IpState.CONNECT_OK;
            case CLOSING -> IpState.CLOSING;
            case CLOSED -> serverListening() ? IpState.LISTENING : IpState.CLOSED;
        };
    }

    String stateLabel() {
        return state().label(links[0].protocol);
    }

    /** Whether a data carrier exists, for DCD with AT&C1: a link is open in transparent mode. */
    public boolean carrier() {
        return transparent != null && transparent.link.state == LinkState.CONNECTED;
    }

    // ---------------------------------------------------------------- transparent mode

    /** Link {@code l} just connected in transparent mode: CONNECT, then data mode. */
    private void startTransparent(Link l, String before) {
        TransparentLink t = new TransparentLink(this, host, l);
        transparent = t;
        host.urc(w -> {
            if (before != null) {
                w.text(before);
            }
            w.result(dev.sim800emu.modem.at.ResultCode.CONNECT);
        });
        host.linesChanged();
        host.enterDataMode(() -> {
            if (transparent == t && l.state == LinkState.CONNECTED) {
                t.enterDataMode();
            }
        });
    }

    /** Unconfirmed transparent uplink bytes above which CTS drops and host input pauses. */
    static final long UPLINK_LIMIT = 256 * 1024;
    private boolean hostPaused;

    /** The transparent uplink has more in flight than the link has confirmed. */
    public boolean uplinkCongested() {
        TransparentLink t = transparent;
        return t != null && t.link.txBytes - t.link.confirmedBytes > UPLINK_LIMIT;
    }

    /**
     * The host is not taking output (RTS off, socket full): stop reading every link so that the
     * held output stops growing, and resume when it drains.
     */
    public void hostBackpressure(boolean pause) {
        if (pause == hostPaused) {
            return;
        }
        hostPaused = pause;
        for (Link l : links) {
            applyReading(l);
        }
    }

    /**
     * Tells link {@code l}'s socket whether to read: not while the host's output is backed up, nor
     * while the link's own buffer (manual receive, transparent downlink) is full. The one place
     * that decides it, so that freeing one condition never resumes reading while the other holds.
     */
    void applyReading(Link l) {
        if (l.net != null) {
            l.net.setReading(!hostPaused && !l.readingPaused);
        }
    }

    /** Host bytes while the serial line is in data mode. */
    public void onDataModeInput(byte[] data, int off, int len) {
        if (transparent != null && transparent.dataMode) {
            transparent.onHostBytes(data, off, len);
        }
    }

    /** ATO: back to data mode on the transparent link, or ERROR when there is none. */
    Result ato(CommandContext ctx) {
        TransparentLink t = transparent;
        if (t == null || t.dataMode || t.link.state != LinkState.CONNECTED) {
            return Result.ERROR;
        }
        ctx.out().result(dev.sim800emu.modem.at.ResultCode.CONNECT);
        host.enterDataMode(() -> {
            if (transparent == t && t.link.state == LinkState.CONNECTED) {
                t.enterDataMode();
            }
        });
        return Result.DONE;
    }

    /**
     * The host dropped DTR in data mode: AT&D1 returns to command mode keeping the link, AT&D2
     * closes the link as well, AT&D0 ignores it.
     */
    public void dtrDropped(int ampD) {
        TransparentLink t = transparent;
        if (t == null || !t.dataMode || ampD == 0) {
            return;
        }
        if (ampD == 1) {
            t.escape();
            return;
        }
        t.dataMode = false;
        endTransparent();
        Link l = t.link;
        l.detach(false);
        l.state = LinkState.CLOSED;
        l.closedLocally = true;
        host.leaveDataMode("CLOSED");
    }

    /** Whether the serial line is in transparent data mode. */
    public boolean inDataMode() {
        return transparent != null && transparent.dataMode;
    }

    void transparentEnded(TransparentLink t) {
        if (transparent == t) {
            transparent = null;
            t.dispose();
            host.linesChanged();
        }
    }

    private void endTransparent() {
        if (transparent != null) {
            TransparentLink t = transparent;
            transparent = null;
            t.dispose();
            host.linesChanged();
        }
    }

    boolean allowed(Permissions.Op op) {
        return Permissions.allowed(op, multi(), state());
    }

    /** Power-on and reset: every link dropped, settings back to what CIPSCONT saved. */
    public void reset() {
        epoch++;
        abandonSend();
        closeServer();
        endTransparent();
        for (Link l : links) {
            l.reset();
        }
        for (PdpContext c : contexts) {
            c.state = BearerState.INITIAL;
            c.address = null;
        }
        s = TcpIpSettings.restoredFrom(saved);
        for (PdpContext c : contexts) {
            c.apn = s.apn;
            c.user = s.user;
            c.password = s.password;
        }
        selected = 0;
        processing = false;
    }

    private void abandonSend() {
        if (sending != null) {
            sending.cancelTimers();
            sending = null;
        }
    }

    // ---------------------------------------------------------------- bearer commands

    Result cstt(String apn, String user, String password) {
        if (!allowed(Permissions.Op.CSTT)) {
            return Result.notAllowed();
        }
        PdpContext c = context();
        c.apn = apn;
        c.user = user;
        c.password = password;
        if (c.id == 0) {
            s.apn = apn;
            s.user = user;
            s.password = password;
        }
        c.apply(BearerEvent.SET_APN);
        return Result.OK;
    }

    Result ciicr(CommandContext ctx) {
        if (!allowed(Permissions.Op.CIICR)) {
            return Result.notAllowed();
        }
        PdpContext c = context();
        c.apply(BearerEvent.ACTIVATE);
        long delay = host.config().activationMillis();
        if (delay == 0) {
            return finishActivation(c);
        }
        int epochAtStart = epoch;
        host.clock().schedule(delay, () -> {
            if (epoch != epochAtStart) {
                return; // power cycle: the command went with it (and another may be pending now)
            }
            // The network may have dropped the context meanwhile: the activation failed.
            ctx.complete(c.state == BearerState.CONFIG ? finishActivation(c) : Result.ERROR);
        });
        return Result.PENDING;
    }

    private Result finishActivation(PdpContext c) {
        ModemConfig cfg = host.config();
        if (!host.gprsAttached() || !cfg.apnAccepted(c.apn, c.user, c.password)) {
            c.apply(BearerEvent.REJECTED);
            return Result.ERROR;
        }
        c.apply(BearerEvent.ACTIVATED);
        c.address = c.id == 0 ? cfg.localIp() : cfg.secondLocalIp();
        return Result.OK;
    }

    Result cifsr(CommandContext ctx) {
        if (!allowed(Permissions.Op.CIFSR)) {
            return Result.notAllowed();
        }
        PdpContext c = context();
        if (c.state == BearerState.GPRSACT) {
            c.apply(BearerEvent.READ_ADDRESS);
        }
        ctx.out().info(c.address.getHostAddress());
        return Result.DONE;
    }

    /** Single-mode CIPSTART/CIPSERVER from IP INITIAL: bring context 0 up with the stored APN. */
    private boolean autoActivate() {
        PdpContext c = contexts[0];
        if (c.state != BearerState.INITIAL) {
            return true;
        }
        if (!host.gprsAttached() || !host.config().apnAccepted(c.apn, c.user, c.password)) {
            c.state = BearerState.DEACT;
            return false;
        }
        c.apply(BearerEvent.AUTO_ACTIVATE);
        c.address = host.config().localIp();
        return true;
    }

    /** AT+CIPSGTXT: selects the PDP context later commands act on (multi mode only). */
    Result selectContext(int id) {
        if (!multi()) {
            return Result.notAllowed();
        }
        selected = id;
        return Result.OK;
    }

    Result cipshut() {
        epoch++;
        abandonSend();
        closeServer();
        endTransparent();
        PdpContext c = context();
        for (Link l : links) {
            if (!multi() || l.bearer == c.id || l.state == LinkState.INITIAL) {
                l.reset();
            }
        }
        c.apply(BearerEvent.SHUT);
        c.address = null;
        if (multi()) {
            boolean anyUsed = false;
            for (Link l : links) {
                anyUsed |= l.state != LinkState.INITIAL;
            }
            processing = anyUsed;
        } else {
            processing = false;
        }
        return Result.text("SHUT OK");
    }

    /** The network drops the active contexts (fault injection, detach); +PDP: DEACT as a URC. */
    public void networkDeactivate() {
        boolean wasData = inDataMode();
        TransparentLink t = transparent;
        if (deactivateContexts()) {
            if (wasData) {
                t.dataMode = false;
                host.leaveDataMode("+PDP: DEACT");
            } else {
                host.urc(w -> w.text("+PDP: DEACT"));
            }
        }
    }

    /** Same, for a command (CFUN=0) that prints +PDP: DEACT before its own OK. */
    public void networkDeactivate(ResponseWriter out) {
        if (deactivateContexts()) {
            out.info("+PDP: DEACT");
        }
    }

    private boolean deactivateContexts() {
        boolean any = false;
        for (PdpContext c : contexts) {
            if (!c.apply(BearerEvent.NETWORK_DEACT)) {
                continue;
            }
            any = true;
            c.address = null;
            for (Link l : links) {
                if (l.bearer == c.id && l.state.busy()) {
                    failPendingSend(l);
                    if (transparent != null && transparent.link == l) {
                        endTransparent();
                    }
                    l.detach(true);
                    l.state = LinkState.CLOSED;
                }
            }
        }
        return any;
    }

    // ---------------------------------------------------------------- name lookup

    Result cdnsgip(String name) {
        if (!allowed(Permissions.Op.CDNSGIP)) {
            return Result.notAllowed();
        }
        if (ModemConfig.parseIpv4(name) != null) {
            host.urc(w -> w.text("+CDNSGIP: 1,\"" + name + "\",\"" + name + "\""));
            return Result.OK;
        }
        int epochAtStart = epoch;
        host.network().resolve(name, new ResolveCallback() {
            @Override
            public void onResolved(List<InetAddress> addresses) {
                if (epoch != epochAtStart) {
                    return;
                }
                StringBuilder sb = new StringBuilder("+CDNSGIP: 1,\"").append(name).append('"');
                for (int i = 0; i < Math.min(2, addresses.size()); i++) {
                    sb.append(",\"").append(addresses.get(i).getHostAddress()).append('"');
                }
                String line = sb.toString();
                host.urc(w -> w.text(line));
            }

            @Override
            public void onFailed(boolean notFound) {
                if (epoch == epochAtStart) {
                    host.urc(w -> w.text("+CDNSGIP: 0," + (notFound ? 8 : 3)));
                }
            }
        });
        return Result.OK;
    }

    // ---------------------------------------------------------------- connections

    Result cipstart(CommandContext ctx, int id, Protocol protocol, String hostName, int port) {
        Link l = links[id];
        if (l.state.busy()) {
            ctx.out().error(-1);
            ctx.out().text(prefix(l) + "ALREADY CONNECT");
            return Result.DONE;
        }
        if (!allowed(Permissions.Op.CIPSTART)) {
            return Result.notAllowed();
        }
        if (!multi() && !autoActivate()) {
            host.urc(w -> {
                w.info("STATE: " + IpState.PDP_DEACT.label(protocol));
                w.text("CONNECT FAIL");
            });
            return Result.OK;
        }
        if (!multi()) {
            links[0].detach(true);
        }
        l.begin(protocol, hostName, port, context().id, s.rxget == 1);
        processing = true;
        int generation = l.generation;
        byte[] literal = ModemConfig.parseIpv4(hostName);
        if (literal != null) {
            connect(l, generation, address(literal));
        } else {
            host.network().resolve(hostName, new ResolveCallback() {
                @Override
                public void onResolved(List<InetAddress> addresses) {
                    if (l.generation == generation) {
                        l.remoteIp = addresses.get(0).getHostAddress();
                        connect(l, generation, addresses.get(0));
                    }
                }

                @Override
                public void onFailed(boolean notFound) {
                    if (l.generation == generation) {
                        connectFailed(l);
                    }
                }
            });
        }
        return Result.OK;
    }

    private static InetAddress address(byte[] literal) {
        try {
            return InetAddress.getByAddress(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private void connect(Link l, int generation, InetAddress address) {
        int localPort = l.protocol == Protocol.TCP ? l.localTcpPort : l.localUdpPort;
        LinkRequest.KeepAlive ka = s.tka[0] == 1 ? new LinkRequest.KeepAlive(s.tka[1], s.tka[2], s.tka[3]) : null;
        LinkRequest req = new LinkRequest(l.protocol, address, l.remotePort, localPort,
                host.config().connectTimeoutMillis(), ka);
        l.net = host.network().open(req, new Events(l, generation));
        applyReading(l);
    }

    private void connectFailed(Link l) {
        l.detach(true);
        l.state = LinkState.CLOSED;
        if (multi()) {
            host.urc(w -> w.text(l.id + ", CONNECT FAIL"));
        } else {
            String label = stateLabel();
            host.urc(w -> {
                w.info("STATE: " + label);
                w.text("CONNECT FAIL");
            });
        }
    }

    Result cipclose(CommandContext ctx, int id, boolean quick) {
        Link l = links[id];
        boolean open = l.state == LinkState.CONNECTING || l.state == LinkState.CONNECTED
                || l.state == LinkState.REMOTE_CLOSING;
        if (!open && !multi() && serverListening()) {
            // Single mode also closes a listening server with CIPCLOSE (manual 8.2.6).
            closeServer();
            return Result.text("CLOSE OK");
        }
        if (!open || (!multi() && !allowed(Permissions.Op.CIPCLOSE))) {
            return Result.notAllowed();
        }
        failPendingSend(l);
        if (transparent != null && transparent.link == l) {
            endTransparent();
        }
        l.detach(quick);
        l.state = LinkState.CLOSED;
        l.closedLocally = true;
        l.rx.clear();
        return Result.text(prefix(l) + "CLOSE OK");
    }

    /** "n, " in multi mode, nothing in single mode. */
    private String prefix(Link l) {
        return multi() ? l.id + ", " : "";
    }

    // ---------------------------------------------------------------- server

    /** A listening socket and what CIPSTATUS shows of it. */
    private static final class Server {
        final int port;
        final int bearer;
        ServerHandle handle;
        boolean listening;

        Server(int port, int bearer) {
            this.port = port;
            this.bearer = bearer;
        }
    }

    boolean serverListening() {
        return server != null && server.listening;
    }

    /** AT+CIPSERVER=1,port: OK once the port is open, then SERVER OK; ERROR if it cannot open. */
    Result cipserverOpen(CommandContext ctx, int port) {
        if (server != null) {
            return Result.ERROR;
        }
        if (!allowed(Permissions.Op.CIPSERVER) || (!multi() && links[0].state.busy())) {
            return Result.notAllowed();
        }
        if (!multi() && !autoActivate()) {
            return Result.ERROR;
        }
        Server srv = new Server(port, context().id);
        server = srv;
        // The network may answer inside listen() (a fake) or later (Netty): handle both.
        Result[] early = new Result[1];
        boolean[] inCall = {true};
        java.util.function.Consumer<Result> answer = r -> {
            if (inCall[0]) {
                early[0] = r;
            } else {
                ctx.complete(r);
            }
        };
        srv.handle = host.network().listen(port, new ServerListener() {
            @Override
            public void onListening() {
                if (server != srv) {
                    return;
                }
                srv.listening = true;
                processing = true;
                host.urc(w -> w.text("SERVER OK"));
                answer.accept(Result.OK);
            }

            @Override
            public void onListenFailed(String reason) {
                if (server == srv) {
                    server = null;
                    answer.accept(Result.ERROR);
                }
            }

            @Override
            public LinkListener onAccepted(NetLink link, InetSocketAddress remote) {
                return server == srv && srv.listening ? accept(link, remote) : null;
            }
        });
        inCall[0] = false;
        return early[0] != null ? early[0] : Result.PENDING;
    }

    /** AT+CIPSERVER=0: stops listening; accepted clients stay connected. */
    Result cipserverClose() {
        if (server == null) {
            return Result.ERROR;
        }
        closeServer();
        host.urc(w -> w.text("SERVER CLOSE"));
        return Result.OK;
    }

    String serverStatus() {
        return server == null ? "+CIPSERVER: 0" : "+CIPSERVER: 1," + server.port + ",0," + server.bearer;
    }

    private void closeServer() {
        if (server != null) {
            Server srv = server;
            server = null;
            if (srv.handle != null) {
                srv.handle.close();
            }
        }
    }

    /**
     * A client arrived: single mode takes it on link 0 if that is free; multi mode gives it the
     * lowest free id, at most five links being open while the server listens (note §2, §4).
     */
    private LinkListener accept(NetLink net, InetSocketAddress remote) {
        Link l = null;
        if (!multi()) {
            l = links[0].state.busy() ? null : links[0];
        } else {
            int busy = 0;
            for (Link k : links) {
                if (k.state.busy()) {
                    busy++;
                } else if (l == null) {
                    l = k;
                }
            }
            if (busy >= LINKS - 1) {
                l = null;
            }
        }
        if (l == null) {
            return null;
        }
        l.begin(Protocol.TCP, remote.getAddress().getHostAddress(), remote.getPort(), server.bearer, s.rxget == 1);
        l.state = LinkState.CONNECTED;
        l.net = net;
        applyReading(l);
        processing = true;
        Link taken = l;
        String remoteLine = prefix(taken) + "REMOTE IP: " + remote.getAddress().getHostAddress();
        if (s.mode == 1 && !multi()) {
            startTransparent(l, remoteLine);
        } else {
            host.urc(w -> w.text(remoteLine));
        }
        return new Events(l, l.generation);
    }

    // ---------------------------------------------------------------- sending

    /** Starts a CIPSEND on link {@code id}; {@code length} is -1 for the Ctrl-Z form. */
    Result cipsend(CommandContext ctx, int id, int length) {
        Link l = links[id];
        if (length == 0 || length > MAX_SEND) {
            return Result.ERROR;
        }
        if (l.state != LinkState.CONNECTED || l.net == null || (transparent != null && transparent.link == l)) {
            return Result.notAllowed();
        }
        SendSession session = new SendSession(ctx, l, length);
        sending = session;
        host.beginPayload(session);
        if (s.sprt == 1) {
            ctx.out().prompt();
        }
        if (s.atsMode == 1) {
            session.atsTimer = host.clock().schedule(s.atsTime * 1000L, host::flushPayload);
        }
        return Result.PENDING;
    }

    /** One CIPSEND between its prompt and its final line. */
    final class SendSession implements PayloadSink {
        final CommandContext ctx;
        final Link link;
        final int generation;
        final int length;
        ModemClock.Timer atsTimer;
        ModemClock.Timer giveUpTimer;
        long confirmAt = -1;

        SendSession(CommandContext ctx, Link link, int length) {
            this.ctx = ctx;
            this.link = link;
            this.generation = link.generation;
            this.length = length;
        }

        @Override
        public int fixedLength() {
            return length;
        }

        @Override
        public int maxLength() {
            return MAX_SEND;
        }

        @Override
        public void onPayload(byte[] data) {
            cancelAts();
            if (data.length == 0) {
                finish(Result.ERROR);
                return;
            }
            if (link.generation != generation || link.state != LinkState.CONNECTED || link.net == null) {
                finish(Result.text(prefix(link) + "SEND FAIL"));
                return;
            }
            link.txBytes += data.length;
            if (link.udpDestination != null) {
                link.net.sendTo(data, link.udpDestination);
            } else {
                link.net.send(data);
            }
            if (s.qsend == 1) {
                finish(Result.text("DATA ACCEPT:" + (multi() ? link.id + "," : "") + data.length));
            } else if (s.sprt == 2) {
                finish(Result.DONE);
            } else {
                confirmAt = link.txBytes;
                if (link.confirmedBytes >= confirmAt) {
                    finish(Result.text(prefix(link) + "SEND OK"));
                } else {
                    giveUpTimer = host.clock().schedule(SEND_GIVE_UP_MILLIS, this::giveUp);
                }
            }
        }

        @Override
        public void onCancel() {
            cancelAts();
            finish(Result.OK);
        }

        @Override
        public void onOverflow() {
            cancelAts();
            finish(Result.ERROR);
        }

        /** Called when the link confirms more bytes. */
        void confirmed() {
            if (confirmAt >= 0 && link.confirmedBytes >= confirmAt) {
                finish(Result.text(prefix(link) + "SEND OK"));
            }
        }

        void linkLost() {
            finish(Result.text(prefix(link) + "SEND FAIL"));
        }

        private void giveUp() {
            if (sending == this) {
                linkLost();
                if (link.generation == generation && link.state.busy()) {
                    link.detach(true);
                    link.state = LinkState.CLOSED;
                    host.urc(w -> w.text(prefix(link) + "CLOSED"));
                }
            }
        }

        private void cancelAts() {
            if (atsTimer != null) {
                atsTimer.cancel();
                atsTimer = null;
            }
        }

        void cancelTimers() {
            cancelAts();
            if (giveUpTimer != null) {
                giveUpTimer.cancel();
                giveUpTimer = null;
            }
        }

        private void finish(Result r) {
            cancelTimers();
            if (sending == this) {
                sending = null;
            }
            ctx.complete(r);
        }
    }

    private void failPendingSend(Link l) {
        if (sending != null && sending.link == l && sending.confirmAt >= 0) {
            sending.linkLost();
        }
    }

    // ---------------------------------------------------------------- receiving

    /** Socket events of one link, for one generation of the slot. */
    private final class Events implements LinkListener {
        private final Link l;
        private final int generation;

        Events(Link l, int generation) {
            this.l = l;
            this.generation = generation;
        }

        private boolean current() {
            return l.generation == generation;
        }

        @Override
        public void onConnected() {
            if (!current() || l.state != LinkState.CONNECTING) {
                return;
            }
            l.state = LinkState.CONNECTED;
            if (s.mode == 1 && !multi()) {
                startTransparent(l, null);
            } else {
                host.urc(w -> w.text(prefix(l) + "CONNECT OK"));
            }
        }

        @Override
        public void onConnectFailed(String reason) {
            if (current() && l.state == LinkState.CONNECTING) {
                connectFailed(l);
            }
        }

        @Override
        public void onData(byte[] data, InetSocketAddress from) {
            if (current() && l.state.busy()) {
                receive(l, data, from);
            }
        }

        @Override
        public void onAcked(long totalAcked) {
            if (!current()) {
                return;
            }
            l.confirmedBytes = Math.max(l.confirmedBytes, totalAcked);
            if (sending != null && sending.link == l) {
                sending.confirmed();
            }
            if (transparent != null && transparent.link == l) {
                host.linesChanged(); // CTS and input readiness follow the uplink backlog
            }
        }

        @Override
        public void onClosed(String reason) {
            if (!current() || !l.state.busy()) {
                return;
            }
            failPendingSend(l);
            l.detach(true);
            l.state = LinkState.CLOSED;
            TransparentLink t = transparent;
            if (t != null && t.link == l) {
                if (t.dataMode) {
                    t.peerClosed(); // prints what is left, then CLOSED, then command mode
                    return;
                }
                // In command mode: the bytes kept for ATO cannot wait for a link that is gone.
                byte[] left = t.pending() > 0 ? drain(t) : null;
                endTransparent();
                host.urc(w -> {
                    if (left != null) {
                        w.raw(left);
                    }
                    w.text("CLOSED");
                });
                return;
            }
            host.urc(w -> w.text(prefix(l) + "CLOSED"));
        }
    }

    private static byte[] drain(TransparentLink t) {
        t.dataMode = true;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        t.drainTo(out::writeBytes);
        t.dataMode = false;
        return out.toByteArray();
    }

    private void receive(Link l, byte[] data, InetSocketAddress from) {
        if (transparent != null && transparent.link == l) {
            transparent.onPeerBytes(data);
            return;
        }
        if (l.protocol == Protocol.UDP && l.udpMode == 0 && from != null && !fromPeer(l, from)) {
            return; // normal UDP mode hears only the peer CIPSTART named
        }
        if (l.manualReceive) {
            bufferForRead(l, data, from);
            return;
        }
        for (int off = 0; off < data.length; off += MAX_READ) {
            int len = Math.min(MAX_READ, data.length - off);
            byte[] chunk = java.util.Arrays.copyOfRange(data, off, off + len);
            host.urc(w -> writePush(w, l, chunk, from));
        }
    }

    private static boolean fromPeer(Link l, InetSocketAddress from) {
        return from.getPort() == l.remotePort && from.getAddress().getHostAddress().equals(l.remoteIp);
    }

    /** AT+CIPUDPMODE write: 0/1 set the mode, 2 changes where CIPSEND goes. */
    Result udpMode(int id, int mode, String ip, int port) {
        Link l = links[id];
        if (mode == 2) {
            byte[] literal = ModemConfig.parseIpv4(ip);
            if (literal == null || port < 1) {
                return Result.ERROR;
            }
            l.udpDestination = new InetSocketAddress(address(literal), port);
            l.udpMode = 1;
            return Result.OK;
        }
        l.udpMode = mode;
        if (mode == 0) {
            l.udpDestination = null;
        }
        return Result.OK;
    }

    /** The text after "+CIPUDPMODE: " for link {@code l} (without the id). */
    String udpModeStatus(Link l) {
        if (l.udpMode == 0) {
            return "0";
        }
        if (l.udpDestination != null) {
            return "1,\"" + l.udpDestination.getAddress().getHostAddress() + "\"," + l.udpDestination.getPort();
        }
        if (l.protocol == Protocol.UDP && l.state != LinkState.INITIAL) {
            return "1,\"" + l.remoteIp + "\"," + l.remotePort;
        }
        return "1";
    }

    /** Push delivery, framed per CIPMUX/CIPHEAD/CIPSRIP/CIPSHOWTP (reference §4). */
    private void writePush(ResponseWriter w, Link l, byte[] data, InetSocketAddress from) {
        String sender = from == null ? l.remoteIp + ":" + l.remotePort
                : from.getAddress().getHostAddress() + ":" + from.getPort();
        if (multi()) {
            w.raw("\r\n+RECEIVE," + l.id + "," + data.length + (s.srip == 1 ? "," + sender : "") + ":\r\n");
        } else {
            if (s.srip == 1) {
                w.info("RECV FROM:" + sender);
            }
            if (s.head == 1) {
                w.raw("\r\n+IPD," + data.length + (s.showtp == 1 ? "," + l.protocol : "") + ":");
            }
        }
        w.raw(data);
    }

    private void bufferForRead(Link l, byte[] data, InetSocketAddress from) {
        if (l.protocol == Protocol.UDP && l.rx.size() + data.length > RX_CAPACITY) {
            l.droppedDatagrams++;
            return;
        }
        boolean wasEmpty = l.rx.size() == 0;
        l.rx.add(data, from);
        if (l.protocol == Protocol.TCP && l.rx.size() >= RX_CAPACITY && !l.readingPaused) {
            l.readingPaused = true;
            applyReading(l);
        }
        if (wasEmpty && !l.notified) {
            l.notified = true;
            String sender = s.srip == 1 && from != null
                    ? "," + from.getAddress().getHostAddress() + ":" + from.getPort() : "";
            String id = multi() ? "," + l.id : "";
            host.urc(w -> w.text("+CIPRXGET: 1" + id + sender));
        }
    }

    /** CIPRXGET=2/3: reads buffered bytes; {@code hex} for mode 3. */
    Result readBuffered(CommandContext ctx, int id, int mode, int max) {
        Link l = links[id];
        if (!l.manualReceive || l.closedLocally || l.state == LinkState.INITIAL) {
            return Result.notAllowed();
        }
        InetSocketAddress from = l.rx.headSender();
        byte[] data = l.rx.read(max);
        int rest = l.rx.size();
        String idPart = multi() ? l.id + "," : "";
        String sender = s.srip == 1 && from != null
                ? "," + from.getAddress().getHostAddress() + ":" + from.getPort() : "";
        ResponseWriter w = ctx.out();
        w.info("+CIPRXGET: " + mode + "," + idPart + data.length + "," + rest + sender);
        if (mode == 2) {
            w.raw(data);
        } else {
            w.raw(hex(data));
        }
        afterRead(l);
        return Result.OK;
    }

    Result queryBuffered(CommandContext ctx, int id) {
        Link l = links[id];
        if (!l.manualReceive || l.closedLocally || l.state == LinkState.INITIAL) {
            return Result.notAllowed();
        }
        ctx.out().info("+CIPRXGET: 4," + (multi() ? l.id + "," : "") + l.rx.size());
        return Result.OK;
    }

    private void afterRead(Link l) {
        if (l.rx.size() == 0) {
            l.notified = false;
        }
        if (l.readingPaused && l.rx.size() < RX_CAPACITY) {
            l.readingPaused = false;
            applyReading(l);
        }
    }

    private static String hex(byte[] data) {
        char[] digits = "0123456789ABCDEF".toCharArray();
        StringBuilder sb = new StringBuilder(data.length * 2);
        for (byte b : data) {
            sb.append(digits[(b >> 4) & 0xF]).append(digits[b & 0xF]);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- status

    /** The text of a {@code C:} line or of {@code +CIPSTATUS: n,…}. */
    String linkStatus(Link l) {
        if (l.state == LinkState.INITIAL || l.protocol == null) {
            return l.id + ",,\"\",\"\",\"\",\"INITIAL\"";
        }
        return l.id + "," + l.bearer + ",\"" + l.protocol + "\",\"" + l.remoteIp + "\",\"" + l.remotePort
                + "\",\"" + l.state.label() + "\"";
    }

    void writeStatus(ResponseWriter w) {
        w.result(dev.sim800emu.modem.at.ResultCode.OK);
        w.info("STATE: " + stateLabel());
        if (multi()) {
            w.raw("\r\n");
            if (server != null) {
                w.raw("S: 0," + server.bearer + ",\"" + server.port + "\",\""
                        + (server.listening ? "LISTENING" : "OPENING") + "\"\r\n");
            }
            for (Link l : links) {
                w.raw("C: " + linkStatus(l) + "\r\n");
            }
        }
    }

    Inet4Address localAddress() {
        return context().address;
    }

    TcpIpSettings settings() {
        return s;
    }

    void saveSettings() {
        saved = s.copy();
    }

    boolean settingsSaved() {
        return saved != null && saved.saveable().equals(s.saveable());
    }

    boolean anyLinkBusy() {
        for (Link l : links) {
            if (l.state.busy()) {
                return true;
            }
        }
        return false;
    }
}
