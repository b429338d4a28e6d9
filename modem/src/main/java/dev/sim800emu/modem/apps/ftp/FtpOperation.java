package dev.sim800emu.modem.apps.ftp;

import java.util.ArrayList;
import java.util.List;

/**
 * What one FTP session does (sim800-apps.md §4.2: each operation opens the control connection,
 * logs in, works and closes), the URC that reports it, and its dialog as a list of {@link FtpStep}s.
 */
enum FtpOperation {
    GET("+FTPGET", FtpStep.RETR, FtpCode.DOWNLOAD),
    PUT("+FTPPUT", FtpStep.STORE, FtpCode.UPLOAD),
    LIST("+FTPLIST", FtpStep.LIST, FtpCode.DOWNLOAD),
    SIZE("+FTPSIZE", FtpStep.SIZE, FtpCode.OPERATE),
    DELE("+FTPDELE", FtpStep.DELE, FtpCode.OPERATE),
    MKD("+FTPMKD", FtpStep.MKD, FtpCode.OPERATE),
    RMD("+FTPRMD", FtpStep.RMD, FtpCode.OPERATE),
    /** A GET into a file on the drive (manual §12.2.24): {@code +FTPGETTOFS: 0,<length>} or {@code <error>}. */
    GETTOFS("+FTPGETTOFS", FtpStep.RETR, FtpCode.DOWNLOAD),
    /** A PUT of a file from the drive (manual §12.2.25): {@code +FTPPUTFRMFS: 0,<length>} or {@code <error>}. */
    PUTFRMFS("+FTPPUTFRMFS", FtpStep.STORE, FtpCode.UPLOAD),
    /** A GET into RAM (manual §12.2.26): {@code +FTPEXTGET: 1,0} or {@code 1,<error>}. */
    EXTGET("+FTPEXTGET", FtpStep.RETR, FtpCode.DOWNLOAD);

    final String urc;
    final FtpStep action;
    /** The code when the transfer breaks off (a 426 reply, the control connection lost). */
    final int transferFailure;

    FtpOperation(String urc, FtpStep action, int transferFailure) {
        this.urc = urc;
        this.action = action;
        this.transferFailure = transferFailure;
    }

    boolean transfers() {
        return action.startsTransfer();
    }

    /** PUT and PUTFRMFS: the data goes to the server. */
    boolean uploads() {
        return action == FtpStep.STORE;
    }

    /** GETTOFS and PUTFRMFS: the other end of the transfer is a file on the drive. */
    boolean drive() {
        return this == GETTOFS || this == PUTFRMFS;
    }

    /** The outcome URC's text after the prefix: {@code 1,<code>}, for the drive's transfers {@code <code>}. */
    String outcome(int code) {
        return urc + ": " + (drive() ? "" : "1,") + code;
    }

    /** The directory this operation changes to first: PUTPATH for uploads, GETPATH otherwise. */
    FtpParam path() {
        return uploads() ? FtpParam.PUTPATH : FtpParam.GETPATH;
    }

    /** The file it names: PUTNAME for uploads, GETNAME otherwise. */
    FtpParam file() {
        return uploads() ? FtpParam.PUTNAME : FtpParam.GETNAME;
    }

    /** The dialog for these settings. MKD and RMD name the path itself and change to no directory. */
    List<FtpStep> plan(FtpSettings p) {
        int ssl = p.number(FtpParam.SSL);
        List<FtpStep> steps = new ArrayList<>(List.of(FtpStep.GREETING));
        if (ssl == 2) {
            steps.add(FtpStep.AUTH);
        }
        steps.addAll(List.of(FtpStep.USER, FtpStep.PASS));
        if (ssl != 0) {
            steps.addAll(List.of(FtpStep.PBSZ, FtpStep.PROT));
        }
        steps.add(FtpStep.TYPE);
        if (this != MKD && this != RMD && !p.get(path()).isEmpty()) {
            steps.add(FtpStep.CWD);
        }
        if (this == GET && p.number(FtpParam.REST) > 0) {
            steps.add(FtpStep.REST);
        }
        if (transfers()) {
            steps.add(FtpStep.PASV);
        }
        steps.add(action);
        if (transfers()) {
            steps.add(FtpStep.TRANSFER);
        }
        return steps;
    }
}
