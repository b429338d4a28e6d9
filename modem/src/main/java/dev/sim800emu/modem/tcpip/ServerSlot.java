package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.net.ServerHandle;
import dev.sim800emu.modem.net.ServerListener;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** The one TCP server of AT+CIPSERVER (manual §8.2.11) and the clients it hands to link slots. */
final class ServerSlot {
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

    private final TcpIpStack ip;
    /** The server, from CIPSERVER=1 until it is closed or fails to open; null otherwise. */
    private Server server;

    ServerSlot(TcpIpStack ip) {
        this.ip = ip;
    }

    boolean listening() {
        return server != null && server.listening;
    }

    /** AT+CIPSERVER=1,port: OK once the port is open, then SERVER OK; ERROR if it cannot open. */
    Result open(CommandContext ctx, int port) {
        if (server != null) {
            return Result.ERROR;
        }
        if (ip.multi() ? !ip.allowed(Permissions.Op.CIPSERVER) : !ip.allowed(Permissions.Op.CIPSERVER, ip.links[0])) {
            return Result.notAllowed();
        }
        if (!ip.multi() && !ip.contexts.autoActivate()) {
            return Result.ERROR;
        }
        Server srv = new Server(port, ip.context().id);
        server = srv;
        // The network may answer inside listen() (a fake) or later (Netty): handle both.
        Result[] early = new Result[1];
        boolean[] inCall = {true};
        Consumer<Result> answer = r -> {
            if (inCall[0]) {
                early[0] = r;
            } else {
                ctx.complete(r);
            }
        };
        srv.handle = ip.host.network().listen(port, new ServerListener() {
            @Override
            public void onListening() {
                if (server != srv) {
                    return;
                }
                srv.listening = true;
                ip.processing = true;
                ip.host.urc(w -> w.text("SERVER OK"));
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
    Result close() {
        if (server == null) {
            return Result.ERROR;
        }
        shut();
        ip.host.urc(w -> w.text("SERVER CLOSE"));
        return Result.OK;
    }

    /** The answer to AT+CIPSERVER?. */
    String status() {
        return server == null ? "+CIPSERVER: 0" : "+CIPSERVER: 1," + server.port + ",0," + server.bearer;
    }

    /** The {@code S:} line of multi-mode AT+CIPSTATUS, or null without a server. */
    String statusLine() {
        return server == null ? null
                : "S: 0," + server.bearer + ",\"" + server.port + "\",\"" + (server.listening ? "LISTENING" : "OPENING") + "\"";
    }

    /** Closes the listening socket without a word (CIPSHUT, reboot, single-mode CIPCLOSE). */
    void shut() {
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
        if (!ip.multi()) {
            l = ip.links[0].state().busy() ? null : ip.links[0];
        } else {
            int busy = 0;
            for (Link k : ip.links) {
                if (k.state().busy()) {
                    busy++;
                } else if (l == null) {
                    l = k;
                }
            }
            if (busy >= TcpIpStack.LINKS - 1) {
                l = null;
            }
        }
        if (l == null) {
            return null;
        }
        String address = remote.getAddress().getHostAddress();
        l.begin(LinkEvent.ACCEPT, Protocol.TCP, address, remote.getPort(), server.bearer, ip.settings().get(TcpIpSetting.RXGET) == 1);
        l.net = net;
        ip.applyReading(l);
        ip.awaitAcks(l);
        ip.processing = true;
        String remoteLine = ip.prefix(l) + "REMOTE IP: " + address;
        if (ip.settings().get(TcpIpSetting.MODE) == 1 && !ip.multi()) {
            ip.transparent.start(l, remoteLine);
        } else {
            ip.host.urc(w -> w.text(remoteLine));
        }
        return new SocketEvents(ip, l, l.generation);
    }
}
