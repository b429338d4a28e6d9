package dev.sim800emu.modem.apps.ftp;

import java.nio.charset.StandardCharsets;

/** The text of the control dialog: what the modem sends for each {@link FtpStep}, and reading a number reply. */
final class FtpLines {
    private FtpLines() {
    }

    /** The command line for step {@code s} of operation {@code op}, without its CRLF. */
    static String command(FtpStep s, FtpSettings params, FtpOperation op) {
        return switch (s) {
            case AUTH -> "AUTH TLS";
            case PBSZ -> "PBSZ 0";
            case PROT -> "PROT P";
            case USER -> "USER " + (params.get(FtpParam.UN).isEmpty() ? "anonymous" : params.get(FtpParam.UN));
            case PASS -> "PASS " + params.get(FtpParam.PW);
            case TYPE -> "TYPE " + params.get(FtpParam.TYPE);
            case CWD -> "CWD " + params.get(op.path());
            case REST -> "REST " + params.get(FtpParam.REST);
            case STORE -> params.get(FtpParam.PUTOPT).equals("STOU") ? "STOU" : params.get(FtpParam.PUTOPT) + " " + params.get(op.file());
            case RETR, SIZE, DELE -> s.verb + " " + params.get(op.file());
            case MKD, RMD -> s.verb + " " + params.get(FtpParam.GETPATH);
            default -> s.verb;
        };
    }

    static byte[] line(String command) {
        return (command + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static long number(String text) {
        String digits = text.strip();
        int end = 0;
        while (end < digits.length() && end < 18 && Character.isDigit(digits.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Long.parseLong(digits.substring(0, end));
    }
}
