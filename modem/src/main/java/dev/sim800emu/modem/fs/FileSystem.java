package dev.sim800emu.modem.fs;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.time.ModemClock;

/**
 * The file system of one modem (FS application note §2): the flash drive and FSWRITE's data input.
 * The drive survives power cycles; only a write in progress is lost.
 */
public final class FileSystem {
    /** Most bytes one FSWRITE or FSREAD moves (FS note §2.3, §2.4). */
    static final int MAX_TRANSFER = 10_240;
    /** Text the chip prints when FSWRITE's data did not all arrive in time (FS note §2.3). */
    static final String TIME_OUT = "TimeOut";

    private final FsHost host;
    private final FlashStore store = new FlashStore();
    private ModemClock.Timer writeLimit;

    public FileSystem(FsHost host) {
        this.host = host;
    }

    public FlashStore store() {
        return store;
    }

    /** Power loss or reset: a write waiting for its data is dropped; the files stay. */
    public void reset() {
        if (writeLimit != null) {
            writeLimit.cancel();
            writeLimit = null;
        }
    }

    /**
     * FSWRITE: the prompt, then exactly {@code size} bytes within {@code seconds}; OK once they are
     * in the file, ERROR at once when the file is missing or the drive would not hold the result,
     * {@code TimeOut} (the file unchanged) when the data stops short.
     */
    Result write(CommandContext ctx, FsPath file, boolean append, int size, int seconds) {
        byte[] old = store.content(file);
        if (old == null || file.trailingSlash()) {
            return Result.ERROR;
        }
        if ((append ? size : size - old.length) > store.free()) {
            return Result.ERROR;
        }
        writeLimit = host.clock().schedule(seconds * 1000L, host::flushPayload);
        host.beginPayload(PayloadSink.fixed(size, data -> {
            reset();
            if (data.length < size) {
                ctx.complete(Result.text(TIME_OUT));
            } else {
                ctx.complete(store.write(file, data, append) ? Result.OK : Result.ERROR);
            }
        }));
        ctx.out().prompt();
        return Result.PENDING;
    }
}
