package dev.sim800emu.modem.tcpip;

import static dev.sim800emu.modem.tcpip.TcpIpCommands.info;

import dev.sim800emu.modem.at.CommandSpec;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * The setting commands. Most are plain ({@link #plain}): test, read and write come from the
 * {@link TcpIpSetting} entry. The rest add a rule to the write (CIPMUX, CIPMODE, CIPSSL) or have
 * text fields (CIPCSGP); AT+CIPSCONT saves and lists them.
 */
final class SettingCommands {
    private static final TcpIpSetting[] PLAIN = {
        TcpIpSetting.QSEND, TcpIpSetting.HEAD, TcpIpSetting.SRIP, TcpIpSetting.SHOWTP, TcpIpSetting.SPRT,
        TcpIpSetting.ATS, TcpIpSetting.TKA, TcpIpSetting.RDTIMER, TcpIpSetting.DPDP, TcpIpSetting.CCFG};

    private SettingCommands() {
    }

    static void register(CommandTable.Section<?, TcpIpStack> t) {
        for (TcpIpSetting k : PLAIN) {
            plain(t, k);
        }
        // Transparent mode exists only with one connection (note §4), so each excludes the other.
        guarded(t, TcpIpSetting.MUX, Permissions.Op.CIPMUX, TcpIpSetting.MODE).test(TcpIpSetting.MUX.testText());
        guarded(t, TcpIpSetting.MODE, Permissions.Op.CIPMODE, TcpIpSetting.MUX)
                .test("+CIPMODE: (0-NORMAL MODE,1-TRANSPARENT MODE)");
        cipssl(t);
        cipcsgp(t);
        cipscont(t);
    }

    /** A setting with nothing to it but its entry. */
    private static CommandSpec.Builder<TcpIpStack> plain(CommandTable.Section<?, TcpIpStack> t, TcpIpSetting k) {
        return t.command(k.command)
                .test(k.testText())
                .read((ip, c, a) -> info(c, k.readText(ip.settings())))
                .write((ip, c, a) -> {
                    ip.settings().set(k, k.parse(a, ip.settings()));
                    return Result.OK;
                });
    }

    /** CIPMUX and CIPMODE: only in the states {@code op} allows, and 1 only while {@code other} is 0. */
    private static CommandSpec.Builder<TcpIpStack> guarded(CommandTable.Section<?, TcpIpStack> t, TcpIpSetting k,
                                                         Permissions.Op op, TcpIpSetting other) {
        return t.command(k.command)
                .read((ip, c, a) -> info(c, k.readText(ip.settings())))
                .write((ip, c, a) -> {
                    int v = k.parse(a, ip.settings())[0];
                    if (!ip.allowed(op) || (v == 1 && ip.settings().get(other) == 1)) {
                        return Result.notAllowed();
                    }
                    ip.settings().set(k, v);
                    return Result.OK;
                });
    }

    private static void cipssl(CommandTable.Section<?, TcpIpStack> t) {
        TcpIpSetting k = TcpIpSetting.SSL;
        // Release 13 has no SSL: AT+CIPSSL=? is ERROR on SIM800 R13.08 (TinyGSM #235), and so is every form here.
        t.command(k.command)
                .test((ip, c, a) -> ip.host.config().identity().r13() ? Result.ERROR : info(c, k.testText()))
                .read((ip, c, a) -> ip.host.config().identity().r13() ? Result.ERROR : info(c, k.readText(ip.settings())))
                .write((ip, c, a) -> {
                    if (ip.host.config().identity().r13()) {
                        return Result.ERROR; // R13 firmware has no SSL (TinyGSM issue 235)
                    }
                    // Applies to the next CIPSTART (Connections), in any state.
                    ip.settings().set(k, k.parse(a, ip.settings())[0]);
                    return Result.OK;
                });
    }

    /** AT+CIPCSGP: GPRS (1) with APN, user and password, or CSD (0, accepted and not used). */
    private static void cipcsgp(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CIPCSGP")
                .test((ip, c, a) -> {
                    c.out().info("+CIPCSGP:0-CSD,DIALNUMBER,USER NAME,PASSWORD,RATE(0-3)",
                            "+CIPCSGP: 1-GPRS,APN,USER NAME,PASSWORD");
                    return Result.OK;
                })
                .read((ip, c, a) -> info(c, TcpIpSetting.CSGP.readText(ip.settings())))
                .write((ip, c, a) -> {
                    TcpIpSettings s = ip.settings();
                    int mode = a.integer(0, 0, 1);
                    if (mode == 1) {
                        a.expectCount(1, 4);
                        s.set(TextSetting.APN, a.string(1, 50, s.get(TextSetting.APN)));
                        s.set(TextSetting.USER, a.string(2, 50, s.get(TextSetting.USER)));
                        s.set(TextSetting.PASSWORD, a.string(3, 50, s.get(TextSetting.PASSWORD)));
                    } else {
                        a.expectCount(1, 5);
                        a.integer(4, 0, 3, 0);
                    }
                    s.set(TcpIpSetting.CSGP, mode);
                    return Result.OK;
                });
    }

    /** AT+CIPSCONT saves the settings marked saved; the read form lists them (0: all saved). */
    private static void cipscont(CommandTable.Section<?, TcpIpStack> t) {
        t.command("+CIPSCONT")
                .read((ip, c, a) -> {
                    TcpIpSettings s = ip.settings();
                    List<String> lines = new ArrayList<>();
                    lines.add("+CIPSCONT: " + (ip.settingsSaved() ? 0 : 1));
                    for (TcpIpSetting k : TcpIpSetting.values()) {
                        if (k.saved) {
                            lines.addAll(List.of(k.savedText(s)));
                        }
                    }
                    c.out().info(lines.toArray(new String[0]));
                    return Result.OK;
                })
                .exec((ip, c, a) -> {
                    ip.saveSettings();
                    return Result.OK;
                });
    }
}
