package dev.sim800emu.modem.apps.ftp;

import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;

/**
 * The FTP commands (manual chapter 12). Every test form answers a bare OK, as the manual prints
 * them. The extended transfers through the drive (FTPGETTOFS, FTPPUTFRMFS) and through RAM
 * (FTPEXTPUT, FTPEXTGET, FTPFILEPUT: {@link RamBuffers}) are here too.
 */
public final class FtpCommands {
    private FtpCommands() {
    }

    public static void register(CommandTable.Section<?, FtpService> t) {
        for (FtpParam p : FtpParam.values()) {
            if (!p.common()) {
                continue;
            }
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
        // Release 13 has no SSL (as AT+CIPSSL): every form is ERROR there.
        t.command("+FTPSSL")
                .test((s, c, a) -> s.sslFirmware() ? info(c, "+FTPSSL: (0-2)") : Result.ERROR)
                .read((s, c, a) -> s.sslFirmware() ? info(c, "+FTPSSL: " + s.get(FtpParam.SSL)) : Result.ERROR)
                .write((s, c, a) -> {
                    if (!s.sslFirmware()) {
                        return Result.ERROR;
                    }
                    s.set(FtpParam.SSL, FtpParam.SSL.parse(a));
                    return Result.OK;
                });
        t.command("+FTPGET").test((String) null)
                .write((s, c, a) -> transfer(s, c, a, FtpOperation.GET));
        t.command("+FTPLIST").test((String) null)
                .write((s, c, a) -> transfer(s, c, a, FtpOperation.LIST));
        t.command("+FTPPUT").test((String) null)
                .write((s, c, a) -> {
                    int mode = a.expectCount(1, 2).integer(0, 1, 2);
                    if (mode == 1) {
                        a.expectCount(1, 1); // a loaded RAM buffer goes in one piece, and is dropped
                        return s.start(FtpOperation.PUT, s.state() != 0 ? null : s.ram.upload());
                    }
                    return s.write(c, a.expectCount(2, 2).integer(1, 0, FtpService.PUT_MAX));
                });
        t.command("+FTPGETTOFS").test((String) null)
                .read((s, c, a) -> {
                    c.out().info(s.driveStatus(FtpOperation.GETTOFS));
                    return Result.OK;
                })
                .write((s, c, a) -> {
                    a.expectCount(2, 4).integer(0, 0, 0); // 1, the SD card, is absent
                    reconnects(a, 2);
                    DriveTransfer d = DriveTransfer.download(s.store, a.string(1, 64));
                    return d == null ? Result.ERROR : s.start(FtpOperation.GETTOFS, d);
                });
        t.command("+FTPPUTFRMFS").test((String) null)
                .read((s, c, a) -> {
                    c.out().info(s.driveStatus(FtpOperation.PUTFRMFS));
                    return Result.OK;
                })
                .write((s, c, a) -> {
                    a.expectCount(1, 3);
                    reconnects(a, 1);
                    return s.start(FtpOperation.PUTFRMFS, DriveTransfer.upload(s.store, a.string(0, 128)));
                });
        RamCommands.register(t);
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

    private static Result info(dev.sim800emu.modem.at.CommandContext c, String line) {
        c.out().info(line);
        return Result.OK;
    }

    /**
     * The optional {@code <num>,<time>} of the drive transfers (0-255 reconnects, 0-60 s apart):
     * checked, not used — a broken transfer ends with its code at once (docs/commands.md).
     */
    private static void reconnects(dev.sim800emu.modem.at.Args a, int from) {
        if (a.has(from)) {
            a.expectCount(from + 2, from + 2);
            a.integer(from, 0, 255);
            a.integer(from + 1, 0, 60);
        }
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
