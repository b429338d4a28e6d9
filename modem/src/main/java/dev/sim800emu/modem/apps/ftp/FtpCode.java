package dev.sim800emu.modem.apps.ftp;

/**
 * The chip's FTP result codes (manual §12.2.14, sim800-apps.md §4.8) and what the emulator reports
 * each for. Which code a given server answer produces is not documented beyond the names; the
 * choices are listed in docs/commands.md.
 */
final class FtpCode {
    static final int DONE = 0;
    static final int NET = 61;
    static final int DNS = 62;
    static final int CONNECT = 63;
    static final int TIMEOUT = 64;
    static final int SERVER = 65;
    static final int NOT_ALLOWED = 66;
    static final int USER = 71;
    static final int PASSWORD = 72;
    static final int TYPE = 73;
    static final int REST = 74;
    static final int PASSIVE = 75;
    static final int ACTIVE = 76;
    static final int OPERATE = 77;
    static final int UPLOAD = 78;
    static final int DOWNLOAD = 79;
    /** FTPS (SSL application note §2.3): the TLS handshake failed on this side (a certificate not trusted, no answer). */
    static final int SSL_CHANNEL = 80;
    /** FTPS: the server ended the handshake with a fatal alert (a version it will not speak). */
    static final int SSL_ALERT = 81;
    static final int AUTH = 82;
    static final int PBSZ = 83;
    static final int PROT = 84;
    static final int QUIT = 86;

    private FtpCode() {
    }
}
