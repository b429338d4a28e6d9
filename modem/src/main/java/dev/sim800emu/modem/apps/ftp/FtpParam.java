package dev.sim800emu.modem.apps.ftp;

import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.BadParameterException;
import java.util.List;
import java.util.Locale;

/**
 * The FTP parameter commands (manual §12.2.1–12.2.13) as data: each is {@code AT+FTP<name>} with its
 * factory value and what it accepts, in the order AT+FTPSCONT? lists them. Text values read back in
 * quotes, numbers bare (sim800-apps.md §4.1 suggests it; no capture shows the read forms).
 */
public enum FtpParam {
    SERV("", 49),
    PORT("21", 1, 65535),
    UN("", 49),
    PW("", 49),
    /** Unconfirmed default; 1 is what every driver sets. */
    CID("1", 1, 3),
    /** 0 active (the suggested default), 1 passive; active transfers end with 76 (docs/commands.md). */
    MODE("0", 0, 1),
    TYPE("I", List.of("A", "I")),
    PUTOPT("STOR", List.of("APPE", "STOU", "STOR")),
    REST("0", 0, Integer.MAX_VALUE),
    GETNAME("", 99),
    GETPATH("", 255),
    PUTNAME("", 99),
    PUTPATH("", 255),
    /**
     * AT+FTPSSL (SSL application note §2.1): 0 plain, 1 implicit FTPS, 2 explicit ({@code AUTH TLS}).
     * Not one of the manual's AT+FTPSCONT lines, and with its own test form: registered apart.
     */
    SSL("0", 0, 2);

    final String factory;
    private final int min;
    private final int max;
    private final List<String> choices;

    FtpParam(String factory, int maxLength) {
        this(factory, -1, maxLength, null);
    }

    FtpParam(String factory, int min, int max) {
        this(factory, min, max, null);
    }

    FtpParam(String factory, List<String> choices) {
        this(factory, -1, 0, choices);
    }

    FtpParam(String factory, int min, int max, List<String> choices) {
        this.factory = factory;
        this.min = min;
        this.max = max;
        this.choices = choices;
    }

    /** Listed by AT+FTPSCONT? and registered with the common forms. */
    boolean common() {
        return this != SSL;
    }

    String command() {
        return "+FTP" + name();
    }

    boolean numeric() {
        return min >= 0;
    }

    /** The value as stored, from the write form's one parameter; throws on a bad one (ERROR). */
    String parse(Args a) {
        a.expectCount(1, 1);
        if (numeric()) {
            return Integer.toString(a.integer(0, min, max));
        }
        if (choices != null) {
            String v = a.string(0, 4).toUpperCase(Locale.ROOT);
            if (!choices.contains(v)) {
                throw new BadParameterException("not one of " + choices);
            }
            return v;
        }
        return a.string(0, max);
    }

    /** How the read form and AT+FTPSCONT? show {@code value}. */
    String shown(String value) {
        return numeric() ? value : "\"" + value + "\"";
    }
}
