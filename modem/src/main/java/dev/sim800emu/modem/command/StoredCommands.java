package dev.sim800emu.modem.command;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.config.ChipModel;
import dev.sim800emu.modem.radio.Radio;

/**
 * Commands drivers send at start-up that, on a modem without a speaker, LED or ADC, only store a
 * value and read it back (reference §3.8, §6): audio (+CMIC, +CLVL, +CRSL, +CALS, +CHFA, +CHF,
 * +CMUT, +SIDET, +STTONE, +CLDTMF, +DDET), indicator and ring lines (+CNETLIGHT, +CSGS, +SLEDS,
 * +CFGRI, +DLYRI), and a few queries (+CADC, +CNUM, +CSPN, +GCAP, +CCWA, +CSCB). Each answers with
 * the chip's forms and factory values; the values live in the {@link Radio} and survive power
 * cycles, as the chip's AUTO_SAVE and AT&W ones do.
 */
final class StoredCommands {
    private StoredCommands() {
    }

    static void register(CommandTable.Section<?, GsmHost> t) {
        audio(t);
        lines(t);
        queries(t);
    }

    private static void audio(CommandTable.Section<?, GsmHost> t) {
        // +CMIC: gain per channel 0-3; factory main 10, aux 11 (SIM800L, manual §6.2.4).
        t.command("+CMIC")
                .test("+CMIC: (0-3),(0-15)")
                .read((modem, c, a) -> {
                    int[] g = modem.radio().stored("+CMIC", new int[] {10, 11, 10, 11});
                    return info(c, "+CMIC: (0," + g[0] + "),(1," + g[1] + "),(2," + g[2] + "),(3," + g[3] + ")");
                })
                .write((modem, c, a) -> {
                    // Two values, channel and gain; TinyGSM's one-value form is refused (reference §3.8).
                    a.expectCount(2, 2);
                    int ch = a.integer(0, 0, 3);
                    modem.radio().stored("+CMIC", new int[] {10, 11, 10, 11})[ch] = a.integer(1, 0, 15);
                    return Result.OK;
                });
        values(t, "+CLVL", "(0-100)", new int[] {0}, new int[] {100}, new int[] {50}, 1);
        values(t, "+CRSL", "(0-100)", new int[] {0}, new int[] {100}, new int[] {100}, 1);
        values(t, "+CALS", "(0-19),(0,1)", new int[] {0, 0}, new int[] {19, 1}, new int[] {1, 0}, 1);
        values(t, "+CHFA", "(0-4)", new int[] {0}, new int[] {4}, new int[] {0}, 1);
        values(t, "+CHF", "(0,1),(0-2)", new int[] {0, 0}, new int[] {1, 2}, new int[] {0, 0}, 2);
        values(t, "+CMUT", "(0,1)", new int[] {0}, new int[] {1}, new int[] {0}, 1);
        values(t, "+SIDET", "(0,1),(0-16)", new int[] {0, 0}, new int[] {1, 16}, new int[] {0, 0}, 2);
        values(t, "+DDET", "(0,1),(0-10000),(0,1),(0,1)", new int[] {0, 0, 0, 0}, new int[] {1, 10000, 1, 1},
                new int[] {0, 0, 0, 0}, 4);
        values(t, "+VTD", "(1-255)", new int[] {1}, new int[] {255}, new int[] {1}, 1);
        // +STTONE plays a tone for <ms> and then reports +STTONE: 0; with no speaker it ends at once.
        t.command("+STTONE")
                .test("+STTONE: (0,1),(1-20),(10-15300000)")
                .read((modem, c, a) -> info(c, "+STTONE: 0"))
                .write((modem, c, a) -> {
                    a.expectCount(1, 3);
                    int mode = a.integer(0, 0, 1);
                    if (mode == 1) {
                        a.integer(1, 1, 20);
                        a.integer(2, 10, 15_300_000);
                        modem.urc(w -> w.text("+STTONE: 0"));
                    }
                    return Result.OK;
                });
        t.command("+CLDTMF")
                .test("+CLDTMF: (1-100),(0-9,A,B,C,D,E,F,*,#),(10-500)")
                .exec((modem, c, a) -> Result.OK)
                .write((modem, c, a) -> {
                    a.expectCount(2, 3);
                    a.integer(0, 1, 100);
                    a.string(1, 100);
                    a.integer(2, 10, 500, 100);
                    return Result.OK;
                });
    }

    private static void lines(CommandTable.Section<?, GsmHost> t) {
        values(t, "+CNETLIGHT", "(0,1)", new int[] {0}, new int[] {1}, new int[] {1}, 1);
        values(t, "+CSGS", "(0-2)", new int[] {0}, new int[] {2}, new int[] {1}, 1);
        t.command("+CFGRI")
                .test("+CFGRI: (0-2)")
                .read((modem, c, a) -> info(c, "+CFGRI: " + cfgri(modem)[0]))
                .write((modem, c, a) -> {
                    cfgri(modem)[0] = a.expectCount(1, 1).integer(0, 0, 2);
                    return Result.OK;
                });
        values(t, "+DLYRI", "(0,10-1000)", new int[] {0}, new int[] {1000}, new int[] {0}, 1);
        t.command("+SLEDS")
                .test("+SLEDS: (1-3),(0,40-65535),(0,40-65535)")
                .read((modem, c, a) -> {
                    int[] v = modem.radio().stored("+SLEDS", new int[] {64, 800, 64, 3000, 64, 300});
                    return info(c, "+SLEDS: 1," + v[0] + "," + v[1] + "\r\n+SLEDS: 2," + v[2] + "," + v[3]
                            + "\r\n+SLEDS: 3," + v[4] + "," + v[5]);
                })
                .write((modem, c, a) -> {
                    a.expectCount(3, 3);
                    int mode = a.integer(0, 1, 3);
                    int on = a.integer(1, 0, 65535);
                    int off = a.integer(2, 0, 65535);
                    if (on > 0 && on < 40 || off > 0 && off < 40) {
                        return Result.ERROR;
                    }
                    int[] v = modem.radio().stored("+SLEDS", new int[] {64, 800, 64, 3000, 64, 300});
                    v[(mode - 1) * 2] = on;
                    v[(mode - 1) * 2 + 1] = off;
                    return Result.OK;
                });
    }

    /** AT+CFGRI's factory value depends on the model (manual §20.12). */
    private static int[] cfgri(GsmHost modem) {
        ChipModel model = modem.config().identity().chipModel();
        return modem.radio().stored("+CFGRI", new int[] {model.cfgriDefault()});
    }

    private static void queries(CommandTable.Section<?, GsmHost> t) {
        t.command("+CADC")
                .test("+CADC: (0,1),(0-2800)")
                .read((modem, c, a) -> info(c, "+CADC: 1,603"));
        // No MSISDN on the emulated SIM: just OK (reference §6, suggested).
        t.command("+CNUM").test((String) null).exec((modem, c, a) -> Result.OK);
        t.command("+CSPN")
                .read((modem, c, a) -> {
                    if (modem.radio().sim() != Radio.Sim.READY) {
                        return Result.cme(modem.radio().sim() == Radio.Sim.PIN ? 11 : 10);
                    }
                    return info(c, "+CSPN: \"" + modem.config().identity().operatorName() + "\",0");
                });
        t.command("+GCAP").test((String) null).exec((modem, c, a) -> info(c, "+GCAP: +CGSM"));
        t.command("+CCWA")
                .test("+CCWA: (0,1)")
                .read((modem, c, a) -> info(c, "+CCWA: " + modem.radio().stored("+CCWA", new int[] {0})[0]))
                .write((modem, c, a) -> {
                    a.expectCount(1, 3);
                    int n = a.integer(0, 0, 1);
                    int mode = a.integer(1, 0, 2, 0);
                    a.integer(2, 1, 255, 7);
                    modem.radio().stored("+CCWA", new int[] {0})[0] = n;
                    if (mode == 2) {
                        c.out().info("+CCWA: 0,1");
                    }
                    return Result.OK;
                });
        t.command("+CSCB")
                .test("+CSCB: (0,1)")
                .read((modem, c, a) -> info(c, "+CSCB: 0,\"\",\"\""))
                .write((modem, c, a) -> {
                    a.expectCount(1, 3);
                    a.integer(0, 0, 1);
                    return Result.OK;
                });
    }

    /**
     * A command storing up to {@code min.length} values: write checks each against its range and
     * keeps left-out ones; read prints the first {@code shown}.
     */
    private static void values(CommandTable.Section<?, GsmHost> t, String name, String ranges, int[] min, int[] max,
                               int[] defaults, int shown) {
        t.command(name)
                .test(name + ": " + ranges)
                .read((modem, c, a) -> {
                    int[] v = modem.radio().stored(name, defaults);
                    StringBuilder b = new StringBuilder(name).append(": ");
                    for (int i = 0; i < shown; i++) {
                        b.append(i == 0 ? "" : ",").append(v[i]);
                    }
                    return info(c, b.toString());
                })
                .write((modem, c, a) -> {
                    a.expectCount(1, min.length);
                    int[] v = modem.radio().stored(name, defaults);
                    int[] next = v.clone();
                    for (int i = 0; i < min.length; i++) {
                        next[i] = a.integer(i, min[i], max[i], v[i]);
                    }
                    System.arraycopy(next, 0, v, 0, v.length);
                    return Result.OK;
                });
    }

    private static Result info(CommandContext c, String line) {
        c.out().info(line);
        return Result.OK;
    }
}
