package dev.sim800emu.modem.sms;

import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CmeError;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.radio.SmsSettings;

/**
 * SMS settings (27.005 as SIM800 implements it, manual §4.2, reference §2.2–2.7): message format
 * (+CMGF), character set (+CSCS), text-mode parameters (+CSMP, +CSDH), service centre (+CSCA),
 * indications (+CNMI), service (+CSMS), profiles (+CSAS, +CRES) and +CMGHEX. Storage commands are
 * in {@link SmsStoreCommands}, sending in {@link SmsSendCommands}.
 */
public final class SmsCommands {
    private SmsCommands() {
    }

    static SmsSettings s(SmsHost modem) {
        return modem.radio().sms();
    }

    /** Registers every SMS command into {@code t}. */
    public static <H extends SmsHost> void register(CommandTable.Section<?, H> t) {
        settings(t);
        SmsStoreCommands.register(t);
        SmsSendCommands.register(t);
    }

    private static <H extends SmsHost> void settings(CommandTable.Section<?, H> t) {
        t.command("+CMGF")
                .test("+CMGF: (0,1)")
                .read((modem, c, a) -> info(c, "+CMGF: " + (s(modem).textMode ? 1 : 0)))
                .write((modem, c, a) -> {
                    // "AT+CMGF=" with the value left out is 27.005's default, PDU.
                    s(modem).textMode = a.expectCount(1, 1).integer(0, 0, 1, 0) == 1;
                    return Result.OK;
                });
        t.command("+CSCS")
                .test("+CSCS: (\"IRA\",\"GSM\",\"UCS2\",\"HEX\",\"PCCP\",\"PCDN\",\"8859-1\")")
                .read((modem, c, a) -> info(c, "+CSCS: \"" + s(modem).charset + "\""))
                .write((modem, c, a) -> {
                    String name = a.expectCount(1, 1).string(0, 10);
                    if (!TeCharset.NAMES.contains(name)) {
                        // Manual §19.1: AT+CSCS="TEST" → +CME ERROR: invalid input value.
                        return Result.cme(765);
                    }
                    s(modem).charset = name;
                    return Result.OK;
                });
        t.command("+CSDH")
                .test("+CSDH: (0,1)")
                .read((modem, c, a) -> info(c, "+CSDH: " + (s(modem).showHeader ? 1 : 0)))
                .write((modem, c, a) -> {
                    s(modem).showHeader = a.expectCount(1, 1).integer(0, 0, 1, 0) == 1;
                    return Result.OK;
                })
                .exec((modem, c, a) -> {
                    s(modem).showHeader = false;
                    return Result.OK;
                });
        t.command("+CSMP")
                .test("+CSMP: (0-255),(0-255),(0-255),(0-255)")
                .read((modem, c, a) -> {
                    SmsSettings s = s(modem);
                    return info(c, "+CSMP: " + s.fo + "," + s.vp + "," + s.pid + "," + s.dcs);
                })
                .write((modem, c, a) -> {
                    SmsSettings s = s(modem);
                    a.expectCount(1, 4);
                    int fo = a.integer(0, 0, 255, s.fo);
                    int vp = a.has(1) && a.param(1).quoted() ? s.vp : a.integer(1, 0, 255, s.vp);
                    int pid = a.integer(2, 0, 255, s.pid);
                    int dcs = a.integer(3, 0, 255, s.dcs);
                    s.fo = fo;
                    s.vp = vp;
                    s.pid = pid;
                    s.dcs = dcs;
                    return Result.OK;
                });
        t.command("+CSCA")
                .test((String) null)
                .read((modem, c, a) -> info(c, "+CSCA: \"" + TeCharset.encode(s(modem).sca, s(modem).charset) + "\","
                        + s(modem).tosca))
                .write((modem, c, a) -> {
                    a.expectCount(1, 2);
                    String sca = TeCharset.decode(a.string(0, 80), s(modem).charset);
                    if (sca == null || sca.length() > 20) {
                        return Result.cme(CmeError.UNKNOWN);
                    }
                    int tosca = a.integer(1, 0, 255, SmsFormat.addressType(sca));
                    s(modem).sca = sca;
                    s(modem).tosca = tosca;
                    return Result.OK;
                });
        t.command("+CNMI")
                .test("+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)")
                .read((modem, c, a) -> {
                    int[] n = s(modem).cnmi;
                    return info(c, "+CNMI: " + n[0] + "," + n[1] + "," + n[2] + "," + n[3] + "," + n[4]);
                })
                .write((modem, c, a) -> {
                    a.expectCount(1, 5);
                    int[] n = s(modem).cnmi;
                    int[] max = {3, 3, 2, 1, 1};
                    int[] next = n.clone();
                    for (int i = 0; i < 5; i++) {
                        // Left-out values keep theirs (27.005).
                        next[i] = a.integer(i, 0, max[i], n[i]);
                    }
                    if (next[2] == 1) {
                        return Result.ERROR;
                    }
                    System.arraycopy(next, 0, n, 0, 5);
                    return Result.OK;
                });
        t.command("+CSMS")
                .test("+CSMS: (0,1)")
                .read((modem, c, a) -> info(c, "+CSMS: " + s(modem).csms + ",1,1,1"))
                .write((modem, c, a) -> {
                    s(modem).csms = a.expectCount(1, 1).integer(0, 0, 1);
                    return info(c, "+CSMS: 1,1,1");
                });
        t.command("+CSAS")
                .test("+CSAS: (0-3)")
                .exec((modem, c, a) -> profile(modem, Args.none(), true))
                .write((modem, c, a) -> profile(modem, a, true));
        t.command("+CRES")
                .test("+CRES: (0-3)")
                .exec((modem, c, a) -> profile(modem, Args.none(), false))
                .write((modem, c, a) -> profile(modem, a, false));
        t.command("+CMGHEX")
                .test("+CMGHEX: (0,1)")
                .read((modem, c, a) -> info(c, "+CMGHEX: " + s(modem).cmghex))
                .write((modem, c, a) -> {
                    s(modem).cmghex = a.expectCount(1, 1).integer(0, 0, 1);
                    return Result.OK;
                });
    }

    /** AT+CSAS / AT+CRES: one profile is kept whatever number is given (0–3 accepted). */
    private static Result profile(SmsHost modem, Args a, boolean save) {
        if (a.size() > 0) {
            a.expectCount(1, 1).integer(0, 0, 3, 0);
        }
        if (save) {
            s(modem).save();
        } else {
            s(modem).restore();
        }
        return Result.OK;
    }

    static Result info(CommandContext c, String line) {
        c.out().info(line);
        return Result.OK;
    }
}
