package dev.sim800emu.modem.apps.ftp;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.fs.FlashStore;
import dev.sim800emu.modem.time.ModemClock;

/**
 * The FTP application of one modem (manual chapter 12): the parameters, and at most one session
 * (sim800-apps.md §4.2). A session's outcome is a URC of its operation, {@code +FTPGET: 1,0} or
 * {@code 1,<code>}; a GET or LIST keeps what arrived until the host has read it with {@code =2,<n>},
 * a PUT takes the host's blocks and announces each time the server has acknowledged them.
 */
public final class FtpService {
    /** Most bytes one FTPGET=2 / FTPLIST=2 returns. */
    static final int READ_MAX = 1460;
    /** The {@code <maxlength>} of +FTPPUT: 1,1 (application note V1.02 §3.10). */
    static final int PUT_MAX = 1360;
    /** "75 seconds (in case no response is received from server)" — also the host's turn. */
    static final long TIMEOUT_MILLIS = 75_000;
    /** The repeated +FTPGET: 1,1 while data waits unread (interval unconfirmed). */
    static final long REPEAT_MILLIS = 10_000;
    /** Stop reading the data connection while this much waits for the host. */
    private static final int HIGH_WATER = 64 * 1024;

    private final FtpHost host;
    /** The drive AT+FTPGETTOFS saves to and AT+FTPPUTFRMFS sends from. */
    final FlashStore store;
    /** FTPEXTPUT, FTPEXTGET and FTPFILEPUT's buffers. */
    final RamBuffers ram;
    private FtpSettings params = new FtpSettings();
    private FtpSettings saved = new FtpSettings();
    private boolean unsaved;
    private FtpOperation op;
    private FtpSession session;
    private Download download;
    /** The drive's side of a GETTOFS or PUTFRMFS; null otherwise. */
    private DriveTransfer drive;
    private boolean putReady;
    private boolean putWaiting;
    /** The host is typing an FTPPUT=2 block. */
    private boolean typing;
    private boolean paused;
    private ModemClock.Timer watchdog;
    private ModemClock.Timer repeat;

    public FtpService(FtpHost host, FlashStore store) {
        this.host = host;
        this.store = store;
        this.ram = new RamBuffers(host, store);
    }

    /** Power loss or reset: the session is dropped, the parameters come back from AT+FTPSCONT. */
    public void reset() {
        end();
        ram.clear();
        params = saved.copy();
        unsaved = false;
    }

    boolean sslFirmware() {
        return host.sslFirmware();
    }

    String get(FtpParam p) {
        return params.get(p);
    }

    void set(FtpParam p, String value) {
        params.set(p, value);
        unsaved = true;
    }

    void save() {
        saved = params.copy();
        unsaved = false;
    }

    String[] context() {
        String[] lines = params.lines();
        String[] all = new String[lines.length + 2];
        all[0] = "+FTPSCONT: " + (unsaved ? 1 : 0);
        System.arraycopy(lines, 0, all, 1, lines.length);
        all[all.length - 1] = "+FTPTIMEOUT: " + TIMEOUT_MILLIS / 1000;
        return all;
    }

    /** AT+FTPSTATE: 1 while a session runs, or its data waits to be read. */
    int state() {
        return op == null ? 0 : 1;
    }

    /** The read form of FTPGETTOFS / FTPPUTFRMFS: 0 idle, or 1 and the transfer's figures. */
    String driveStatus(FtpOperation which) {
        return which.urc + ": " + (op == which && drive != null ? "1," + drive.progress() : "0");
    }

    /** FTPGET=1, FTPPUT=1, FTPSIZE …: OK now, the outcome as the operation's URC. */
    Result start(FtpOperation next) {
        return start(next, null);
    }

    /** With the drive's (or RAM's) side of the transfer; a drive operation without one ends with 85. */
    Result start(FtpOperation next, DriveTransfer transfer) {
        if (op != null) {
            urc(next, FtpCode.NOT_ALLOWED);
            return Result.OK;
        }
        if (!host.bearerOpen(params.number(FtpParam.CID))) {
            urc(next, FtpCode.NET);
            return Result.OK;
        }
        if (next.drive() && transfer == null) {
            urc(next, DriveTransfer.FS_ERROR);
            return Result.OK;
        }
        boolean namesFile = next.action == FtpStep.RETR || next == FtpOperation.SIZE
                || next == FtpOperation.DELE || (next.uploads() && !params.get(FtpParam.PUTOPT).equals("STOU"));
        if (namesFile && params.get(next.file()).isEmpty()) {
            urc(next, FtpCode.TIMEOUT); // the application note's answer to an empty name (§3.13)
            return Result.OK;
        }
        op = next;
        drive = transfer;
        download = next.transfers() && !next.uploads() && transfer == null ? new Download() : null;
        session = new FtpSession(host, params.copy(), next, new SessionEvents(next));
        arm();
        session.begin();
        return Result.OK;
    }

    /** FTPGET=2,n / FTPLIST=2,n: {@code +FTPGET: 2,<n>}, the bytes, OK; ERROR before the first notice. */
    Result read(FtpOperation which, CommandContext ctx, int max) {
        if (op != which || download == null || !download.readable) {
            return Result.ERROR;
        }
        byte[] bytes = download.take(max);
        ctx.out().info(which.urc + ": 2," + bytes.length);
        ctx.out().raw(bytes);
        if (bytes.length == 0) {
            download.announced = false;
        }
        arm();
        stopRepeat();
        if (download.size() > 0) {
            repeat = host.clock().schedule(REPEAT_MILLIS, this::repeatNotice);
        } else if (download.complete) {
            finish(FtpCode.DONE, null);
            return Result.OK;
        }
        if (paused && session != null && download.size() < HIGH_WATER / 2) {
            paused = false;
            session.reading(true);
        }
        return Result.OK;
    }

    /** FTPPUT=2,n: the prompt line, n bytes from the host, OK; FTPPUT=2,0 closes the upload. */
    Result write(CommandContext ctx, int length) {
        if (op != FtpOperation.PUT || !putReady) {
            return Result.ERROR;
        }
        putReady = false;
        FtpSession target = session;
        if (length == 0) {
            target.endUpload();
            return Result.OK;
        }
        ctx.out().info("+FTPPUT: 2," + length);
        typing = true;
        boolean ascii = params.get(FtpParam.TYPE).equals("A");
        host.beginPayload(PayloadSink.fixed(length, data -> {
            typing = false;
            if (session == target) {
                if (ascii) {
                    for (int i = 0; i < data.length; i++) {
                        data[i] &= 0x7F; // ASCII sessions send 7-bit characters (manual §12.2.3)
                    }
                }
                putWaiting = true;
                arm();
                target.upload(data);
            }
            ctx.complete(Result.OK);
        }));
        return Result.PENDING;
    }

    /** AT+FTPQUIT: OK; a running operation ends with code 86. */
    Result quit() {
        if (op != null) {
            finish(FtpCode.QUIT, null);
        }
        return Result.OK;
    }

    private void repeatNotice() {
        if (download != null && download.size() > 0) {
            urc(op, 1);
            repeat = host.clock().schedule(REPEAT_MILLIS, this::repeatNotice);
        }
    }

    /** The time limit: no reply, no data, no host action for 75 s. */
    private void arm() {
        if (watchdog != null) {
            watchdog.cancel();
        }
        watchdog = host.clock().schedule(TIMEOUT_MILLIS, () -> {
            if (typing) {
                host.flushPayload(); // a host that stopped typing: what it sent goes, then the session ends
            }
            finish(FtpCode.TIMEOUT, null);
        });
    }

    private void stopRepeat() {
        if (repeat != null) {
            repeat.cancel();
            repeat = null;
        }
    }

    /** Ends the operation with {@code code} (and the size, for FTPSIZE). */
    private void finish(int code, Long size) {
        FtpOperation done = op;
        DriveTransfer transfer = drive;
        end();
        if (transfer != null && code == FtpCode.DONE && done.drive()) {
            host.urc(w -> w.text(done.urc + ": 0," + transfer.total()));
        } else if (size != null) {
            host.urc(w -> w.text(done.urc + ": 1,0," + size));
        } else {
            urc(done, code);
        }
    }

    private void end() {
        if (session != null) {
            session.cancel();
        }
        if (watchdog != null) {
            watchdog.cancel();
        }
        stopRepeat();
        op = null;
        session = null;
        download = null;
        drive = null;
        putReady = false;
        putWaiting = false;
        paused = false;
    }

    private void urc(FtpOperation which, int code) {
        host.urc(w -> w.text(which.outcome(code)));
    }

    /** A drive transfer opened: the download's file is made, or the upload's content goes in one piece. */
    private void toDrive() {
        if (!drive.open()) {
            finish(DriveTransfer.FS_ERROR, null);
            return;
        }
        byte[] content = drive.content();
        if (content != null) {
            if (params.get(FtpParam.TYPE).equals("A")) {
                content = content.clone();
                for (int i = 0; i < content.length; i++) {
                    content[i] &= 0x7F; // as FTPPUT's blocks in an ASCII session (manual §12.2.3)
                }
            }
            session.upload(content);
            session.endUpload();
        }
    }

    /** The session's events, ignored once it is no longer the running one. */
    private final class SessionEvents implements FtpSession.Events {
        private final FtpOperation mine;
        private long size;

        SessionEvents(FtpOperation mine) {
            this.mine = mine;
        }

        private boolean live() {
            return op == mine && session != null;
        }

        @Override
        public void progress() {
            if (live()) {
                arm();
            }
        }

        @Override
        public void opened() {
            if (live() && drive != null) {
                toDrive();
            } else if (live() && mine == FtpOperation.PUT) {
                putReady = true;
                host.urc(w -> w.text("+FTPPUT: 1,1," + PUT_MAX));
            }
        }

        @Override
        public void data(byte[] bytes) {
            if (!live() || bytes.length == 0) {
                return;
            }
            if (drive != null) {
                if (!drive.add(bytes)) {
                    finish(DriveTransfer.FS_ERROR, null);
                }
                return;
            }
            download.add(bytes);
            if (!download.announced) {
                download.announced = true;
                download.readable = true;
                urc(mine, 1);
                stopRepeat();
                repeat = host.clock().schedule(REPEAT_MILLIS, FtpService.this::repeatNotice);
            }
            if (!paused && download.size() >= HIGH_WATER) {
                paused = true;
                session.reading(false);
            }
        }

        @Override
        public void acked(long total) {
            if (live() && drive != null) {
                drive.acked(total);
            } else if (live() && putWaiting) {
                putWaiting = false;
                putReady = true;
                host.urc(w -> w.text("+FTPPUT: 1,1," + PUT_MAX));
            }
        }

        @Override
        public void size(long n) {
            size = n;
        }

        @Override
        public void done() {
            if (!live()) {
                return;
            }
            if (download != null && download.size() > 0) {
                download.complete = true; // the last notice comes when the host has read it all
                session = null;
                return;
            }
            finish(FtpCode.DONE, mine == FtpOperation.SIZE ? size : null);
        }

        @Override
        public void failed(int code) {
            if (live()) {
                session = null;
                finish(code, null);
            }
        }
    }
}
