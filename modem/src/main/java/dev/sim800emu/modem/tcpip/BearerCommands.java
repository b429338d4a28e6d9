package dev.sim800emu.modem.tcpip;

import static dev.sim800emu.modem.tcpip.TcpIpCommands.dotted;
import static dev.sim800emu.modem.tcpip.TcpIpCommands.info;

import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;

/** The PDP context and name commands: CSTT, CIICR, CIFSR, CIPSHUT, CIPSGTXT, CDNSCFG, CDNSGIP. */
final class BearerCommands {
    private BearerCommands() {
    }

    static void register(CommandTable.Section<?, TcpIpStack> t) {
        cstt(t);
        t.command("+CIICR").test((String) null).exec((ip, c, a) -> ip.contexts.ciicr(c));
        t.command("+CIFSR").test((String) null).exec((ip, c, a) -> ip.contexts.cifsr(c));
        t.command("+CIPSHUT").test((String) null).exec((ip, c, a) -> ip.cipshut());
        t.command("+CIPSGTXT")
                .test("+CIPSGTXT: (0,1)")
                .write((ip, c, a) -> ip.contexts.select(a.expectCount(1, 1).integer(0, 0, 1)));
        cdnscfg(t);
        t.command("+CDNSGIP")
                .test((String) null)
                .write((ip, c, a) -> {
                    String name = a.expectCount(1, 1).string(0, 255);
                    return name.isEmpty() ? Result.ERROR : ip.names.cdnsgip(name);
                });
    }

    /** AT+CSTT: the APN of the current context; the execute form takes the stored one. */
    private static void cstt(CommandTable.Section<?, TcpIpStack> t) {
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
                .exec((ip, c, a) -> {
                    TcpIpSettings s = ip.settings();
                    return ip.contexts.cstt(s.get(TextSetting.APN), s.get(TextSetting.USER), s.get(TextSetting.PASSWORD));
                });
    }

    /** AT+CDNSCFG: the DNS servers (stored and shown; lookups use the emulator's resolver). */
    private static void cdnscfg(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CDNSCFG")
                .test("+CDNSCFG: (\"Primary DNS\"),(\"Secondary DNS\")")
                .read((ip, c, a) -> {
                    TcpIpSettings s = ip.settings();
                    c.out().info("PrimaryDns: " + s.get(TextSetting.DNS_PRIMARY),
                            "SecondaryDns: " + s.get(TextSetting.DNS_SECONDARY));
                    return Result.OK;
                })
                .write((ip, c, a) -> {
                    a.expectCount(1, 2);
                    TcpIpSettings s = ip.settings();
                    String primary = dotted(a.string(0, 15));
                    String secondary = a.has(1) ? dotted(a.string(1, 15)) : s.get(TextSetting.DNS_SECONDARY);
                    s.set(TextSetting.DNS_PRIMARY, primary);
                    s.set(TextSetting.DNS_SECONDARY, secondary);
                    return Result.OK;
                });
    }
}
