package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.net.LinkFault;
import java.net.Inet4Address;

/**
 * The SIM800 TCP/IP application (manual chapter 8, application note): PDP contexts, the IP state
 * machine, six stable link slots, send and receive modes.
 *
 * <h2>Theory of operation</h2>
 *
 * <p>The state AT+CIPSTATUS prints is derived, never stored: in single mode it is the selected
 * context's rung of the ladder ({@link BearerMachine}) until the context reaches IP STATUS, and
 * from then on link 0's state ({@link LinkMachine}) spelled as the single-mode names (TCP
 * CONNECTING, CONNECT OK, TCP CLOSED …); in multi mode it is IP PROCESSING once a link has been
 * used. Which command may run in which state is a table ({@link Permissions}).
 *
 * <p>Commands answer at once; network outcomes (CONNECT OK, CLOSED, received data) come back as
 * listener calls on the modem's thread and leave as URCs, queued by the host while a command runs.
 * A CIPSEND is a pending command: the serial input goes into payload mode, and the command's final
 * line (SEND OK, DATA ACCEPT, SEND FAIL) is printed when the payload is complete and, for SEND OK,
 * when the network has confirmed every byte of it. Each socket event carries the generation of its
 * slot, so events from a socket the modem already let go of are ignored.
 *
 * <p>This class holds the shared state and coordinates what spans the parts: reset, CIPSHUT and
 * the network dropping the contexts. The parts: {@link Contexts} (bearer commands), {@link
 * NameLookup} (CDNSGIP), {@link Connections} and {@link SocketEvents} (links), {@link ServerSlot},
 * {@link Sender} and {@link SendSession}, {@link Receiver}, {@link TransparentMode}, {@link
 * StatusReport}.
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

    final TcpIpHost host;
    private TcpIpSettings s = new TcpIpSettings();
    /** What AT+CIPSCONT saved, or null. */
    private TcpIpSettings saved;
    final Link[] links = new Link[LINKS];
    /** Multi mode: a link was used since the context reached IP STATUS. */
    boolean processing;
    /** Bumped by CIPSHUT and reset so that late name lookups are dropped. */
    int epoch;

    final Contexts contexts = new Contexts(this);
    final NameLookup names = new NameLookup(this);
    final Connections connections = new Connections(this);
    final ServerSlot server = new ServerSlot(this);
    final Sender sender = new Sender(this);
    final Receiver receiver = new Receiver(this);
    final TransparentMode transparent = new TransparentMode(this);

    public TcpIpStack(TcpIpHost host) {
        this.host = host;
        for (int i = 0; i < LINKS; i++) {
            links[i] = new Link(i);
        }
    }

    // ---------------------------------------------------------------- state

    boolean multi() {
        return s.get(TcpIpSetting.MUX) == 1;
    }

    PdpContext context() {
        return contexts.current();
    }

    /** The state AT+CIPSTATUS reports. */
    public IpState state() {
        PdpContext c = context();
        if (c.state() != BearerState.STATUS) {
            return c.state().ipState();
        }
        if (multi()) {
            return processing ? IpState.PROCESSING : IpState.STATUS;
        }
        return switch (links[0].state()) {
            case INITIAL -> server.listening() ? IpState.LISTENING : IpState.STATUS;
            case CONNECTING -> IpState.CONNECTING;
            case CONNECTED -> IpState.CONNECT_OK;
            case CLOSED -> server.listening() ? IpState.LISTENING : IpState.CLOSED;
        };
    }

    /** What AT+CIPSTATUS prints after {@code STATE: }. */
    public String stateLabel() {
        return state().label(links[0].protocol);
    }

    boolean allowed(Permissions.Op op) {
        return Permissions.allowed(op, multi(), state());
    }

    /** The gate for a command addressed to link {@code l}. */
    boolean allowed(Permissions.Op op, Link l) {
        return Permissions.allowed(op, multi(), state(), l.state());
    }

    /** "n, " in multi mode, nothing in single mode. */
    String prefix(Link l) {
        return multi() ? l.id + ", " : "";
    }

    boolean anyLinkBusy() {
        for (Link l : links) {
            if (l.state().busy()) {
                return true;
            }
        }
        return false;
    }

    Inet4Address localAddress() {
        return context().address;
    }

    // ---------------------------------------------------------------- the modem's view

    /** Whether a data carrier exists, for DCD with AT&C1: a link is open in transparent mode. */
    public boolean carrier() {
        return transparent.carrier();
    }

    /** The transparent uplink has more in flight than the link has confirmed. */
    public boolean uplinkCongested() {
        return transparent.uplinkCongested();
    }

    /** The host is not taking output: every link stops reading until it drains. */
    public void hostBackpressure(boolean pause) {
        transparent.hostBackpressure(pause);
    }

    /** Applies the one rule of whether link {@code l} reads its socket (see {@link TransparentMode}). */
    void applyReading(Link l) {
        transparent.applyReading(l);
    }

    /**
     * Tells link {@code l}'s network whether something waits on its acknowledgements: a SEND OK, or
     * a transparent uplink past a quarter of its limit (so the count is fresh well before the limit
     * could pause the host). Otherwise the network may ask the kernel for them at leisure.
     */
    void awaitAcks(Link l) {
        boolean awaited = sender.awaitsConfirmation(l) || transparent.uplinkBusy(l);
        if (l.net != null && awaited != l.acksAwaited) {
            l.acksAwaited = awaited;
            l.net.acksAwaited(awaited);
        }
    }

    /** Host bytes while the serial line is in data mode. */
    public void onDataModeInput(byte[] data, int off, int len) {
        transparent.onHostBytes(dev.sim800emu.modem.net.Payload.of(data, off, len));
    }

    /** The same, still in the endpoint's buffer: packets may leave without a copy. */
    public void onDataModeInput(dev.sim800emu.modem.net.Payload data) {
        transparent.onHostBytes(data);
    }

    /** The host dropped DTR in data mode (AT&amp;D decides what happens). */
    public void dtrDropped(int ampD) {
        transparent.dtrDropped(ampD);
    }

    /** Whether the serial line is in transparent data mode. */
    public boolean inDataMode() {
        return transparent.inDataMode();
    }

    // ---------------------------------------------------------------- coordination

    /** Power-on and reset: every link dropped, settings back to what CIPSCONT saved. */
    public void reset() {
        epoch++;
        sender.abandon();
        server.shut();
        transparent.end();
        for (Link l : links) {
            l.reset();
        }
        s = TcpIpSettings.restoredFrom(saved);
        contexts.reset(s);
        processing = false;
    }

    /** AT+CIPSHUT: the selected context and its links go; in multi mode the other context stays. */
    Result cipshut() {
        epoch++;
        sender.abandon();
        server.shut();
        transparent.end();
        PdpContext c = context();
        for (Link l : links) {
            if (!multi() || l.bearer == c.id || l.state() == LinkState.INITIAL) {
                l.reset();
            }
        }
        c.apply(BearerEvent.SHUT);
        c.address = null;
        if (multi()) {
            boolean anyUsed = false;
            for (Link l : links) {
                anyUsed |= l.state() != LinkState.INITIAL;
            }
            processing = anyUsed;
        } else {
            processing = false;
        }
        return Result.text("SHUT OK");
    }

    /**
     * The network drops the active contexts (fault injection, detach); +PDP: DEACT as a URC.
     * Returns whether a context was up.
     */
    public boolean networkDeactivate() {
        TransparentLink t = transparent.inData();
        if (!deactivateContexts()) {
            return false;
        }
        if (t != null) {
            t.dataMode = false;
            host.leaveDataMode("+PDP: DEACT");
        } else {
            host.urc(w -> w.text("+PDP: DEACT"));
        }
        return true;
    }

    /** Same, for a command (CFUN=0) that prints +PDP: DEACT before its own OK. */
    public void networkDeactivate(ResponseWriter out) {
        if (deactivateContexts()) {
            out.info("+PDP: DEACT");
        }
    }

    private boolean deactivateContexts() {
        boolean any = false;
        for (PdpContext c : contexts.all()) {
            if (!c.apply(BearerEvent.NETWORK_DEACT)) {
                continue;
            }
            any = true;
            c.address = null;
            for (Link l : links) {
                if (l.bearer == c.id && l.state().busy()) {
                    sender.failPending(l);
                    if (transparent.owns(l)) {
                        transparent.end();
                    }
                    l.detach(true);
                    l.apply(LinkEvent.DROP);
                }
            }
        }
        return any;
    }

    // ---------------------------------------------------------------- control plane

    /** A snapshot of link slot {@code id} (0–5), for the control plane's status. */
    public LinkSnapshot link(int id) {
        Link l = links[id];
        return new LinkSnapshot(id, l.state(), l.protocol, l.remoteIp, l.remotePort, l.txBytes,
                l.confirmedBytes, l.rxTotal, l.fault);
    }

    /**
     * Puts a control-plane fault on the socket link {@code id} holds. A reset comes back as the
     * peer's reset (CLOSED); a blackhole stays on the link, for the status, until restored or the
     * link goes. Returns false when the slot holds no socket.
     */
    public boolean fault(int id, LinkFault fault) {
        Link l = links[id];
        if (l.net == null || !l.state().busy()) {
            return false;
        }
        int generation = l.generation;
        l.net.fault(fault);
        if (l.generation == generation) {
            l.fault = fault == LinkFault.BLACKHOLE ? fault : null;
        }
        return true;
    }

    // ---------------------------------------------------------------- settings

    TcpIpSettings settings() {
        return s;
    }

    /** AT+CIPMUX=1 (for watchers outside the stack, like the host check). */
    public boolean multiLink() {
        return multi();
    }

    /** CIPSEND prints its "> " prompt (AT+CIPSPRT=1, the default). */
    public boolean sendPrompt() {
        return s.get(TcpIpSetting.SPRT) == 1;
    }

    /** AT+CIPSCONT: the saveable settings survive the next reboot. */
    void saveSettings() {
        saved = s.copy();
    }

    boolean settingsSaved() {
        return saved != null && saved.sameSaved(s);
    }
}
