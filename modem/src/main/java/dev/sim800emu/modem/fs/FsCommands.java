package dev.sim800emu.modem.fs;

import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import java.util.List;

/**
 * The file-system commands (FS application note §2; sim800-apps.md §3.6). Paths are typed without
 * quotes ({@code AT+FSCREATE=C:\User\ca.crt}); quoted ones are taken too. Every failure is a plain
 * ERROR: a missing file or directory, a name taken, a bad path, a full drive. All test forms answer OK.
 */
public final class FsCommands {
    /** Longest path text taken; a path is names of at most 64 characters, so this is only a bound. */
    private static final int MAX_PATH = 255;

    private FsCommands() {
    }

    public static void register(CommandTable.Section<?, FileSystem> t) {
        // Drive 1 is the SD card, which a SIM800 without one does not have.
        t.command("+FSDRIVE").test("+FSDRIVE: (0-1)").write((fs, c, a) -> {
            if (a.expectCount(1, 1).integer(0, 0, 1) != 0) {
                return Result.ERROR;
            }
            c.out().info("+FSDRIVE: C");
            return Result.OK;
        });
        t.command("+FSMKDIR").test((String) null).write((fs, c, a) -> ok(fs.store().make(path(a), true)));
        t.command("+FSRMDIR").test((String) null).write((fs, c, a) -> ok(fs.store().remove(path(a), true)));
        t.command("+FSCREATE").test((String) null).write((fs, c, a) -> ok(fs.store().make(file(a, 1), false)));
        t.command("+FSDEL").test((String) null).write((fs, c, a) -> ok(fs.store().remove(file(a, 1), false)));
        t.command("+FSRENAME").test((String) null).write((fs, c, a) -> {
            a.expectCount(2, 2);
            return ok(fs.store().rename(fileAt(a, 0), fileAt(a, 1)));
        });
        t.command("+FSLS").test((String) null).write(FsCommands::list);
        t.command("+FSFLSIZE").test((String) null).write((fs, c, a) -> {
            byte[] data = fs.store().content(file(a, 1));
            if (data == null) {
                return Result.ERROR;
            }
            c.out().info("+FSFLSIZE: " + data.length);
            return Result.OK;
        });
        t.command("+FSMEM").test((String) null).exec((fs, c, a) -> {
            c.out().info("+FSMEM: C:" + fs.store().free() + "bytes");
            return Result.OK;
        });
        // <inputtime> in seconds: drivers send 5 to 120; the note gives no range, 1-255 is taken.
        t.command("+FSWRITE").test((String) null).write((fs, c, a) -> {
            FsPath p = file(a, 4);
            return fs.write(c, p, a.integer(1, 0, 1) == 1, a.integer(2, 1, FileSystem.MAX_TRANSFER),
                    a.integer(3, 1, 255));
        });
        t.command("+FSREAD").test((String) null).write(FsCommands::read);
    }

    /** FSLS=dir\ : one line per entry, directories ending in a backslash; an empty directory only OK. */
    private static Result list(FileSystem fs, CommandContext c, Args a) {
        FsPath dir = path(a);
        if (!dir.trailingSlash() || !fs.store().isDirectory(dir)) {
            return Result.ERROR;
        }
        List<String> names = fs.store().list(dir);
        if (!names.isEmpty()) {
            c.out().info(names.toArray(new String[0]));
        }
        return Result.OK;
    }

    /**
     * FSREAD=file,mode,size,position: the bytes between CR LF pairs, no length line (FS note §3);
     * mode 0 reads from the start, 1 from {@code position}; the size is clipped to the file.
     */
    private static Result read(FileSystem fs, CommandContext c, Args a) {
        FsPath p = file(a, 4);
        int mode = a.integer(1, 0, 1);
        int size = a.integer(2, 1, FileSystem.MAX_TRANSFER);
        int position = a.integer(3, 0, Integer.MAX_VALUE);
        byte[] data = fs.store().content(p);
        int from = mode == 0 ? 0 : position;
        if (data == null || from > data.length) {
            return Result.ERROR;
        }
        int n = Math.min(size, data.length - from);
        if (n > 0) {
            c.out().raw("\r\n");
            c.out().raw(data, from, n);
            c.out().raw("\r\n");
        }
        return Result.OK;
    }

    private static Result ok(boolean done) {
        return done ? Result.OK : Result.ERROR;
    }

    /** The one parameter, a path (trailing backslash allowed). */
    private static FsPath path(Args a) {
        a.expectCount(1, 1);
        return parse(a, 0);
    }

    /** Parameter 0 of {@code count} as a file's path: no trailing backslash, not the root. */
    private static FsPath file(Args a, int count) {
        a.expectCount(count, count);
        return fileAt(a, 0);
    }

    private static FsPath fileAt(Args a, int i) {
        FsPath p = parse(a, i);
        if (p.trailingSlash() || p.root()) {
            throw new dev.sim800emu.modem.at.BadParameterException("not a file name");
        }
        return p;
    }

    private static FsPath parse(Args a, int i) {
        FsPath p = FsPath.parse(a.string(i, MAX_PATH));
        if (p == null) {
            throw new dev.sim800emu.modem.at.BadParameterException("not a path on C:");
        }
        return p;
    }
}
