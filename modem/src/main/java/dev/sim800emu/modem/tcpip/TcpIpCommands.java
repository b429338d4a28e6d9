package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.ModemConfig;
import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.BadParameterException;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandSpec;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.net.Protocol;
import java.util.Locale;

/**
 * The AT+CIP… command table (manual chapter 8). Each entry parses its parameters, whose meaning
 * changes with CIPMUX (reference §10, pitfall 4), and calls {@link TcpIpStack}.
 */
public final class TcpIpCommands {
    private TcpIpCommands() {
    }

    public static void register(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CIPMUX")
                .test("+CIPMUX: (0,1)")
                .read((ip, c, a) -> info(c, "+CIPMUX: " + ip.settings().mux))
                .write((ip, c, a) -> {
                    int v = a.expectCount(1, 1).integer(0, 0, 1);
                    if (!ip.allowed(Permissions.Op.CIPMUX) || (v == 1 && ip.settings().mode == 1)) {
                        return Result.notAllowed();
                    }
                    ip.settings().mux = v;
                    return Result.OK;
                });
        t.command("+CIPMODE")
                .test("+CIPMODE: (0-NORMAL MODE,1-TRANSPARENT MODE)")
                .read((ip, c, a) -> info(c, "+CIPMODE: " + ip.settings().mode))
                .write((ip, c, a) -> {
                    int v = a.expectCount(1, 1).integer(0, 0, 1);
                    // Transparent mode exists only with one connection (note §4).
                    if (!ip.allowed(Permissions.Op.CIPMODE) || (v == 1 && ip.settings().mux == 1)) {
                        return Result.notAllowed();
                    }
                    ip.settings().mode = v;
                    return Result.OK;
                });
        t.command("+CSTT")
                .test("+CSTT: \"APN\",\"USER\",\"PWD\"")
                .read((ip, c, a) -> {
                    PdpContext ctx = ip.context();
                    return info(c, "+CSTT: \"" + ctx.apn + "\",\"" + ctx.user + "\",\"" + ctx.password + "\"");
                })
                .write((ip, c, a) -> {
                    a.expectCount(1, 3);
                    return ip.contexts.cstt(a.string(0, 50), a.string(1, 50, ""), a.string(2, 50, ""));
                })
                .exec((ip, c, a) -> ip.contexts.cstt(ip.settings().apn, ip.settings().user, ip.settings().password));
        t.command("+CIICR").test((String) null).exec((ip, c, a) -> ip.contexts.ciicr(c));
        t.command("+CIFSR").test((String) null).exec((ip, c, a) -> ip.contexts.cifsr(c));
        t.command("+CIPSTART")
                .test((ip, c, a) -> {
                    String n = ip.multi() ? "(0-5)," : "";
                    c.out().info("+CIPSTART: " + n + "(\"TCP\",\"UDP\"),(\"(0-255).(0-255).(0-255).(0-255)\"),(0-65535)",
                            "+CIPSTART: " + n + "(\"TCP\",\"UDP\"),(\"DOMAIN NAME\"),(0-65535)");
                    return Result.OK;
                })
                .write(TcpIpCommands::cipstart);
        t.command("+CIPSEND")
                .test((ip, c, a) -> info(c, "+CIPSEND: " + (ip.multi() ? "(0-5)," : "") + TcpIpStack.MAX_SEND))
                .read(TcpIpCommands::cipsendRead)
                .write(TcpIpCommands::cipsendWrite)
                .exec((ip, c, a) -> ip.multi() ? Result.ERROR : ip.sender.cipsend(c, 0, -1));
        t.command("+CIPQSEND")
                .test("+CIPQSEND: (0,1)")
                .read((ip, c, a) -> info(c, "+CIPQSEND: " + ip.settings().qsend))
                .write((ip, c, a) -> {
                    ip.settings().qsend = a.expectCount(1, 1).integer(0, 0, 1);
                    return Result.OK;
                });
        t.command("+CIPACK")
                .test((String) null)
                .exec((ip, c, a) -> ip.multi() ? Result.ERROR : cipack(ip, c, 0))
                .write((ip, c, a) -> ip.multi() ? cipack(ip, c, a.expectCount(1, 1).integer(0, 0, 5)) : Result.ERROR);
        t.command("+CIPCLOSE")
                .test((String) null)
                .exec((ip, c, a) -> ip.multi() ? Result.ERROR : ip.connections.cipclose(c, 0, false))
                .write((ip, c, a) -> {
                    if (ip.multi()) {
                        a.expectCount(1, 2);
                        return ip.connections.cipclose(c, a.integer(0, 0, 5), a.integer(1, 0, 1, 0) == 1);
                    }
                    return ip.connections.cipclose(c, 0, a.expectCount(1, 1).integer(0, 0, 1) == 1);
                });
        t.command("+CIPSHUT").test((String) null).exec((ip, c, a) -> ip.cipshut());
        t.command("+CLPORT")
                .test((ip, c, a) -> info(c, "+CLPORT: " + (ip.multi() ? "(0-5)," : "") + "(\"TCP\",\"UDP\"),(0-65535)"))
                .read((ip, c, a) -> {
                    if (!ip.multi()) {
                        return info(c, "+CLPORT: " + ip.links[0].localTcpPort + "," + ip.links[0].localUdpPort);
                    }
                    String[] lines = new String[TcpIpStack.LINKS];
                    for (Link l : ip.links) {
                        lines[l.id] = "+CLPORT: " + l.id + "," + l.localTcpPort + "," + l.localUdpPort;
                    }
                    c.out().info(lines);
                    return Result.OK;
                })
                .write((ip, c, a) -> {
                    int base = ip.multi() ? 1 : 0;
                    a.expectCount(2 + base, 2 + base);
                    Link l = ip.links[ip.multi() ? a.integer(0, 0, 5) : 0];
                    Protocol p = protocol(a.string(base, 3));
                    int port = a.integer(base + 1, 0, 65535);
                    if (p == Protocol.TCP) {
                        l.localTcpPort = port;
                    } else {
                        l.localUdpPort = port;
                    }
                    return Result.OK;
                });
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
                    int id = a.expectCount(1, 1).integer(0, 0, 5);
                    return info(c, "+CIPSTATUS: " + StatusReport.linkLine(ip.links[id]));
                });
        t.command("+CDNSCFG")
                .test("+CDNSCFG: (\"Primary DNS\"),(\"Secondary DNS\")")
                .read((ip, c, a) -> {
                    c.out().info("PrimaryDns: " + ip.settings().dnsPrimary, "SecondaryDns: " + ip.settings().dnsSecondary);
                    return Result.OK;
                })
                .write((ip, c, a) -> {
                    a.expectCount(1, 2);
                    String pri = dotted(a.string(0, 15));
                    String sec = a.has(1) ? dotted(a.string(1, 15)) : ip.settings().dnsSecondary;
                    ip.settings().dnsPrimary = pri;
                    ip.settings().dnsSecondary = sec;
                    return Result.OK;
                });
        t.command("+CDNSGIP")
                .test((String) null)
                .write((ip, c, a) -> {
                    String name = a.expectCount(1, 1).string(0, 255);
                    if (name.isEmpty()) {
                        return Result.ERROR;
                    }
                    return ip.names.cdnsgip(name);
                });
        flag(t, "+CIPHEAD", v -> v.head, (v, x) -> v.head = x);
        flag(t, "+CIPSRIP", v -> v.srip, (v, x) -> v.srip = x);
        flag(t, "+CIPSHOWTP", v -> v.showtp, (v, x) -> v.showtp = x);
        t.command("+CIPSPRT")
                .test("+CIPSPRT: (0-2)")
                .read((ip, c, a) -> info(c, "+CIPSPRT: " + ip.settings().sprt))
                .write((ip, c, a) -> {
                    ip.settings().sprt = a.expectCount(1, 1).integer(0, 0, 2);
                    return Result.OK;
                });
        t.command("+CIPATS")
                .test("+CIPATS: (0,1),(1-100)")
                .read((ip, c, a) -> info(c, "+CIPATS: " + ip.settings().atsMode + "," + ip.settings().atsTime))
                .write((ip, c, a) -> {
                    a.expectCount(1, 2);
                    int mode = a.integer(0, 0, 1);
                    int time = a.integer(1, 1, 100, ip.settings().atsTime);
                    ip.settings().atsMode = mode;
                    ip.settings().atsTime = time;
                    return Result.OK;
                });
        t.command("+CIPRXGET")
                .test((ip, c, a) -> info(c, ip.multi() ? "+CIPRXGET: (0-4),(0-5),(1-1460)" : "+CIPRXGET: (0-4),(1-1460)"))
                .read((ip, c, a) -> info(c, "+CIPRXGET: " + ip.settings().rxget))
                .write(TcpIpCommands::ciprxget);
        t.command("+CIPSCONT")
                .read(TcpIpCommands::cipscontRead)
                .exec((ip, c, a) -> {
                    ip.saveSettings();
                    return Result.OK;
                });
        t.command("+CIPTKA")
                .test("+CIPTKA: (0,1),(30-7200),(30-600),(1-9)")
                .read((ip, c, a) -> info(c, "+CIPTKA: " + join(ip.settings().tka)))
                .write((ip, c, a) -> {
                    a.expectCount(1, 4);
                    int[] v = {a.integer(0, 0, 1), a.integer(1, 30, 7200, ip.settings().tka[1]),
                        a.integer(2, 30, 600, ip.settings().tka[2]), a.integer(3, 1, 9, ip.settings().tka[3])};
                    ip.settings().tka = v;
                    return Result.OK;
                });
        t.command("+CIPRDTIMER")
                .test("+CIPRDTIMER: (100-4000),(100-7000)")
                .read((ip, c, a) -> info(c, "+CIPRDTIMER: " + join(ip.settings().rdtimer)))
                .write((ip, c, a) -> {
                    a.expectCount(2, 2);
                    ip.settings().rdtimer = new int[] {a.integer(0, 100, 4000), a.integer(1, 100, 7000)};
                    return Result.OK;
                });
        t.command("+CIPCSGP")
                .test((ip, c, a) -> {
                    c.out().info("+CIPCSGP:0-CSD,DIALNUMBER,USER NAME,PASSWORD,RATE(0-3)",
                            "+CIPCSGP: 1-GPRS,APN,USER NAME,PASSWORD");
                    return Result.OK;
                })
                .read((ip, c, a) -> info(c, "+CIPCSGP: " + ip.settings().csgpMode + ",\"" + ip.settings().apn + "\",\"" + ip.settings().user
                        + "\",\"" + ip.settings().password + "\""))
                .write((ip, c, a) -> {
                    int mode = a.integer(0, 0, 1);
                    if (mode == 1) {
                        a.expectCount(1, 4);
                        ip.settings().apn = a.string(1, 50, ip.settings().apn);
                        ip.settings().user = a.string(2, 50, ip.settings().user);
                        ip.settings().password = a.string(3, 50, ip.settings().password);
                    } else {
                        a.expectCount(1, 5);
                        a.integer(4, 0, 3, 0);
                    }
                    ip.settings().csgpMode = mode;
                    return Result.OK;
                });
        t.command("+CIPDPDP")
                .test("+CIPDPDP: (0,1),(1-180),(1-10)")
                .read((ip, c, a) -> info(c, "+CIPDPDP: " + join(ip.settings().dpdp)))
                .write((ip, c, a) -> {
                    a.expectCount(1, 3);
                    ip.settings().dpdp = new int[] {a.integer(0, 0, 1), a.integer(1, 1, 180, ip.settings().dpdp[1]),
                        a.integer(2, 1, 10, ip.settings().dpdp[2])};
                    return Result.OK;
                });
        t.command("+CIPCCFG")
                .test("+CIPCCFG: (NmRetry:3-8),(WaitTm:1-10),(SendSz:1-1460),(esc:0,1),(Rxmode:0,1),"
                        + "(RxSize:50-1460),(Rxtimer:20-1000)")
                .read((ip, c, a) -> info(c, "+CIPCCFG: " + join(ip.settings().ccfg)))
                .write((ip, c, a) -> {
                    a.expectCount(4, 7);
                    int[] cur = ip.settings().ccfg;
                    ip.settings().ccfg = new int[] {a.integer(0, 3, 8), a.integer(1, 1, 10), a.integer(2, 1, 1460),
                        a.integer(3, 0, 1), a.integer(4, 0, 1, cur[4]), a.integer(5, 50, 1460, cur[5]),
                        a.integer(6, 20, 1000, cur[6])};
                    return Result.OK;
                });
        t.command("O")
                .exec((ip, c, a) -> ip.transparent.ato(c))
                .write((ip, c, a) -> Args.parseInt(a.param(0).text(), 0, 0) == 0 ? ip.transparent.ato(c) : Result.ERROR);
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
        t.command("+CIPSGTXT")
                .test("+CIPSGTXT: (0,1)")
                .write((ip, c, a) -> ip.contexts.select(a.expectCount(1, 1).integer(0, 0, 1)));
        t.command("+CIPUDPMODE")
                .test((ip, c, a) -> info(c, "+CIPUDPMODE: " + (ip.multi() ? "(0-5)," : "")
                        + "(0-2),(\"(0-255).(0-255).(0-255).(0-255)\"),(1-65535)"))
                .read((ip, c, a) -> {
                    if (!ip.multi()) {
                        return info(c, "+CIPUDPMODE: " + Connections.udpModeStatus(ip.links[0]));
                    }
                    String[] lines = new String[TcpIpStack.LINKS];
                    for (Link l : ip.links) {
                        lines[l.id] = "+CIPUDPMODE: " + l.id + "," + Connections.udpModeStatus(l);
                    }
                    c.out().info(lines);
                    return Result.OK;
                })
                .write((ip, c, a) -> {
                    int base = ip.multi() ? 1 : 0;
                    int id = ip.multi() ? a.integer(0, 0, 5) : 0;
                    int mode = a.integer(base, 0, 2);
                    if (mode == 2) {
                        a.expectCount(base + 3, base + 3);
                        return ip.connections.udpMode(id, 2, a.string(base + 1, 15), a.integer(base + 2, 1, 65535));
                    }
                    a.expectCount(base + 1, base + 1);
                    return ip.connections.udpMode(id, mode, null, 0);
                });
        t.command("+CIPSSL")
                .test("+CIPSSL: (0,1)")
                .read((ip, c, a) -> info(c, "+CIPSSL: " + ip.settings().ssl))
                .write((ip, c, a) -> {
                    int v = a.expectCount(1, 1).integer(0, 0, 1);
                    // TLS is not emulated yet; accepting 1 would silently open plain TCP.
                    if (v == 1) {
                        return Result.ERROR;
                    }
                    ip.settings().ssl = v;
                    return Result.OK;
                });
    }

    private static Result cipstart(TcpIpStack ip, CommandContext c, Args a) {
        int base = ip.multi() ? 1 : 0;
        a.expectCount(3 + base, 3 + base);
        int id = ip.multi() ? a.integer(0, 0, 5) : 0;
        Protocol p = protocol(a.string(base, 3));
        String host = a.string(base + 1, 255);
        int port = a.integer(base + 2, 0, 65535);
        if (host.isEmpty()) {
            return Result.ERROR;
        }
        return ip.connections.cipstart(c, id, p, host, port);
    }

    private static Result cipsendWrite(TcpIpStack ip, CommandContext c, Args a) {
        if (ip.multi()) {
            a.expectCount(1, 2);
            int id = a.integer(0, 0, 5);
            int len = a.has(1) ? Args.parseInt(a.param(1).text(), 0, Integer.MAX_VALUE) : -1;
            return ip.sender.cipsend(c, id, len);
        }
        int len = Args.parseInt(a.expectCount(1, 1).param(0).text(), 0, Integer.MAX_VALUE);
        return ip.sender.cipsend(c, 0, len);
    }

    private static Result cipsendRead(TcpIpStack ip, CommandContext c, Args a) {
        if (!ip.multi()) {
            return info(c, "+CIPSEND: " + TcpIpStack.MAX_SEND);
        }
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (Link l : ip.links) {
            if (l.state() == LinkState.CONNECTED) {
                lines.add("+CIPSEND: " + l.id + "," + TcpIpStack.MAX_SEND);
            }
        }
        if (!lines.isEmpty()) {
            c.out().info(lines.toArray(new String[0]));
        }
        return Result.OK;
    }

    private static Result cipack(TcpIpStack ip, CommandContext c, int id) {
        Link l = ip.links[id];
        if (!ip.allowed(Permissions.Op.CIPACK, l)) {
            return Result.notAllowed();
        }
        long acked = l.protocol == Protocol.TCP ? Math.min(l.confirmedBytes, l.txBytes) : 0;
        return info(c, "+CIPACK: " + l.txBytes + "," + acked + "," + (l.txBytes - acked));
    }

    private static Result ciprxget(TcpIpStack ip, CommandContext c, Args a) {
        int mode = a.integer(0, 0, 4);
        boolean multi = ip.multi();
        switch (mode) {
            case 0, 1 -> {
                a.expectCount(1, 1);
                if (ip.anyLinkBusy() && ip.settings().rxget != mode) {
                    return Result.notAllowed();
                }
                ip.settings().rxget = mode;
                return Result.OK;
            }
            case 4 -> {
                a.expectCount(multi ? 2 : 1, multi ? 2 : 1);
                return ip.receiver.query(c, multi ? a.integer(1, 0, 5) : 0);
            }
            default -> {
                int max = mode == 2 ? TcpIpStack.MAX_READ : TcpIpStack.MAX_HEX_READ;
                int base = multi ? 2 : 1;
                a.expectCount(base + 1, base + 1);
                int id = multi ? a.integer(1, 0, 5) : 0;
                return ip.receiver.read(c, id, mode, a.integer(base, 1, max));
            }
        }
    }

    private static Result cipscontRead(TcpIpStack ip, CommandContext c, Args a) {
        TcpIpSettings v = ip.settings();
        c.out().info("+CIPSCONT: " + (ip.settingsSaved() ? 0 : 1),
                "+CIPCSGP: " + v.csgpMode,
                "Gprs Config APN: " + v.apn,
                "Gprs Config UserId: " + v.user,
                "Gprs Config Password: " + v.password,
                "+CIPHEAD: " + v.head,
                "+CIPSHOWTP: " + v.showtp,
                "+CIPSRIP: " + v.srip,
                "+CIPATS: " + v.atsMode + "," + v.atsTime,
                "+CIPSPRT: " + v.sprt + "," + (v.sprt == 2 ? 1 : 0),
                "+CIPQSEND: " + v.qsend,
                "+CIPMODE: " + v.mode,
                "+CIPCCFG: " + join(v.ccfg),
                "+CIPMUX: " + v.mux,
                "+CIPDPDP: " + join(v.dpdp),
                "+CIPRXGET: " + v.rxget,
                "+CIPRDTIMER: " + join(v.rdtimer));
        return Result.OK;
    }

    private static void flag(CommandTable.Section<?, TcpIpStack> t, String name,
                             java.util.function.ToIntFunction<TcpIpSettings> get,
                             java.util.function.ObjIntConsumer<TcpIpSettings> set) {
        t.command(name)
                .test(name + ": (0,1)")
                .read((ip, c, a) -> info(c, name + ": " + get.applyAsInt(ip.settings())))
                .write((ip, c, a) -> {
                    set.accept(ip.settings(), a.expectCount(1, 1).integer(0, 0, 1));
                    return Result.OK;
                });
    }

    static Protocol protocol(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "TCP" -> Protocol.TCP;
            case "UDP" -> Protocol.UDP;
            default -> throw new BadParameterException("mode must be TCP or UDP");
        };
    }

    private static String dotted(String s) {
        if (ModemConfig.parseIpv4(s) == null) {
            throw new BadParameterException("not a dotted address");
        }
        return s;
    }

    private static String join(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(v[i]);
        }
        return sb.toString();
    }

    private static Result info(CommandContext c, String line) {
        c.out().info(line);
        return Result.OK;
    }
}
