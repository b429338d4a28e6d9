package dev.sim800emu.modem.apps.ftp;

import dev.sim800emu.modem.fs.FlashStore;

/**
 * The drive's side of AT+FTPGETTOFS and AT+FTPPUTFRMFS (manual §12.2.24, §12.2.25): the file a
 * download is written into as it arrives, or the content an upload sends, and the counts their read
 * forms show. A download that the drive cannot hold ends the session with 85. The RAM-buffer
 * transfers ride on the same path (manual §12.2.20, §12.2.26, §12.2.27): an FTPPUT=1 of a loaded
 * buffer sends it in one piece, and FTPEXTGET=1 downloads into a {@link RamCopy} instead of a file —
 * past 300 KB that too ends with 85.
 */
final class DriveTransfer {
    /** Where AT+FTPGETTOFS=0 saves (the manual's "Disk1:\\user\\ftp"); made when missing. */
    static final String FOLDER = "C:\\User\\ftp";
    /** File-system error (manual §12.2.24–12.2.27). */
    static final int FS_ERROR = 85;

    private final FlashStore store;
    private final String path;
    /** An upload's content; null for a download. */
    private final byte[] content;
    /** FTPEXTGET's copy in RAM, for a download that does not go to the drive; else null. */
    private final RamCopy ram;
    private long received;
    private long written;
    private long acked;
    private boolean opened;

    private DriveTransfer(FlashStore store, String path, byte[] content, RamCopy ram) {
        this.store = store;
        this.path = path;
        this.content = content;
        this.ram = ram;
    }

    /** An upload of bytes held in RAM (FTPEXTPUT mode 1, FTPFILEPUT). */
    static DriveTransfer fromRam(byte[] content) {
        return new DriveTransfer(null, null, content, null);
    }

    /** A download into RAM (FTPEXTGET=1). */
    static DriveTransfer intoRam(RamCopy copy) {
        return new DriveTransfer(null, null, null, copy);
    }

    /** A download into {@link #FOLDER}\\{@code name}, or null when the name cannot be a file there. */
    static DriveTransfer download(FlashStore store, String name) {
        String path = FOLDER + "\\" + name;
        return name.indexOf('\\') < 0 && FlashStore.validFile(path) ? new DriveTransfer(store, path, null, null) : null;
    }

    /** An upload of the file at {@code path}; null when there is no such file. */
    static DriveTransfer upload(FlashStore store, String path) {
        byte[] data = store.readFile(path);
        return data == null ? null : new DriveTransfer(store, path, data.clone(), null);
    }

    byte[] content() {
        return content;
    }

    /**
     * The transfer opened: the download's file is made or emptied ("overwritten", manual) — once,
     * at the 1xx reply or at the first data, which on another connection can overtake that reply.
     */
    boolean open() {
        if (!opened) {
            opened = content != null || ram != null || (store.makeDirectory(FOLDER) && store.writeFile(path, new byte[0], false));
        }
        return opened;
    }

    /** Bytes of a download; false when the drive (or the RAM copy) is full. */
    boolean add(byte[] bytes) {
        received += bytes.length;
        if (!open() || !(ram != null ? ram.add(bytes) : store.writeFile(path, bytes, true))) {
            return false;
        }
        written += bytes.length;
        return true;
    }

    void acked(long total) {
        acked = Math.min(total, content == null ? 0 : content.length);
    }

    /** The length the success URC reports: bytes saved, or bytes sent. */
    long total() {
        return content == null ? written : content.length;
    }

    /** The read form's figures while the transfer runs: {@code <received>,<written>} or {@code <put>}. */
    String progress() {
        return content == null ? received + "," + written : Long.toString(acked);
    }
}
