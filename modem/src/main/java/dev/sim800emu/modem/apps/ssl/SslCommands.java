package dev.sim800emu.modem.apps.ssl;

import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Handler;
import dev.sim800emu.modem.at.Result;

/**
 * AT+SSLSETCERT and AT+SSLOPT (SSL application note §2.5, §2.6; sim800-apps.md §3.3, §3.4). Like
 * AT+CIPSSL, every form is ERROR on release 13 firmware, which has no SSL.
 */
public final class SslCommands {
    /** Longest file path and password (the test form's figures, sim800-apps.md §3.4). */
    static final int MAX_FILE = 100;
    static final int MAX_PASSWORD = 32;

    private SslCommands() {
    }

    public static void register(CommandTable.Section<?, SslService> t) {
        t.command("+SSLSETCERT")
                .test(ssl((s, c, a) -> {
                    c.out().info("+SSLSETCERT: " + MAX_FILE + "," + MAX_PASSWORD);
                    return Result.OK;
                }))
                .write(ssl((s, c, a) -> {
                    // The password is for protected key files; drivers pass a dummy ("ABC", "1234").
                    a.expectCount(1, 2).string(1, MAX_PASSWORD, "");
                    String file = a.string(0, MAX_FILE);
                    return file.isEmpty() ? Result.ERROR : s.setCertificate(file);
                }));
        t.command("+SSLOPT")
                .test(ssl((s, c, a) -> {
                    c.out().info("+SSLOPT: (0,1),(0,1)");
                    return Result.OK;
                }))
                .read(ssl((s, c, a) -> {
                    c.out().info("+SSLOPT: 0," + (s.ignoreInvalid ? 1 : 0), "+SSLOPT: 1," + (s.clientAuth ? 1 : 0));
                    return Result.OK;
                }))
                .write(ssl((s, c, a) -> {
                    int opt = a.expectCount(2, 2).integer(0, 0, 1);
                    boolean on = a.integer(1, 0, 1) == 1;
                    if (opt == 0) {
                        s.ignoreInvalid = on;
                    } else {
                        s.clientAuth = on;
                    }
                    return Result.OK;
                }));
    }

    private static Handler<SslService> ssl(Handler<SslService> h) {
        return (s, c, a) -> s.sslFirmware() ? h.handle(s, c, a) : Result.ERROR;
    }
}
