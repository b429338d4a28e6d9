package dev.sim800emu.modem.apps.ntp;

import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;

/** AT+CNTPCID and AT+CNTP (NTP application note §2; sim800-apps.md §6). */
public final class NtpCommands {
    private NtpCommands() {
    }

    public static void register(CommandTable.Section<?, NtpService> t) {
        t.command("+CNTPCID").test("+CNTPCID: (1-3)")
                .read((s, c, a) -> {
                    c.out().info("+CNTPCID: " + s.cid);
                    return Result.OK;
                })
                .write((s, c, a) -> {
                    s.cid = a.expectCount(1, 1).integer(0, 1, 3);
                    return Result.OK;
                });
        t.command("+CNTP").test("+CNTP: (1-64),(-47-48)")
                .read((s, c, a) -> {
                    c.out().info("+CNTP: \"" + s.server + "\"," + s.zone);
                    return Result.OK;
                })
                .write((s, c, a) -> {
                    a.expectCount(1, 2);
                    String server = a.string(0, 64);
                    int zone = a.has(1) ? zone(a.string(1, 3)) : 0;
                    if (server.isEmpty()) {
                        return Result.ERROR;
                    }
                    s.server = server;
                    s.zone = zone;
                    return Result.OK;
                })
                .exec((s, c, a) -> s.sync());
    }

    /** A time zone in quarter hours, -47..48, with an optional sign. */
    private static int zone(String text) {
        boolean negative = text.startsWith("-");
        String digits = negative || text.startsWith("+") ? text.substring(1) : text;
        int v = dev.sim800emu.modem.at.Args.parseInt(digits, 0, 48);
        if (negative && v > 47) {
            throw new dev.sim800emu.modem.at.BadParameterException("zone out of range");
        }
        return negative ? -v : v;
    }
}
