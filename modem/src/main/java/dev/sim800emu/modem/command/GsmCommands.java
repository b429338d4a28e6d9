package dev.sim800emu.modem.command;

import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CmeError;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandSpec;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.settings.Profile;
import dev.sim800emu.modem.settings.Setting;
import dev.sim800emu.modem.sms.SmsCommands;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;

/**
 * Identification, SIM, network and serial-port commands that drivers send at start-up (SIM800
 * manual chapters 2, 3, 6 and 7): AT+GMR, +CGSN, +CCID, +CPIN, +CFUN, +IPR … The network service
 * commands are in {@link NetworkCommands}, the call and USSD ones in {@link CallCommands}.
 */
public final class GsmCommands {
    private static final Set<Integer> RATES = Set.of(0, 1200, 2400, 4800, 9600, 19200, 38400, 57600,
            115200, 230400, 460800);

    private GsmCommands() {
    }

    private static Profile p(GsmHost modem) {
        return modem.settings();
    }

    private static Radio radio(GsmHost modem) {
        return modem.radio();
    }

    private static ModemIdentity id(GsmHost modem) {
        return modem.config().identity();
    }

    public static void register(CommandTable.Section<?, GsmHost> t) {
        identity(t);
        sim(t);
        NetworkCommands.register(t);
        CallCommands.register(t);
        DialCommands.register(t);
        StoredCommands.register(t);
        SmsCommands.register(t);
        port(t);
    }

    private static void identity(CommandTable.Section<?, GsmHost> t) {
        t.command("+GMR").test((String) null).exec((modem, c, a) -> info(c, "Revision:" + id(modem).revision()));
        t.alias("+CGMR", "+GMR");
        t.command("+GMI").test((String) null).exec((modem, c, a) -> info(c, id(modem).manufacturer()));
        t.alias("+CGMI", "+GMI");
        t.command("+GMM").test((String) null).exec((modem, c, a) -> info(c, id(modem).model()));
        t.alias("+CGMM", "+GMM");
        t.command("+GOI").exec((modem, c, a) -> info(c, id(modem).goi()));
        t.command("+GSN").test((String) null).exec((modem, c, a) -> info(c, id(modem).imei()));
        t.alias("+CGSN", "+GSN");
        t.command("+GSV").exec((modem, c, a) -> {
            c.out().info(id(modem).manufacturer(), id(modem).model(), "Revision:" + id(modem).revision());
            return Result.OK;
        });
        t.command("+CCID").test((String) null).exec((modem, c, a) -> {
            if (radio(modem).sim() == Radio.Sim.NOT_READY) {
                return Result.cme(CmeError.SIM_NOT_INSERTED);
            }
            return info(c, id(modem).iccid());
        });
        t.command("+CIMI").test((String) null).exec((modem, c, a) -> {
            Result gate = simReady(modem);
            return gate != null ? gate : info(c, id(modem).imsi());
        });
    }

    private static Result simReady(GsmHost modem) {
        return switch (radio(modem).sim()) {
            case READY -> null;
            case PIN -> Result.cme(CmeError.SIM_PIN_REQUIRED);
            case NOT_READY -> Result.cme(CmeError.SIM_NOT_INSERTED);
        };
    }

    private static void sim(CommandTable.Section<?, GsmHost> t) {
        t.command("+CPIN")
                .test((String) null)
                .read((modem, c, a) -> {
                    if (radio(modem).sim() == Radio.Sim.NOT_READY) {
                        return Result.cme(CmeError.SIM_NOT_INSERTED);
                    }
                    return info(c, "+CPIN: " + radio(modem).sim().text());
                })
                .write((modem, c, a) -> {
                    a.expectCount(1, 2);
                    String pin = a.string(0, 8);
                    if (radio(modem).sim() != Radio.Sim.PIN) {
                        return Result.notAllowed();
                    }
                    if (!pin.equals(modem.config().simPin())) {
                        return Result.cme(CmeError.INCORRECT_PASSWORD);
                    }
                    RegistrationReport.Snapshot before = RegistrationReport.of(radio(modem));
                    radio(modem).sim = Radio.Sim.READY;
                    radio(modem).attached = true;
                    modem.urc(w -> w.text("+CPIN: READY"));
                    modem.urc(w -> w.text("Call Ready"));
                    modem.urc(w -> w.text("SMS Ready"));
                    RegistrationReport.changed(radio(modem), p(modem), before, modem::urc);
                    return Result.OK;
                });
        t.command("+CFUN")
                .test("+CFUN: (0,1,4),(0,1)")
                .read((modem, c, a) -> info(c, "+CFUN: " + radio(modem).cfun()))
                .write((modem, c, a) -> {
                    a.expectCount(1, 2);
                    int fun = a.integer(0, 0, 4);
                    int rst = a.integer(1, 0, 1, 0);
                    if (fun == 2 || fun == 3) {
                        return Result.ERROR;
                    }
                    if (rst == 1) {
                        if (fun != 1) {
                            return Result.ERROR;
                        }
                        modem.rebootAfterLine();
                        return Result.OK;
                    }
                    RegistrationReport.Snapshot before = RegistrationReport.of(radio(modem));
                    Result r = setFunctionality(modem, c, fun);
                    RegistrationReport.changed(radio(modem), p(modem), before, modem::urc);
                    return r;
                });
    }

    /** CFUN=0/1/4 without reset: radio off drops registration, GPRS and the SIM as the chip does. */
    private static Result setFunctionality(GsmHost modem, CommandContext c, int fun) {
        Radio r = radio(modem);
        if ((r.cfun == 0 && fun == 4) || (r.cfun == 4 && fun == 0)) {
            return Result.ERROR;
        }
        if (fun == r.cfun) {
            return Result.OK;
        }
        if (fun == 0 || fun == 4) {
            // The chip prints these before its OK (TinyGSM #466 trace).
            for (int cid : modem.appBearers().dropAll()) {
                c.out().info("+SAPBR " + cid + ": DEACT");
            }
            modem.deactivateContext(c.out());
            r.attached = false;
            if (fun == 0) {
                r.sim = Radio.Sim.NOT_READY;
                c.out().info("+CPIN: NOT READY");
            }
            r.cfun = fun;
            return Result.OK;
        }
        boolean simWasOff = r.sim == Radio.Sim.NOT_READY;
        r.cfun = 1;
        if (simWasOff) {
            r.sim = r.freshSim();
            Radio.Sim sim = r.sim;
            modem.urc(w -> w.text("+CPIN: " + sim.text()));
        }
        r.attached = r.registered();
        return Result.OK;
    }

    private static void port(CommandTable.Section<?, GsmHost> t) {
        t.command("+CMEE")
                .test("+CMEE: (0-2)")
                .read((modem, c, a) -> info(c, "+CMEE: " + p(modem).get(Setting.CMEE)))
                .write((modem, c, a) -> {
                    p(modem).set(Setting.CMEE, a.expectCount(1, 1).integer(0, 0, 2));
                    return Result.OK;
                })
                .exec((modem, c, a) -> {
                    p(modem).set(Setting.CMEE, 0);
                    return Result.OK;
                });
        t.command("+IFC")
                .test("+IFC: (0-2),(0-2)")
                .read((modem, c, a) -> info(c, "+IFC: " + p(modem).get(Setting.IFC_DCE) + "," + p(modem).get(Setting.IFC_DTE)))
                .write((modem, c, a) -> {
                    a.expectCount(1, 2);
                    int dce = a.integer(0, 0, 2);
                    int dte = a.integer(1, 0, 2, dce);
                    p(modem).set(Setting.IFC_DCE, dce);
                    p(modem).set(Setting.IFC_DTE, dte);
                    return Result.OK;
                });
        t.command("+IPR")
                .test("+IPR: (0,1200,2400,4800,9600,19200,38400,57600,115200,230400,460800),()")
                .read((modem, c, a) -> info(c, "+IPR: " + p(modem).get(Setting.IPR)))
                .write((modem, c, a) -> {
                    int rate = a.expectCount(1, 1).integer(0, 0, 460800);
                    if (!RATES.contains(rate)) {
                        return Result.ERROR;
                    }
                    p(modem).set(Setting.IPR, rate);
                    return Result.OK;
                });
        t.command("+ICF")
                .test("+ICF: (1-6),(0-3)")
                .read((modem, c, a) -> info(c, "+ICF: " + p(modem).get(Setting.ICF_FORMAT) + "," + p(modem).get(Setting.ICF_PARITY)))
                .write((modem, c, a) -> {
                    a.expectCount(1, 2);
                    p(modem).set(Setting.ICF_FORMAT, a.integer(0, 1, 6));
                    p(modem).set(Setting.ICF_PARITY, a.integer(1, 0, 3, p(modem).get(Setting.ICF_PARITY)));
                    return Result.OK;
                });
        setting(t, "+CSCLK", Setting.CSCLK);
        setting(t, "+CLTS", Setting.CLTS);
        setting(t, "+CIURC", Setting.CIURC);
        setting(t, "+CBATCHK", Setting.CBATCHK);
        setting(t, "+CGEREP", 0, 1, (modem, v) -> radio(modem).cgerep = v, modem -> radio(modem).cgerep);
        t.command("+CSMINS")
                .test("+CSMINS: (0,1)")
                .read((modem, c, a) -> info(c, "+CSMINS: " + radio(modem).csmins + "," + (radio(modem).simInserted() ? 1 : 0)))
                .write((modem, c, a) -> {
                    radio(modem).csmins = a.expectCount(1, 1).integer(0, 0, 1);
                    return Result.OK;
                });
        t.command("+CCLK")
                .test((String) null)
                .read((modem, c, a) -> info(c, "+CCLK: \"" + RealTimeClock.format(modem.now()) + "\""))
                .write((modem, c, a) -> {
                    java.time.ZonedDateTime set = RealTimeClock.parse(a.expectCount(1, 1).string(0, 20));
                    if (set == null) {
                        return Result.ERROR;
                    }
                    modem.setClock(set);
                    return Result.OK;
                });
        t.command("+CPOWD")
                .test("+CPOWD: (0,1)")
                .write((modem, c, a) -> {
                    int urgent = a.expectCount(1, 1).integer(0, 0, 1);
                    // Normal power down prints NORMAL POWER DOWN; urgent switches off silently.
                    if (urgent == 1) {
                        c.out().info("NORMAL POWER DOWN");
                    }
                    modem.powerOffAfterLine();
                    return Result.DONE;
                });
        t.command("+CBC")
                .test("+CBC: (0-2),(1-100),(voltage)")
                .exec((modem, c, a) -> info(c, "+CBC: 0,95,4200"));
        t.command("+CCALR")
                .test("+CCALR: (0,1)")
                .read((modem, c, a) -> info(c, "+CCALR: " + (radio(modem).registered() ? 1 : 0)));
    }

    /** A saved setting with read, write and range-test forms. */
    private static void setting(CommandTable.Section<?, GsmHost> t, String name, Setting s) {
        setting(t, name, s.min(), s.max(), (modem, v) -> p(modem).set(s, v), modem -> p(modem).get(s));
    }

    private static void setting(CommandTable.Section<?, GsmHost> t, String name, int min, int max,
                                ObjIntConsumer<GsmHost> set, ToIntFunction<GsmHost> get) {
        t.command(name)
                .test(name + ": (" + min + (max - min == 1 ? "," : "-") + max + ")")
                .read((modem, c, a) -> info(c, name + ": " + get.applyAsInt(modem)))
                .write((modem, c, a) -> {
                    set.accept(modem, a.expectCount(1, 1).integer(0, min, max));
                    return Result.OK;
                });
    }

    private static Result info(CommandContext c, String line) {
        c.out().info(line);
        return Result.OK;
    }
}
