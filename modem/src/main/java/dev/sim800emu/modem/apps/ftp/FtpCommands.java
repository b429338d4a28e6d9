package dev.sim800emu.modem.apps.ftp;

import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;

/**
 * The FTP commands (manual chapter 12). Every test form answers a bare OK, as the manual prints
 * them. The extended transfers (FTPEXTPUT, FTPEXTGET, FTPGETTOFS, FTPPUTFRMFS, FTPFILEPUT) are not
 * offered: they need the file system.
 */
public final class FtpCommands {
    private FtpCommands() {
    }

    public static void register(CommandTable.Section<?, FtpService> t) {
        for (FtpParam p : FtpParam.values()) {
            t.command(p.command()).test((String) null)
                    .read((s, c, a) -> {
                        c.out().info(p.command() + ": " + p.shown(s.get(p)));
                        return Result.OK;
                    })
                    .write((s, c, a) -> {
                        s.set(p, p.parse(a));
                        return Result.OK;
                    });
        }
        t.command("+FTPGET").test((String) null)
                .write((s, c, a) -> transfer(s, c, a, FtpOperation.GET));
        t.command("+FTPLIST").test((String) null)
                .write((s, c, a) -> transfer(s, c, a, FtpOperation.LIST));
        t.command("+FTPPUT").test((String) null)
                .write((s, c, a) -> {
                    int mode = a.expectCount(1, 2).integer(0, 1, 2);
                    if (mode == 1) {
                        a.expectCount(1, 1);
                        return s.start(FtpOperation.PUT);
                    }
                    return s.write(c, a.expectCount(2, 2).integer(1, 0, FtpService.PUT_MAX));
                });
        t.command("+FTPSIZE").test((String) null).exec((s, c, a) -> s.start(FtpOperation.SIZE));
        t.command("+FTPDELE").test((String) null).exec((s, c, a) -> s.start(FtpOperation.DELE));
        t.command("+FTPMKD").test((String) null).exec((s, c, a) -> s.start(FtpOperation.MKD));
        t.command("+FTPRMD").test((String) null).exec((s, c, a) -> s.start(FtpOperation.RMD));
        t.command("+FTPQUIT").test((String) null).exec((s, c, a) -> s.quit());
        t.command("+FTPSTATE").test((String) null).exec((s, c, a) -> {
            c.out().info("+FTPSTATE: " + s.state());
            return Result.OK;
        });
        t.command("+FTPSCONT").test((String) null)
                .read((s, c, a) -> {
                    c.out().info(s.context());
                    return Result.OK;
                })
                .exec((s, c, a) -> {
                    s.save();
                    return Result.OK;
                });
    }

    /** FTPGET / FTPLIST: =1 opens the session, =2,<n> reads up to n (1-1460) bytes. */
    private static Result transfer(FtpService s, dev.sim800emu.modem.at.CommandContext c,
                                   dev.sim800emu.modem.at.Args a, FtpOperation op) {
        int mode = a.expectCount(1, 2).integer(0, 1, 2);
        if (mode == 1) {
            a.expectCount(1, 1);
            return s.start(op);
        }
        return s.read(op, c, a.expectCount(2, 2).integer(1, 1, FtpService.READ_MAX));
    }
}
