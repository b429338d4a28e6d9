package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Protocol;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One link slot (0..5). A slot keeps its number for its whole life; closing never renumbers, and
 * a closed slot keeps its protocol, address and port for AT+CIPSTATUS until AT+CIPSHUT.
 */
final class Link {
    private static final Logger log = LoggerFactory.getLogger(Link.class);

    final int id;
    private LinkState state = LinkState.INITIAL;
    Protocol protocol;
    String remoteIp = "";
    int remotePort;
    int bearer;
    NetLink net;
    /** Bumped whenever the slot lets go of a socket, so late events of the old one are ignored. */
    int generation;
    long txBytes;
    /** Bytes the network confirmed: acknowledged by the TCP peer, or sent for UDP. */
    long confirmedBytes;
    /** Bytes received from the peer on this connection, for the control plane's status. */
    long rxTotal;
    /** The control-plane fault in force on this connection (a blackhole), or null. */
    LinkFault fault;
    boolean manualReceive;
    boolean notified;
    boolean closedLocally;
    boolean readingPaused;
    /** What the network was last told about acknowledgements being awaited (a new link: yes). */
    boolean acksAwaited;
    long droppedDatagrams;
    InetSocketAddress udpDestination;
    /** AT+CIPUDPMODE: 0 only the CIPSTART peer, 1 datagrams from anyone. Set before or after CIPSTART. */
    int udpMode;
    final RxBuffer rx = new RxBuffer();
    /** Local port from AT+CLPORT for TCP and UDP. */
    int localTcpPort;
    int localUdpPort;

    Link(int id) {
        this.id = id;
    }

    LinkState state() {
        return state;
    }

    /**
     * Moves the slot by {@link LinkMachine}. A move missing from the table is an internal error:
     * it is logged and refused, and the slot keeps its state.
     */
    boolean apply(LinkEvent event) {
        LinkState next = LinkMachine.next(state, event);
        if (next == null) {
            log.error("internal error: link {} cannot take {} in state {}", id, event, state);
            return false;
        }
        state = next;
        return true;
    }

    /** Takes the slot for a new connection: {@code how} is OPEN (CIPSTART) or ACCEPT (server). */
    void begin(LinkEvent how, Protocol protocol, String host, int port, int bearer, boolean manualReceive) {
        generation++;
        apply(how);
        this.protocol = protocol;
        this.remoteIp = host;
        this.remotePort = port;
        this.bearer = bearer;
        this.txBytes = 0;
        this.confirmedBytes = 0;
        this.rxTotal = 0;
        this.fault = null;
        this.manualReceive = manualReceive;
        this.notified = false;
        this.closedLocally = false;
        this.readingPaused = false;
        this.acksAwaited = true;
        this.droppedDatagrams = 0;
        this.udpDestination = null;
        this.rx.clear();
    }

    /** Lets go of the socket (if any) and stops listening to it. */
    void detach(boolean abort) {
        generation++;
        NetLink n = net;
        net = null;
        if (n != null) {
            n.close(abort);
        }
    }

    /** Forgets everything (AT+CIPSHUT, reboot). */
    void reset() {
        detach(true);
        apply(LinkEvent.RESET);
        protocol = null;
        remoteIp = "";
        remotePort = 0;
        bearer = 0;
        txBytes = 0;
        confirmedBytes = 0;
        rxTotal = 0;
        fault = null;
        manualReceive = false;
        notified = false;
        closedLocally = false;
        udpMode = 0;
        udpDestination = null;
        rx.clear();
    }
}
