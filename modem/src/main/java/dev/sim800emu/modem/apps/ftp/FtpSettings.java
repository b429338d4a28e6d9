package dev.sim800emu.modem.apps.ftp;

import java.util.EnumMap;
import java.util.Map;

/** One set of FTP parameters: the running one, or the one AT+FTPSCONT saved. */
final class FtpSettings {
    private final Map<FtpParam, String> values = new EnumMap<>(FtpParam.class);

    FtpSettings() {
        for (FtpParam p : FtpParam.values()) {
            values.put(p, p.factory);
        }
    }

    FtpSettings copy() {
        FtpSettings c = new FtpSettings();
        c.values.putAll(values);
        return c;
    }

    String get(FtpParam p) {
        return values.get(p);
    }

    int number(FtpParam p) {
        return Integer.parseInt(values.get(p));
    }

    void set(FtpParam p, String value) {
        values.put(p, value);
    }

    /** {@code +FTPSERV: "x"} … in the manual's order (AT+FTPSCONT?). */
    String[] lines() {
        return values.entrySet().stream().filter(e -> e.getKey().common())
                .map(e -> e.getKey().command() + ": " + e.getKey().shown(e.getValue()))
                .toArray(String[]::new);
    }
}
