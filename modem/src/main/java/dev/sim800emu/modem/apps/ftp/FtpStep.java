package dev.sim800emu.modem.apps.ftp;

import java.util.Set;

/**
 * The steps of the control dialog as data: the command the modem sends (none for the greeting and
 * for the end of a transfer), the server replies that let it go on, and the chip's code for any
 * other reply. A preliminary 1xx reply to RETR, STOR or LIST opens the transfer. Printed into
 * docs/commands.md by FtpDialogDocTest.
 */
enum FtpStep {
    GREETING(null, Set.of(220), FtpCode.SERVER),
    /** Explicit FTPS (FTPSSL=2): {@code AUTH TLS}, then the handshake on the control connection. */
    AUTH("AUTH", Set.of(234), FtpCode.AUTH),
    /** 230 here logs in without a password: PASS is skipped. */
    USER("USER", Set.of(230, 331), FtpCode.USER),
    PASS("PASS", Set.of(230, 202), FtpCode.PASSWORD),
    /** FTPS (RFC 4217): {@code PBSZ 0}, then {@code PROT P}, so that the data connections are TLS too. */
    PBSZ("PBSZ", Set.of(200), FtpCode.PBSZ),
    PROT("PROT", Set.of(200), FtpCode.PROT),
    TYPE("TYPE", Set.of(200), FtpCode.TYPE),
    /** Only when the path is not empty; a missing directory is an operate error. */
    CWD("CWD", Set.of(250, 200), FtpCode.OPERATE),
    /** Only for a GET with AT+FTPREST above 0. */
    REST("REST", Set.of(350), FtpCode.REST),
    /** Then the data connection to the address and port of the 227 reply; it failing is 75 too. */
    PASV("PASV", Set.of(227), FtpCode.PASSIVE),
    RETR("RETR", Set.of(125, 150), FtpCode.OPERATE),
    /** STOR, APPE or STOU, as AT+FTPPUTOPT says. */
    STORE("STOR", Set.of(125, 150), FtpCode.OPERATE),
    LIST("LIST", Set.of(125, 150), FtpCode.OPERATE),
    /** The end of a transfer: the data connection closed and this reply; 426, 451 … fail it. */
    TRANSFER(null, Set.of(226, 250), FtpCode.DOWNLOAD),
    SIZE("SIZE", Set.of(213), FtpCode.OPERATE),
    DELE("DELE", Set.of(250), FtpCode.OPERATE),
    MKD("MKD", Set.of(257), FtpCode.OPERATE),
    RMD("RMD", Set.of(250), FtpCode.OPERATE);

    final String verb;
    final Set<Integer> accepted;
    final int failure;

    FtpStep(String verb, Set<Integer> accepted, int failure) {
        this.verb = verb;
        this.accepted = accepted;
        this.failure = failure;
    }

    /** RETR, STORE and LIST: a 1xx reply starts the transfer. */
    boolean startsTransfer() {
        return this == RETR || this == STORE || this == LIST;
    }
}
