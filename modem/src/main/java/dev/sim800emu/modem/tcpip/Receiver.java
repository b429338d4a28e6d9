package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.net.Protocol;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Received data (reference §4): pushed to the host at once, framed per CIPMUX/CIPHEAD/CIPSRIP/
 * CIPSHOWTP, or with CIPRXGET=1 kept per link and announced once with +CIPRXGET: 1 until the host
 * reads it (CIPRXGET=2 raw, =3 hex, =4 how much).
 */
final class Receiver {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final TcpIpStack ip;

    Receiver(TcpIpStack ip) {
        this.ip = ip;
    }

    void receive(Link l, byte[] data, InetSocketAddress from) {
        if (ip.transparent.peerBytes(l, data)) {
            return;
        }
        if (l.protocol == Protocol.UDP && l.udpMode == 0 && from != null && !fromPeer(l, from)) {
            return; // normal UDP mode hears only the peer CIPSTART named
        }
        if (l.manualReceive) {
            bufferForRead(l, data, from);
            return;
        }
        for (int off = 0; off < data.length; off += TcpIpStack.MAX_READ) {
            int len = Math.min(TcpIpStack.MAX_READ, data.length - off);
            byte[] chunk = Arrays.copyOfRange(data, off, off + len);
            ip.host.urc(w -> writePush(w, l, chunk, from));
        }
    }

    private static boolean fromPeer(Link l, InetSocketAddress from) {
        return from.getPort() == l.remotePort && from.getAddress().getHostAddress().equals(l.remoteIp);
    }

    /** Push delivery, framed per CIPMUX/CIPHEAD/CIPSRIP/CIPSHOWTP (reference §4). */
    private void writePush(ResponseWriter w, Link l, byte[] data, InetSocketAddress from) {
        TcpIpSettings s = ip.settings();
        String sender = from == null ? l.remoteIp + ":" + l.remotePort
                : from.getAddress().getHostAddress() + ":" + from.getPort();
        if (ip.multi()) {
            w.raw("\r\n+RECEIVE," + l.id + "," + data.length + (s.get(TcpIpSetting.SRIP) == 1 ? "," + sender : "") + ":\r\n");
        } else {
            if (s.get(TcpIpSetting.SRIP) == 1) {
                w.info("RECV FROM:" + sender);
            }
            if (s.get(TcpIpSetting.HEAD) == 1) {
                w.raw("\r\n+IPD," + data.length + (s.get(TcpIpSetting.SHOWTP) == 1 ? "," + l.protocol : "") + ":");
            }
        }
        w.raw(data);
    }

    private void bufferForRead(Link l, byte[] data, InetSocketAddress from) {
        if (l.protocol == Protocol.UDP && l.rx.size() + data.length > TcpIpStack.RX_CAPACITY) {
            l.droppedDatagrams++;
            return;
        }
        boolean wasEmpty = l.rx.size() == 0;
        l.rx.add(data, from);
        if (l.protocol == Protocol.TCP && l.rx.size() >= TcpIpStack.RX_CAPACITY && !l.readingPaused) {
            l.readingPaused = true;
            ip.applyReading(l);
        }
        if (wasEmpty && !l.notified) {
            l.notified = true;
            String sender = senderSuffix(from);
            String id = ip.multi() ? "," + l.id : "";
            ip.host.urc(w -> w.text("+CIPRXGET: 1" + id + sender));
        }
    }

    /** ",a.b.c.d:port" with CIPSRIP=1, else nothing. */
    private String senderSuffix(InetSocketAddress from) {
        return ip.settings().get(TcpIpSetting.SRIP) == 1 && from != null
                ? "," + from.getAddress().getHostAddress() + ":" + from.getPort() : "";
    }

    /** Whether link {@code l} has a manual-receive buffer the host may read. */
    private boolean readable(Link l) {
        return l.manualReceive && !l.closedLocally && ip.allowed(Permissions.Op.CIPRXGET, l);
    }

    /** CIPRXGET=2/3: reads buffered bytes; mode 3 prints them as hex. */
    Result read(CommandContext ctx, int id, int mode, int max) {
        Link l = ip.links[id];
        if (!readable(l)) {
            return Result.notAllowed();
        }
        InetSocketAddress from = l.rx.headSender();
        byte[] data = l.rx.read(max);
        int rest = l.rx.size();
        String idPart = ip.multi() ? l.id + "," : "";
        ResponseWriter w = ctx.out();
        w.info("+CIPRXGET: " + mode + "," + idPart + data.length + "," + rest + senderSuffix(from));
        if (mode == 2) {
            w.raw(data);
        } else {
            w.raw(HEX.formatHex(data));
        }
        afterRead(l);
        return Result.OK;
    }

    /** CIPRXGET=4: how many bytes wait. */
    Result query(CommandContext ctx, int id) {
        Link l = ip.links[id];
        if (!readable(l)) {
            return Result.notAllowed();
        }
        ctx.out().info("+CIPRXGET: 4," + (ip.multi() ? l.id + "," : "") + l.rx.size());
        return Result.OK;
    }

    private void afterRead(Link l) {
        if (l.rx.size() == 0) {
            l.notified = false;
        }
        if (l.readingPaused && l.rx.size() < TcpIpStack.RX_CAPACITY) {
            l.readingPaused = false;
            ip.applyReading(l);
        }
    }
}
