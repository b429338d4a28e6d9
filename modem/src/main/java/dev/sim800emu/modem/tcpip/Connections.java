package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.Protocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Opening and closing client links: AT+CIPSTART (with its name lookup), CONNECT FAIL, AT+CIPCLOSE,
 * and AT+CIPUDPMODE, which says whom a UDP link hears and where its sends go.
 */
final class Connections {
    private final TcpIpStack ip;

    Connections(TcpIpStack ip) {
        this.ip = ip;
    }

    Result cipstart(CommandContext ctx, int id, Protocol protocol, String hostName, int port) {
        Link l = ip.links[id];
        if (!Permissions.linkAllowed(Permissions.Op.CIPSTART, l.state())) {
            ctx.out().error(-1);
            ctx.out().text(ip.prefix(l) + "ALREADY CONNECT");
            return Result.DONE;
        }
        if (!ip.allowed(Permissions.Op.CIPSTART)) {
            return Result.notAllowed();
        }
        if (!ip.multi() && !ip.contexts.autoActivate()) {
            ip.host.urc(w -> {
                w.info("STATE: " + IpState.PDP_DEACT.label(protocol));
                w.text("CONNECT FAIL");
            });
            return Result.OK;
        }
        if (!ip.multi()) {
            ip.links[0].detach(true);
        }
        l.begin(LinkEvent.OPEN, protocol, hostName, port, ip.context().id, ip.settings().get(TcpIpSetting.RXGET) == 1);
        ip.processing = true;
        int generation = l.generation;
        byte[] literal = ModemConfig.parseIpv4(hostName);
        // AT+CIPSSL=1 makes this TCP link TLS; links opened before stay as they are (SSL note §3.9).
        LinkRequest.Tls tls = protocol == Protocol.TCP && ip.settings().get(TcpIpSetting.SSL) == 1
                ? new LinkRequest.Tls(literal == null ? hostName : null, ip.host.sslCertificate()) : null;
        long limit = ip.host.config().connectTimeoutMillis();
        if (literal != null) {
            connect(l, generation, address(literal), limit, tls);
        } else {
            // The connect timeout runs from the command, lookup included, as on the chip.
            TimedLookup.start(ip.host, hostName, limit, new TimedLookup.Outcome() {
                @Override
                public void resolved(List<InetAddress> addresses, long leftMillis) {
                    if (l.generation == generation) {
                        l.remoteIp = addresses.get(0).getHostAddress();
                        connect(l, generation, addresses.get(0), leftMillis, tls);
                    }
                }

                @Override
                public void failed(boolean notFound) {
                    timedOut();
                }

                @Override
                public void timedOut() {
                    if (l.generation == generation) {
                        connectFailed(l);
                    }
                }
            });
        }
        return Result.OK;
    }

    static InetAddress address(byte[] literal) {
        try {
            return InetAddress.getByAddress(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private void connect(Link l, int generation, InetAddress address, long timeoutMillis, LinkRequest.Tls tls) {
        TcpIpSettings s = ip.settings();
        int localPort = l.protocol == Protocol.TCP ? l.localTcpPort : l.localUdpPort;
        LinkRequest.KeepAlive ka = s.get(TcpIpSetting.TKA) == 1 ? new LinkRequest.KeepAlive(
                s.get(TcpIpSetting.TKA, 1), s.get(TcpIpSetting.TKA, 2), s.get(TcpIpSetting.TKA, 3)) : null;
        LinkRequest req = new LinkRequest(l.protocol, address, l.remotePort, localPort, timeoutMillis, ka, tls);
        l.net = ip.host.network().open(req, new SocketEvents(ip, l, generation));
        ip.applyReading(l);
        ip.awaitAcks(l);
    }

    void connectFailed(Link l) {
        l.detach(true);
        l.apply(LinkEvent.CONNECT_FAILED);
        if (ip.multi()) {
            ip.host.urc(w -> w.text(l.id + ", CONNECT FAIL"));
        } else {
            String label = ip.stateLabel();
            ip.host.urc(w -> {
                w.info("STATE: " + label);
                w.text("CONNECT FAIL");
            });
        }
    }

    /**
     * The TLS handshake of a CIPSSL link failed: the chip prints "n, CLOSE OK" rather than CONNECT
     * FAIL (TinyGSM #378, #425), in single mode plain "CLOSE OK" (unconfirmed), and the link is closed.
     */
    void handshakeFailed(Link l) {
        l.detach(true);
        l.apply(LinkEvent.CONNECT_FAILED);
        ip.host.urc(w -> w.text(ip.prefix(l) + "CLOSE OK"));
    }

    Result cipclose(CommandContext ctx, int id, boolean quick) {
        Link l = ip.links[id];
        if (!l.state().busy() && !ip.multi() && ip.server.listening()) {
            // Single mode also closes a listening server with CIPCLOSE (manual 8.2.6).
            ip.server.shut();
            return Result.text("CLOSE OK");
        }
        if (!ip.allowed(Permissions.Op.CIPCLOSE, l)) {
            return Result.notAllowed();
        }
        ip.sender.failPending(l);
        if (ip.transparent.owns(l)) {
            ip.transparent.end();
        }
        l.detach(quick);
        l.apply(LinkEvent.CLOSE);
        l.closedLocally = true;
        l.rx.clear();
        return Result.text(ip.prefix(l) + "CLOSE OK");
    }

    /** AT+CIPUDPMODE write: 0/1 set the mode, 2 changes where CIPSEND goes. */
    Result udpMode(int id, int mode, String address, int port) {
        Link l = ip.links[id];
        if (mode == 2) {
            byte[] literal = ModemConfig.parseIpv4(address);
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
    static String udpModeStatus(Link l) {
        if (l.udpMode == 0) {
            return "0";
        }
        if (l.udpDestination != null) {
            return "1,\"" + l.udpDestination.getAddress().getHostAddress() + "\"," + l.udpDestination.getPort();
        }
        if (l.protocol == Protocol.UDP && l.state() != LinkState.INITIAL) {
            return "1,\"" + l.remoteIp + "\"," + l.remotePort;
        }
        return "1";
    }
}
