package dev.sim800emu.modem.apps.ftp;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.fs.FlashStore;
import dev.sim800emu.modem.time.ModemClock;

/**
 * The RAM-buffer transfers of one modem (manual §12.2.20, §12.2.26, §12.2.27): the data
 * AT+FTPEXTPUT=2 loads or AT+FTPFILEPUT=1 reads from the drive for the next AT+FTPPUT=1, and the copy
 * AT+FTPEXTGET=1 downloads for =2 (to the drive) and =3 (to the host). An upload buffer is handed to
 * its FTPPUT=1 and dropped here; the download copy lives until FTPEXTGET=0 or =1 again; power off
 * clears all. The choices the manual leaves open are listed in docs/commands.md.
 */
final class RamBuffers {
    private final FtpHost host;
    private final FlashStore store;
    /** AT+FTPEXTPUT's mode: 1 when FTPPUT=1 sends the loaded buffer. */
    private int putMode;
    private RamCopy put;
    /** The serial time limit of a running FTPEXTPUT=2, cancelled with it and by power off. */
    private ModemClock.Timer loading;
    /** The file AT+FTPFILEPUT=1 loaded; null when off. */
    private byte[] filePut;
    /** AT+FTPEXTGET=1 was given (and not undone by =0): the read form shows 1 and the copy's length. */
    private RamCopy got;

    RamBuffers(FtpHost host, FlashStore store) {
        this.host = host;
        this.store = store;
    }

    void clear() {
        if (loading != null) {
            loading.cancel(); // else it could end a later, unrelated payload
            loading = null;
        }
        putMode = 0;
        put = null;
        filePut = null;
        got = null;
    }

    /** FTPEXTPUT=0 or =1. Mode 1 cannot be combined with FTPEXTGET or FTPFILEPUT (manual notes). */
    Result putMode(int mode) {
        if (mode == 1 && (got != null || filePut != null)) {
            return Result.ERROR;
        }
        putMode = mode;
        put = null;
        return Result.OK;
    }

    /** The read form, which the manual does not print: the mode and the bytes loaded. */
    String putStatus() {
        return "+FTPEXTPUT: " + putMode + "," + (put == null ? 0 : put.size());
    }

    /**
     * FTPEXTPUT=2,pos,len,timeout: {@code +FTPEXTPUT: <pos>,<len>}, then {@code len} bytes from the
     * host (no prompt), then OK. When the host stops for {@code timeout} ms, what came is kept.
     */
    Result load(CommandContext ctx, int pos, int len, int timeoutMillis) {
        if (putMode != 1 || pos + len > RamCopy.MAX) {
            return Result.ERROR;
        }
        ctx.out().info("+FTPEXTPUT: " + pos + "," + len);
        if (len == 0) {
            return Result.OK;
        }
        ModemClock.Timer timer = host.clock().schedule(timeoutMillis, host::flushPayload);
        loading = timer;
        host.beginPayload(PayloadSink.fixed(len, data -> {
            timer.cancel();
            loading = null;
            if (putMode == 1 && data.length > 0) {
                if (put == null) {
                    put = new RamCopy();
                }
                put.put(pos, data, data.length);
            }
            ctx.complete(Result.OK);
        }));
        return Result.PENDING;
    }

    /** FTPFILEPUT=1,name (a path, or a name in C:\\User\\ftp): a missing file is error 85. */
    Result filePut(String name) {
        if (putMode == 1) {
            return Result.ERROR;
        }
        byte[] data = store.readFile(name.indexOf('\\') < 0 ? DriveTransfer.FOLDER + "\\" + name : name);
        if (data == null) {
            return Result.cme(DriveTransfer.FS_ERROR);
        }
        if (data.length > RamCopy.MAX) {
            return Result.ERROR;
        }
        filePut = data.clone();
        return Result.OK;
    }

    void filePutOff() {
        filePut = null;
    }

    /** What FTPPUT=1 sends in one piece, taken out of RAM here; null for a normal FTPPUT. */
    DriveTransfer upload() {
        byte[] content = null;
        if (putMode == 1) {
            content = put == null ? new byte[0] : put.all();
            put = null;
        } else if (filePut != null) {
            content = filePut;
            filePut = null;
        }
        return content == null ? null : DriveTransfer.fromRam(content);
    }

    /** FTPEXTGET=1: a fresh copy for the download; null (ERROR) while FTPEXTPUT mode 1 is set. */
    DriveTransfer download() {
        if (putMode == 1) {
            return null;
        }
        got = new RamCopy();
        return DriveTransfer.intoRam(got);
    }

    /** FTPEXTGET=0: the normal FTPGET again; the copy is freed. */
    void getOff() {
        got = null;
    }

    String getStatus() {
        return "+FTPEXTGET: " + (got == null ? "0" : "1," + got.size());
    }

    /** FTPEXTGET=2,name: the copy into C:\\User\\ftp\\name, {@code +FTPEXTGET: 2,<length>}. */
    Result save(CommandContext ctx, String name) {
        if (got == null || name.indexOf('\\') >= 0 || !FlashStore.validFile(DriveTransfer.FOLDER + "\\" + name)) {
            return Result.ERROR;
        }
        byte[] data = got.all();
        if (!store.makeDirectory(DriveTransfer.FOLDER)
                || !store.writeFile(DriveTransfer.FOLDER + "\\" + name, data, false)) {
            return Result.cme(DriveTransfer.FS_ERROR);
        }
        ctx.out().info("+FTPEXTGET: 2," + data.length);
        return Result.OK;
    }

    /** FTPEXTGET=3,pos,len: {@code +FTPEXTGET: 3,<n>}, the n bytes, OK. */
    Result output(CommandContext ctx, int pos, int len) {
        if (got == null) {
            return Result.ERROR;
        }
        byte[] data = got.read(pos, len);
        ctx.out().info("+FTPEXTGET: 3," + data.length);
        ctx.out().raw(data);
        return Result.OK;
    }
}
