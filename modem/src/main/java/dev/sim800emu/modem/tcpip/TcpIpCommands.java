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
    private final TcpIpStack ip;

    private TcpIpCommands(TcpIpStack ip) {
        this.ip = ip;
    }

    public static void register(CommandTable t, TcpIpStack ip) {
        new TcpIpCommands(ip).registerAll(t);
    }

    private TcpIpSettings s() {
        return ip.settings();
    }

    private void registerAll(CommandTable t) {
        t.add(CommandSpec.named("+CIPMUX")
                .test("+CIPMUX: (0,1)")
                .read((c, a) -> info(c, "+CIPMUX: " + s().mux))
                .write((c, a) -> {
                    int v = a.expectCount(1, 1).integer(0, 0, 1);
                    if (!ip.allowed(Permissions.Op.CIPMUX) || (v == 1 && s().mode == 1)) {
                        return Result.notAllowed();
                    }
                    s().mux = v;
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CIPMODE")
                .test("+CIPMODE: (0-NORMAL MODE,1-TRANSPARENT MODE)")
                .read((c, a) -> info(c, "+CIPMODE: " + s().mode))
                .write((c, a) -> {
                    int v = a.expectCount(1, 1).integer(0, 0, 1);
                    // Transparent mode exists only with one connection (note §4).
                    if (!ip.allowed(Permissions.Op.CIPMODE) || (v == 1 && s().mux == 1)) {
                        return Result.notAllowed();
                    }
                    s().mode = v;
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CSTT")
                .test("+CSTT: \"APN\",\"USER\",\"PWD\"")
                .read((c, a) -> {
                    PdpContext ctx = ip.context();
                    return info(c, "+CSTT: \"" + ctx.apn + "\",\"" + ctx.user + "\",\"" + ctx.password + "\"");
                })
                .write((c, a) -> {
                    a.expectCount(1, 3);
                    return ip.cstt(a.string(0, 50), a.string(1, 50, ""), a.string(2, 50, ""));
                })
                .exec((c, a) -> ip.cstt(s().apn, s().user, s().password)));
        t.add(CommandSpec.named("+CIICR").test((String) null).exec((c, a) -> ip.ciicr(c)));
        t.add(CommandSpec.named("+CIFSR").test((String) null).exec((c, a) -> ip.cifsr(c)));
        t.add(CommandSpec.named("+CIPSTART")
                .test((c, a) -> {
                    String n = ip.multi() ? "(0-5)," : "";
                    c.out().info("+CIPSTART: " + n + "(\"TCP\",\"UDP\"),(\"(0-255).(0-255).(0-255).(0-255)\"),(0-65535)",
                            "+CIPSTART: " + n + "(\"TCP\",\"UDP\"),(\"DOMAIN NAME\"),(0-65535)");
                    return Result.OK;
                })
                .write(this::cipstart));
        t.add(CommandSpec.named("+CIPSEND")
                .test((c, a) -> info(c, "+CIPSEND: " + (ip.multi() ? "(0-5)," : "") + TcpIpStack.MAX_SEND))
                .read(this::cipsendRead)
                .write(this::cipsendWrite)
                .exec((c, a) -> ip.multi() ? Result.ERROR : ip.cipsend(c, 0, -1)));
        t.add(CommandSpec.named("+CIPQSEND")
                .test("+CIPQSEND: (0,1)")
                .read((c, a) -> info(c, "+CIPQSEND: " + s().qsend))
                .write((c, a) -> {
                    s().qsend = a.expectCount(1, 1).integer(0, 0, 1);
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CIPACK")
                .test((String) null)
                .exec((c, a) -> ip.multi() ? Result.ERROR : cipack(c, 0))
                .write((c, a) -> ip.multi() ? cipack(c, a.expectCount(1, 1).integer(0, 0, 5)) : Result.ERROR));
        t.add(CommandSpec.named("+CIPCLOSE")
                .test((String) null)
                .exec((c, a) -> ip.multi() ? Result.ERROR : ip.cipclose(c, 0, false))
                .write((c, a) -> {
                    if (ip.multi()) {
                        a.expectCount(1, 2);
                        return ip.cipclose(c, a.integer(0, 0, 5), a.integer(1, 0, 1, 0) == 1);
                    }
                    return ip.cipclose(c, 0, a.expectCount(1, 1).integer(0, 0, 1) == 1);
                }));
        t.add(CommandSpec.named("+CIPSHUT").test((String) null).exec((c, a) -> ip.cipshut()));
        t.add(CommandSpec.named("+CLPORT")
                .test((c, a) -> info(c, "+CLPORT: " + (ip.multi() ? "(0-5)," : "") + "(\"TCP\",\"UDP\"),(0-65535)"))
                .read((c, a) -> {
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
                .write((c, a) -> {
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
                }));
        t.add(CommandSpec.named("+CIPSTATUS")
                .test((String) null)
                .exec((c, a) -> {
                    ip.writeStatus(c.out());
                    return Result.DONE;
                })
                .write((c, a) -> {
                    if (!ip.multi()) {
                        return Result.ERROR;
                    }
                    int id = a.expectCount(1, 1).integer(0, 0, 5);
                    return info(c, "+CIPSTATUS: " + ip.linkStatus(ip.links[id]));
                }));
        t.add(CommandSpec.named("+CDNSCFG")
                .test("+CDNSCFG: (\"Primary DNS\"),(\"Secondary DNS\")")
                .read((c, a) -> {
                    c.out().info("PrimaryDns: " + s().dnsPrimary, "SecondaryDns: " + s().dnsSecondary);
                    return Result.OK;
                })
                .write((c, a) -> {
                    a.expectCount(1, 2);
                    String pri = dotted(a.string(0, 15));
                    String sec = a.has(1) ? dotted(a.string(1, 15)) : s().dnsSecondary;
                    s().dnsPrimary = pri;
                    s().dnsSecondary = sec;
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CDNSGIP")
                .test((String) null)
                .write((c, a) -> {
                    String name = a.expectCount(1, 1).string(0, 255);
                    if (name.isEmpty()) {
                        return Result.ERROR;
                    }
                    return ip.cdnsgip(name);
                }));
        t.add(flag("+CIPHEAD", () -> s().head, v -> s().head = v));
        t.add(flag("+CIPSRIP", () -> s().srip, v -> s().srip = v));
        t.add(flag("+CIPSHOWTP", () -> s().showtp, v -> s().showtp = v));
        t.add(CommandSpec.named("+CIPSPRT")
                .test("+CIPSPRT: (0-2)")
                .read((c, a) -> info(c, "+CIPSPRT: " + s().sprt))
                .write((c, a) -> {
                    s().sprt = a.expectCount(1, 1).integer(0, 0, 2);
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CIPATS")
                .test("+CIPATS: (0,1),(1-100)")
                .read((c, a) -> info(c, "+CIPATS: " + s().atsMode + "," + s().atsTime))
                .write((c, a) -> {
                    a.expectCount(1, 2);
                    int mode = a.integer(0, 0, 1);
                    int time = a.integer(1, 1, 100, s().atsTime);
                    s().atsMode = mode;
                    s().atsTime = time;
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CIPRXGET")
                .test((c, a) -> info(c, ip.multi() ? "+CIPRXGET: (0-4),(0-5),(1-1460)" : "+CIPRXGET: (0-4),(1-1460)"))
                .read((c, a) -> info(c, "+CIPRXGET: " + s().rxget))
                .write(this::ciprxget));
        t.add(CommandSpec.named("+CIPSCONT")
                .read(this::cipscontRead)
                .exec((c, a) -> {
                    ip.saveSettings();
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CIPTKA")
                .test("+CIPTKA: (0,1),(30-7200),(30-600),(1-9)")
                .read((c, a) -> info(c, "+CIPTKA: " + join(s().tka)))
                .write((c, a) -> {
                    a.expectCount(1, 4);
                    int[] v = {a.integer(0, 0, 1), a.integer(1, 30, 7200, s().tka[1]),
                        a.integer(2, 30, 600, s().tka[2]), a.integer(3, 1, 9, s().tka[3])};
                    s().tka = v;
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CIPRDTIMER")
                .test("+CIPRDTIMER: (100-4000),(100-7000)")
                .read((c, a) -> info(c, "+CIPRDTIMER: " + join(s().rdtimer)))
                .write((c, a) -> {
                    a.expectCount(2, 2);
                    s().rdtimer = new int[] {a.integer(0, 100, 4000), a.integer(1, 100, 7000)};
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CIPCSGP")
                .test((c, a) -> {
                    c.out().info("+CIPCSGP:0-CSD,DIALNUMBER,USER NAME,PASSWORD,RATE(0-3)",
                            "+CIPCSGP: 1-GPRS,APN,USER NAME,PASSWORD");
                    return Result.OK;
                })
                .read((c, a) -> info(c, "+CIPCSGP: " + s().csgpMode + ",\"" + s().apn + "\",\"" + s().user
                        + "\",\"" + s().password + "\""))
                .write((c, a) -> {
                    int mode = a.integer(0, 0, 1);
                    if (mode == 1) {
                        a.expectCount(1, 4);
                        s().apn = a.string(1, 50, s().apn);
                        s().user = a.string(2, 50, s().user);
                        s().password = a.string(3, 50, s().password);
                    } else {
                        a.expectCount(1, 5);
                        a.integer(4, 0, 3, 0);
                    }
                    s().csgpMode = mode;
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CIPDPDP")
                .test("+CIPDPDP: (0,1),(1-180),(1-10)")
                .read((c, a) -> info(c, "+CIPDPDP: " + join(s().dpdp)))
                .write((c, a) -> {
                    a.expectCount(1, 3);
                    s().dpdp = new int[] {a.integer(0, 0, 1), a.integer(1, 1, 180, s().dpdp[1]),
                        a.integer(2, 1, 10, s().dpdp[2])};
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CIPCCFG")
                .test("+CIPCCFG: (NmRetry:3-8),(WaitTm:1-10),(SendSz:1-1460),(esc:0,1),(Rxmode:0,1),"
                        + "(RxSize:50-1460),(Rxtimer:20-1000)")
                .read((c, a) -> info(c, "+CIPCCFG: " + join(s().ccfg)))
                .write((c, a) -> {
                    a.expectCount(4, 7);
                    int[] cur = s().ccfg;
                    s().ccfg = new int[] {a.integer(0, 3, 8), a.integer(1, 1, 10), a.integer(2, 1, 1460),
                        a.integer(3, 0, 1), a.integer(4, 0, 1, cur[4]), a.integer(5, 50, 1460, cur[5]),
                        a.integer(6, 20, 1000, cur[6])};
                    return Result.OK;
                }));
        t.add(CommandSpec.named("O")
                .exec((c, a) -> ip.ato(c))
                .write((c, a) -> Args.parseInt(a.param(0).text(), 0, 0) == 0 ? ip.ato(c) : Result.ERROR));
        t.add(CommandSpec.named("+CIPSERVER")
                .test("+CIPSERVER: (0-CLOSE SERVER,1-OPEN SERVER),(1-65535)")
                .read((c, a) -> info(c, ip.serverStatus()))
                .write((c, a) -> {
                    int mode = a.integer(0, 0, 1);
                    if (mode == 0) {
                        a.expectCount(1, 2);
                        return ip.cipserverClose();
                    }
                    a.expectCount(2, 2);
                    return ip.cipserverOpen(c, a.integer(1, 1, 65535));
                }));
        t.add(CommandSpec.named("+CIPSGTXT")
                .test("+CIPSGTXT: (0,1)")
                .write((c, a) -> ip.selectContext(a.expectCount(1, 1).integer(0, 0, 1))));
        t.add(CommandSpec.named("+CIPUDPMODE")
                .test((c, a) -> info(c, "+CIPUDPMODE: " + (ip.multi() ? "(0-5)," : "")
                        + "(0-2),(\"(0-255).(0-255).(0-255).(0-255)\"),(1-65535)"))
                .read((c, a) -> {
                    if (!ip.multi()) {
                        return info(c, "+CIPUDPMODE: " + ip.udpModeStatus(ip.links[0]));
                    }
                    String[] lines = new String[TcpIpStack.LINKS];
                    for (Link l : ip.links) {
                        lines[l.id] = "+CIPUDPMODE: " + l.id + "," + ip.udpModeStatus(l);
                    }
                    c.out().info(lines);
                    return Result.OK;
                })
                .write((c, a) -> {
                    int base = ip.multi() ? 1 : 0;
                    int id = ip.multi() ? a.integer(0, 0, 5) : 0;
                    int mode = a.integer(base, 0, 2);
                    if (mode == 2) {
                        a.expectCount(base + 3, base + 3);
                        return ip.udpMode(id, 2, a.string(base + 1, 15), a.integer(base + 2, 1, 65535));
                    }
                    a.expectCount(base + 1, base + 1);
                    return ip.udpMode(id, mode, null, 0);
                }));
        t.add(CommandSpec.named("+CIPSSL")
                .test("+CIPSSL: (0,1)")
                .read((c, a) -> info(c, "+CIPSSL: " + s().ssl))
                .write((c, a) -> {
                    int v = a.expectCount(1, 1).integer(0, 0, 1);
                    // TLS is not emulated yet; accepting 1 would silently open plain TCP.
                    if (v == 1) {
                        return Result.ERROR;
                    }
                    s().ssl = v;
                    return Result.OK;
                }));
    }

    private Result cipstart(CommandContext c, Args a) {
        int base = ip.multi() ? 1 : 0;
        a.expectCount(3 + base, 3 + base);
        int id = ip.multi() ? a.integer(0, 0, 5) : 0;
        Protocol p = protocol(a.string(base, 3));
        String host = a.string(base + 1, 255);
        int port = a.integer(base + 2, 0, 65535);
        if (host.isEmpty()) {
            return Result.ERROR;
        }
        return ip.cipstart(c, id, p, host, port);
    }

    private Result cipsendWrite(CommandContext c, Args a) {
        if (ip.multi()) {
            a.expectCount(1, 2);
            int id = a.integer(0, 0, 5);
            int len = a.has(1) ? Args.parseInt(a.param(1).text(), 0, Integer.MAX_VALUE) : -1;
            return ip.cipsend(c, id, len);
        }
        int len = Args.parseInt(a.expectCount(1, 1).param(0).text(), 0, Integer.MAX_VALUE);
        return ip.cipsend(c, 0, len);
    }

    private Result cipsendRead(CommandContext c, Args a) {
        if (!ip.multi()) {
            return info(c, "+CIPSEND: " + TcpIpStack.MAX_SEND);
        }
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (Link l : ip.links) {
            if (l.state == LinkState.CONNECTED) {
                lines.add("+CIPSEND: " + l.id + "," + TcpIpStack.MAX_SEND);
            }
        }
        if (!lines.isEmpty()) {
            c.out().info(lines.toArray(new String[0]));
        }
        return Result.OK;
    }

    private Result cipack(CommandContext c, int id) {
        Link l = ip.links[id];
        if (l.state == LinkState.INITIAL) {
            return Result.notAllowed();
        }
        long acked = l.protocol == Protocol.TCP ? Math.min(l.confirmedBytes, l.txBytes) : 0;
        return info(c, "+CIPACK: " + l.txBytes + "," + acked + "," + (l.txBytes - acked));
    }

    private Result ciprxget(CommandContext c, Args a) {
        int mode = a.integer(0, 0, 4);
        boolean multi = ip.multi();
        switch (mode) {
            case 0, 1 -> {
                a.expectCount(1, 1);
                if (ip.anyLinkBusy() && s().rxget != mode) {
                    return Result.notAllowed();
                }
                s().rxget = mode;
                return Result.OK;
            }
            case 4 -> {
                a.expectCount(multi ? 2 : 1, multi ? 2 : 1);
                return ip.queryBuffered(c, multi ? a.integer(1, 0, 5) : 0);
            }
            default -> {
                int max = mode == 2 ? TcpIpStack.MAX_READ : TcpIpStack.MAX_HEX_READ;
                int base = multi ? 2 : 1;
                a.expectCount(base + 1, base + 1);
                int id = multi ? a.integer(1, 0, 5) : 0;
                return ip.readBuffered(c, id, mode, a.integer(base, 1, max));
            }
        }
    }

    private Result cipscontRead(CommandContext c, Args a) {
        TcpIpSettings v = s();
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

    private CommandSpec.Builder flag(String name, java.util.function.IntSupplier get,
                                     java.util.function.IntConsumer set) {
        return CommandSpec.named(name)
                .test(name + ": (0,1)")
                .read((c, a) -> info(c, name + ": " + get.getAsInt()))
                .write((c, a) -> {
                    set.accept(a.expectCount(1, 1).integer(0, 0, 1));
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
