package dev.sim800emu.modem.apps.ftp;

import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;

/**
 * AT+FTPEXTPUT, AT+FTPEXTGET and AT+FTPFILEPUT (manual §12.2.20, §12.2.26, §12.2.27): the syntax and
 * ranges; the buffers themselves are {@link RamBuffers}.
 */
final class RamCommands {
    private RamCommands() {
    }

    static void register(CommandTable.Section<?, FtpService> t) {
        t.command("+FTPEXTPUT").test((String) null)
                .read((s, c, a) -> {
                    c.out().info(s.ram.putStatus());
                    return Result.OK;
                })
                .write((s, c, a) -> {
                    int mode = a.expectCount(1, 4).integer(0, 0, 2);
                    if (mode != 2) {
                        a.expectCount(1, 1);
                        return s.ram.putMode(mode);
                    }
                    a.expectCount(4, 4);
                    return s.ram.load(c, a.integer(1, 0, RamCopy.MAX), a.integer(2, 0, RamCopy.MAX),
                            a.integer(3, 1000, 1_000_000));
                });
        t.command("+FTPEXTGET").test((String) null)
                .read((s, c, a) -> {
                    c.out().info(s.ram.getStatus());
                    return Result.OK;
                })
                .write((s, c, a) -> {
                    int mode = a.expectCount(1, 3).integer(0, 0, 3);
                    switch (mode) {
                        case 0 -> {
                            a.expectCount(1, 1);
                            s.ram.getOff();
                            return Result.OK;
                        }
                        case 1 -> {
                            a.expectCount(1, 1);
                            if (s.state() != 0) {
                                return s.start(FtpOperation.EXTGET, null); // 66, the copy kept
                            }
                            DriveTransfer d = s.ram.download();
                            return d == null ? Result.ERROR : s.start(FtpOperation.EXTGET, d);
                        }
                        case 2 -> {
                            return s.ram.save(c, a.expectCount(2, 2).string(1, 64));
                        }
                        default -> {
                            a.expectCount(3, 3);
                            return s.ram.output(c, a.integer(1, 0, RamCopy.MAX), a.integer(2, 1, RamCopy.MAX));
                        }
                    }
                });
        t.command("+FTPFILEPUT").test((String) null)
                .write((s, c, a) -> {
                    int mode = a.expectCount(1, 2).integer(0, 0, 1);
                    if (mode == 0) {
                        a.expectCount(1, 1);
                        s.ram.filePutOff();
                        return Result.OK;
                    }
                    return s.ram.filePut(a.expectCount(2, 2).string(1, 64));
                });
    }
}
