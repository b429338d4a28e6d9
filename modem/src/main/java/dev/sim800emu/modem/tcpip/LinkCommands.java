package dev.sim800emu.modem.tcpip;

import static dev.sim800emu.modem.tcpip.TcpIpCommands.idRange;
import static dev.sim800emu.modem.tcpip.TcpIpCommands.info;
import static dev.sim800emu.modem.tcpip.TcpIpCommands.protocol;

import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The commands that act on links: CIPSTART, CIPSEND, CIPACK, CIPCLOSE, CLPORT, CIPUDPMODE,
 * CIPSTATUS, CIPSERVER, CIPRXGET and ATO. In multi mode most of them name the link first; {@link
 * LinkArgs} hides that, and the single-mode-only forms (execute CIPSEND, CIPCLOSE, CIPACK) answer
 * ERROR in multi mode.
 */
final class LinkCommands {
    private LinkCommands() {
    }

    static void register(CommandTable.Section<?, TcpIpStack> t) {
        cipstart(t);
        cipsend(t);
        cipack(t);
        cipclose(t);
        clport(t);
        cipudpmode(t);
        cipstatus(t);
        cipserver(t);
        ciprxget(t);
        t.command("O")
                .exec((ip, c, a) -> ip.transparent.ato(c))
                .write((ip, c, a) -> Args.parseInt(a.param(0).text(), 0, 0) == 0 ? ip.transparent.ato(c) : Result.ERROR);
    }

    private static void cipstart(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CIPSTART")
                .test((ip, c, a) -> {
                    String n = idRange(ip);
                    c.out().info("+CIPSTART: " + n + "(\"TCP\",\"UDP\"),(\"(0-255).(0-255).(0-255).(0-255)\"),(0-65535)",
                            "+CIPSTART: " + n + "(\"TCP\",\"UDP\"),(\"DOMAIN NAME\"),(0-65535)");
                    return Result.OK;
                })
                .write((ip, c, a) -> {
                    LinkArgs la = LinkArgs.of(ip, a).expect(3, 3);
                    int id = la.id();
                    Protocol p = protocol(la.string(0, 3));
                    String host = la.string(1, 255);
                    int port = la.integer(2, 0, 65535);
                    return host.isEmpty() ? Result.ERROR : ip.connections.cipstart(c, id, p, host, port);
                });
    }

    /** AT+CIPSEND=len (single), =n[,len] (multi), or the execute form (single, ended by Ctrl-Z). */
    private static void cipsend(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CIPSEND")
                .test((ip, c, a) -> info(c, "+CIPSEND: " + idRange(ip) + TcpIpStack.MAX_SEND))
                .read((ip, c, a) -> {
                    if (!ip.multi()) {
                        return info(c, "+CIPSEND: " + TcpIpStack.MAX_SEND);
                    }
                    List<String> lines = new ArrayList<>();
                    for (Link l : ip.links) {
                        if (l.state() == LinkState.CONNECTED) {
                            lines.add("+CIPSEND: " + l.id + "," + TcpIpStack.MAX_SEND);
                        }
                    }
                    if (!lines.isEmpty()) {
                        c.out().info(lines.toArray(new String[0]));
                    }
                    return Result.OK;
                })
                .write((ip, c, a) -> {
                    // The length is mandatory in single mode; in multi mode without it Ctrl-Z ends the data.
                    LinkArgs la = LinkArgs.of(ip, a).expect(ip.multi() ? 0 : 1, 1);
                    int id = la.id();
                    int len = ip.multi() && !la.has(0) ? -1 : Args.parseInt(la.text(0), 0, Integer.MAX_VALUE);
                    return ip.sender.cipsend(c, id, len);
                })
                .exec((ip, c, a) -> ip.multi() ? Result.ERROR : ip.sender.cipsend(c, 0, -1));
    }

    private static void cipack(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CIPACK")
                .test((String) null)
                .exec((ip, c, a) -> ip.multi() ? Result.ERROR : cipack(ip, c, 0))
                .write((ip, c, a) -> ip.multi() ? cipack(ip, c, LinkArgs.of(ip, a).expect(0, 0).id()) : Result.ERROR);
    }

    private static Result cipack(TcpIpStack ip, CommandContext c, int id) {
        Link l = ip.links[id];
        if (!ip.allowed(Permissions.Op.CIPACK, l)) {
            return Result.notAllowed();
        }
        long acked = l.protocol == Protocol.TCP ? Math.min(l.confirmedBytes, l.txBytes) : 0;
        return info(c, "+CIPACK: " + l.txBytes + "," + acked + "," + (l.txBytes - acked));
    }

    /** AT+CIPCLOSE: {@code =1} is a quick close in single mode but link 1 in multi mode (pitfall 4). */
    private static void cipclose(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CIPCLOSE")
                .test((String) null)
                .exec((ip, c, a) -> ip.multi() ? Result.ERROR : ip.connections.cipclose(c, 0, false))
                .write((ip, c, a) -> {
                    if (ip.multi()) {
                        LinkArgs la = LinkArgs.of(ip, a).expect(0, 1);
                        return ip.connections.cipclose(c, la.id(), la.integer(0, 0, 1, 0) == 1);
                    }
                    return ip.connections.cipclose(c, 0, a.expectCount(1, 1).integer(0, 0, 1) == 1);
                });
    }

    private static void clport(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CLPORT")
                .test((ip, c, a) -> info(c, "+CLPORT: " + idRange(ip) + "(\"TCP\",\"UDP\"),(0-65535)"))
                .read((ip, c, a) -> perLink(ip, c, "+CLPORT: ", l -> l.localTcpPort + "," + l.localUdpPort))
                .write((ip, c, a) -> {
                    LinkArgs la = LinkArgs.of(ip, a).expect(2, 2);
                    Link l = ip.links[la.id()];
                    Protocol p = protocol(la.string(0, 3));
                    int port = la.integer(1, 0, 65535);
                    if (p == Protocol.TCP) {
                        l.localTcpPort = port;
                    } else {
                        l.localUdpPort = port;
                    }
                    return Result.OK;
                });
    }

    private static void cipudpmode(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CIPUDPMODE")
                .test((ip, c, a) -> info(c, "+CIPUDPMODE: " + idRange(ip)
                        + "(0-2),(\"(0-255).(0-255).(0-255).(0-255)\"),(1-65535)"))
                .read((ip, c, a) -> perLink(ip, c, "+CIPUDPMODE: ", Connections::udpModeStatus))
                .write((ip, c, a) -> {
                    LinkArgs la = LinkArgs.of(ip, a);
                    int id = la.id();
                    int mode = la.integer(0, 0, 2);
                    if (mode == 2) {
                        la.expect(3, 3);
                        return ip.connections.udpMode(id, 2, la.string(1, 15), la.integer(2, 1, 65535));
                    }
                    la.expect(1, 1);
                    return ip.connections.udpMode(id, mode, null, 0);
                });
    }

    /** Single mode: one line for link 0. Multi mode: one line per link, the id first. */
    private static Result perLink(TcpIpStack ip, CommandContext c, String head, Function<Link, String> text) {
        if (!ip.multi()) {
            return info(c, head + text.apply(ip.links[0]));
        }
        String[] lines = new String[TcpIpStack.LINKS];
        for (Link l : ip.links) {
            lines[l.id] = head + l.id + "," + text.apply(l);
        }
        c.out().info(lines);
        return Result.OK;
    }

    private static void cipstatus(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CIPSTATUS")
                .test((String) null)
                .exec((ip, c, a) -> {
                    StatusReport.write(ip, c.out());
                    return Result.DONE;
                })
                .write((ip, c, a) -> {
                    if (!ip.multi()) {
                        return Result.ERROR;
                    }
                    int id = LinkArgs.of(ip, a).expect(0, 0).id();
                    return info(c, "+CIPSTATUS: " + StatusReport.linkLine(ip.links[id]));
                });
    }

    private static void cipserver(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CIPSERVER")
                .test("+CIPSERVER: (0-CLOSE SERVER,1-OPEN SERVER),(1-65535)")
                .read((ip, c, a) -> info(c, ip.server.status()))
                .write((ip, c, a) -> {
                    int mode = a.integer(0, 0, 1);
                    if (mode == 0) {
                        a.expectCount(1, 2);
                        return ip.server.close();
                    }
                    a.expectCount(2, 2);
                    return ip.server.open(c, a.integer(1, 1, 65535));
                });
    }

    /** AT+CIPRXGET=0/1 sets the receive mode; =2 and =3 read (raw, hex), =4 asks how much waits. */
    private static void ciprxget(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CIPRXGET")
                .test((ip, c, a) -> info(c, ip.multi() ? "+CIPRXGET: (0-4),(0-5),(1-1460)" : "+CIPRXGET: (0-4),(1-1460)"))
                .read((ip, c, a) -> info(c, TcpIpSetting.RXGET.readText(ip.settings())))
                .write((ip, c, a) -> {
                    int mode = a.integer(0, 0, 4);
                    LinkArgs la = LinkArgs.at(ip, a, 1); // the id follows the mode
                    switch (mode) {
                        case 0, 1 -> {
                            a.expectCount(1, 1);
                            TcpIpSettings s = ip.settings();
                            if (ip.anyLinkBusy() && s.get(TcpIpSetting.RXGET) != mode) {
                                return Result.notAllowed();
                            }
                            s.set(TcpIpSetting.RXGET, mode);
                            return Result.OK;
                        }
                        case 4 -> {
                            return ip.receiver.query(c, la.expect(1, 1).id());
                        }
                        default -> {
                            int max = mode == 2 ? TcpIpStack.MAX_READ : TcpIpStack.MAX_HEX_READ;
                            la.expect(2, 2);
                            int id = la.id();
                            return ip.receiver.read(c, id, mode, la.integer(1, 1, max));
                        }
                    }
                });
    }
}
