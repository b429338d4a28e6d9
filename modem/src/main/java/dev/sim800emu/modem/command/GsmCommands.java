package dev.sim800emu.modem.command;

import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.ModemIdentity;
import dev.sim800emu.modem.Profile;
import dev.sim800emu.modem.Radio;
import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CmeError;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandSpec;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import java.util.Set;

/**
 * Identification, SIM, network and serial-port commands that drivers send at start-up (SIM800
 * manual chapters 2, 3, 6 and 7): AT+GMR, +CGSN, +CCID, +CPIN, +CSQ, +CREG, +CGATT, +CFUN, +IPR …
 */
public final class GsmCommands {
    private static final Set<Integer> RATES = Set.of(0, 1200, 2400, 4800, 9600, 19200, 38400, 57600,
            115200, 230400, 460800);

    private final ModemEngine modem;
    private int cgerep;
    private int csmins;

    private GsmCommands(ModemEngine modem) {
        this.modem = modem;
    }

    public static void register(CommandTable t, ModemEngine modem) {
        new GsmCommands(modem).registerAll(t);
    }

    private Profile p() {
        return modem.activeProfile();
    }

    private Radio radio() {
        return modem.radio();
    }

    private ModemIdentity id() {
        return modem.config().identity();
    }

    private void registerAll(CommandTable t) {
        identity(t);
        sim(t);
        network(t);
        port(t);
    }

    private void identity(CommandTable t) {
        t.add(CommandSpec.named("+GMR").test((String) null).exec((c, a) -> info(c, "Revision:" + id().revision())));
        t.alias("+CGMR", "+GMR");
        t.add(CommandSpec.named("+GMI").test((String) null).exec((c, a) -> info(c, id().manufacturer())));
        t.alias("+CGMI", "+GMI");
        t.add(CommandSpec.named("+GMM").test((String) null).exec((c, a) -> info(c, id().model())));
        t.alias("+CGMM", "+GMM");
        t.add(CommandSpec.named("+GOI").exec((c, a) -> info(c, "SIM800")));
        t.add(CommandSpec.named("+GSN").test((String) null).exec((c, a) -> info(c, id().imei())));
        t.alias("+CGSN", "+GSN");
        t.add(CommandSpec.named("+GSV").exec((c, a) -> {
            c.out().info(id().manufacturer(), id().model(), "Revision:" + id().revision());
            return Result.OK;
        }));
        t.add(CommandSpec.named("+CCID").test((String) null).exec((c, a) -> {
            if (radio().sim() == Radio.Sim.NOT_READY) {
                return Result.cme(CmeError.SIM_NOT_INSERTED);
            }
            return info(c, id().iccid());
        }));
        t.add(CommandSpec.named("+CIMI").test((String) null).exec((c, a) -> {
            Result gate = simReady();
            return gate != null ? gate : info(c, id().imsi());
        }));
    }

    private Result simReady() {
        return switch (radio().sim()) {
            case READY -> null;
            case PIN -> Result.cme(CmeError.SIM_PIN_REQUIRED);
            case NOT_READY -> Result.cme(CmeError.SIM_NOT_INSERTED);
        };
    }

    private void sim(CommandTable t) {
        t.add(CommandSpec.named("+CPIN")
                .test((String) null)
                .read((c, a) -> {
                    if (radio().sim() == Radio.Sim.NOT_READY) {
                        return Result.cme(CmeError.SIM_NOT_INSERTED);
                    }
                    return info(c, "+CPIN: " + radio().sim().text());
                })
                .write((c, a) -> {
                    a.expectCount(1, 2);
                    String pin = a.string(0, 8);
                    if (radio().sim() != Radio.Sim.PIN) {
                        return Result.notAllowed();
                    }
                    if (!pin.equals(modem.config().simPin())) {
                        return Result.cme(CmeError.INCORRECT_PASSWORD);
                    }
                    boolean before = radio().registered();
                    radio().sim = Radio.Sim.READY;
                    radio().attached = true;
                    modem.urc(w -> w.text("+CPIN: READY"));
                    modem.urc(w -> w.text("Call Ready"));
                    modem.urc(w -> w.text("SMS Ready"));
                    reportRegistration(before);
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CFUN")
                .test("+CFUN: (0,1,4),(0,1)")
                .read((c, a) -> info(c, "+CFUN: " + radio().cfun()))
                .write((c, a) -> {
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
                        modem.afterLine(modem::reboot);
                        return Result.OK;
                    }
                    boolean before = radio().registered();
                    Result r = setFunctionality(c, fun);
                    reportRegistration(before);
                    return r;
                }));
        t.add(CommandSpec.named("+CSQ")
                .test("+CSQ: (0-31,99),(0-7,99)")
                .exec((c, a) -> {
                    boolean on = radio().cfun() == 1;
                    return info(c, "+CSQ: " + (on ? modem.config().rssi() : 99) + "," + (on ? modem.config().ber() : 99));
                }));
    }

    /** CFUN=0/1/4 without reset: radio off drops registration, GPRS and the SIM as the chip does. */
    private Result setFunctionality(CommandContext c, int fun) {
        Radio r = radio();
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
            if (modem.tcpip().state() != dev.sim800emu.modem.tcpip.IpState.INITIAL
                    && modem.tcpip().state() != dev.sim800emu.modem.tcpip.IpState.PDP_DEACT) {
                modem.tcpip().networkDeactivate(c.out());
            }
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
            r.sim = modem.config().simPin() == null ? Radio.Sim.READY : Radio.Sim.PIN;
            Radio.Sim sim = r.sim;
            modem.urc(w -> w.text("+CPIN: " + sim.text()));
        }
        r.attached = r.registered();
        return Result.OK;
    }

    private void network(CommandTable t) {
        t.add(registration("+CREG", v -> p().creg = v, () -> p().creg));
        t.add(registration("+CGREG", v -> p().cgreg = v, () -> p().cgreg));
        t.add(CommandSpec.named("+CGATT")
                .test("+CGATT: (0,1)")
                .read((c, a) -> info(c, "+CGATT: " + (radio().attached() ? 1 : 0)))
                .write((c, a) -> {
                    int v = a.expectCount(1, 1).integer(0, 0, 1);
                    if (v == 1) {
                        if (!radio().registered()) {
                            return Result.cme(radio().sim() == Radio.Sim.PIN ? CmeError.SIM_PIN_REQUIRED
                                    : CmeError.NO_NETWORK_SERVICE);
                        }
                        radio().attached = true;
                    } else {
                        if (radio().attached) {
                            modem.dropGprs();
                        }
                        radio().attached = false;
                    }
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+COPS")
                .test((c, a) -> info(c, "+COPS: (2,\"" + id().operatorName() + "\",\"" + id().operatorName()
                        + "\",\"" + id().imsi().substring(0, 5) + "\"),,(0-4),(0-2)"))
                .read((c, a) -> info(c, radio().registered() ? "+COPS: 0,0,\"" + id().operatorName() + "\"" : "+COPS: 0"))
                .write((c, a) -> {
                    a.expectCount(1, 4);
                    a.integer(0, 0, 4);
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CGDCONT")
                .test("+CGDCONT: (1-3),\"IP\",,,(0,1),(0,1)")
                .read((c, a) -> {
                    if (radio().cgdcontCid > 0) {
                        c.out().info("+CGDCONT: " + radio().cgdcontCid + ",\"IP\",\"" + radio().cgdcontApn
                                + "\",\"0.0.0.0\",0,0");
                    }
                    return Result.OK;
                })
                .write((c, a) -> {
                    a.expectCount(1, 6);
                    int cid = a.integer(0, 1, 3);
                    if (a.size() > 1) {
                        String type = a.string(1, 10);
                        if (!type.equalsIgnoreCase("IP") && !type.isEmpty()) {
                            return Result.ERROR;
                        }
                    }
                    radio().cgdcontCid = cid;
                    radio().cgdcontApn = a.string(2, 50, "");
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CGACT")
                .test("+CGACT: (0,1)")
                .read((c, a) -> info(c, "+CGACT: " + Math.max(1, radio().cgdcontCid) + "," + (radio().cgact ? 1 : 0)))
                .write((c, a) -> {
                    a.expectCount(1, 2);
                    int state = a.integer(0, 0, 1);
                    a.integer(1, 1, 3, 1);
                    if (state == 1 && !radio().attached()) {
                        // 27.007 §10.1.10: activating a context first attaches to GPRS.
                        if (!radio().registered()) {
                            return Result.cme(CmeError.GPRS_NOT_ALLOWED);
                        }
                        radio().attached = true;
                    }
                    radio().cgact = state == 1;
                    return Result.OK;
                }));
    }

    /** +CREG/+CGREG URCs (AT+CREG=1/2) when registration changed (manual 3.2.32, 7.2.10). */
    private void reportRegistration(boolean before) {
        boolean now = radio().registered();
        if (before != now) {
            registrationUrc("+CREG", p().creg, now);
            registrationUrc("+CGREG", p().cgreg, now);
        }
    }

    private void registrationUrc(String name, int mode, boolean registered) {
        if (mode == 0) {
            return;
        }
        String line = name + ": " + (registered ? 1 : 0) + (mode == 2 && registered ? ",\"1A2B\",\"3C4D\"" : "");
        modem.urc(w -> w.text(line));
    }

    private CommandSpec.Builder registration(String name, java.util.function.IntConsumer set,
                                             java.util.function.IntSupplier get) {
        return CommandSpec.named(name)
                .test(name + ": (0-2)")
                .read((c, a) -> {
                    int stat = radio().registered() ? 1 : 0;
                    String extra = get.getAsInt() == 2 && stat == 1 ? ",\"1A2B\",\"3C4D\"" : "";
                    return info(c, name + ": " + get.getAsInt() + "," + stat + extra);
                })
                .write((c, a) -> {
                    set.accept(a.expectCount(1, 1).integer(0, 0, 2));
                    return Result.OK;
                });
    }

    private void port(CommandTable t) {
        t.add(CommandSpec.named("+CMEE")
                .test("+CMEE: (0-2)")
                .read((c, a) -> info(c, "+CMEE: " + p().cmee))
                .write((c, a) -> {
                    p().cmee = a.expectCount(1, 1).integer(0, 0, 2);
                    return Result.OK;
                })
                .exec((c, a) -> {
                    p().cmee = 0;
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+IFC")
                .test("+IFC: (0-2),(0-2)")
                .read((c, a) -> info(c, "+IFC: " + p().ifcDce + "," + p().ifcDte))
                .write((c, a) -> {
                    a.expectCount(1, 2);
                    int dce = a.integer(0, 0, 2);
                    int dte = a.integer(1, 0, 2, dce);
                    p().ifcDce = dce;
                    p().ifcDte = dte;
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+IPR")
                .test("+IPR: (0,1200,2400,4800,9600,19200,38400,57600,115200,230400,460800),()")
                .read((c, a) -> info(c, "+IPR: " + p().ipr))
                .write((c, a) -> {
                    int rate = a.expectCount(1, 1).integer(0, 0, 460800);
                    if (!RATES.contains(rate)) {
                        return Result.ERROR;
                    }
                    p().ipr = rate;
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+ICF")
                .test("+ICF: (1-6),(0-3)")
                .read((c, a) -> info(c, "+ICF: " + p().icfFormat + "," + p().icfParity))
                .write((c, a) -> {
                    a.expectCount(1, 2);
                    p().icfFormat = a.integer(0, 1, 6);
                    p().icfParity = a.integer(1, 0, 3, p().icfParity);
                    return Result.OK;
                }));
        t.add(setting("+CSCLK", 0, 2, v -> p().csclk = v, () -> p().csclk));
        t.add(setting("+CLTS", 0, 1, v -> p().clts = v, () -> p().clts));
        t.add(setting("+CIURC", 0, 1, v -> p().ciurc = v, () -> p().ciurc));
        t.add(setting("+CBATCHK", 0, 1, v -> p().cbatchk = v, () -> p().cbatchk));
        t.add(setting("+CGEREP", 0, 1, v -> cgerep = v, () -> cgerep));
        t.add(CommandSpec.named("+CSMINS")
                .test("+CSMINS: (0,1)")
                .read((c, a) -> info(c, "+CSMINS: " + csmins + "," + (radio().sim() == Radio.Sim.NOT_READY ? 0 : 1)))
                .write((c, a) -> {
                    csmins = a.expectCount(1, 1).integer(0, 0, 1);
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CCLK")
                .test((String) null)
                .read((c, a) -> info(c, "+CCLK: \"" + RealTimeClock.format(modem.now()) + "\""))
                .write((c, a) -> {
                    java.time.ZonedDateTime set = RealTimeClock.parse(a.expectCount(1, 1).string(0, 20));
                    if (set == null) {
                        return Result.ERROR;
                    }
                    modem.setClock(set);
                    return Result.OK;
                }));
        t.add(CommandSpec.named("+CPOWD")
                .test("+CPOWD: (0,1)")
                .write((c, a) -> {
                    int urgent = a.expectCount(1, 1).integer(0, 0, 1);
                    // Normal power down prints NORMAL POWER DOWN; urgent switches off silently.
                    if (urgent == 1) {
                        c.out().info("NORMAL POWER DOWN");
                    }
                    modem.afterLine(modem::powerOff);
                    return Result.DONE;
                }));
        t.add(CommandSpec.named("+CBC")
                .test("+CBC: (0-2),(1-100),(voltage)")
                .exec((c, a) -> info(c, "+CBC: 0,95,4200")));
        t.add(CommandSpec.named("+CCALR")
                .test("+CCALR: (0,1)")
                .read((c, a) -> info(c, "+CCALR: " + (radio().registered() ? 1 : 0))));
    }

    private static CommandSpec.Builder setting(String name, int min, int max, java.util.function.IntConsumer set,
                                               java.util.function.IntSupplier get) {
        return CommandSpec.named(name)
                .test(name + ": (" + min + (max - min == 1 ? "," : "-") + max + ")")
                .read((c, a) -> info(c, name + ": " + get.getAsInt()))
                .write((c, a) -> {
                    set.accept(a.expectCount(1, 1).integer(0, min, max));
                    return Result.OK;
                });
    }

    private static Result info(CommandContext c, String line) {
        c.out().info(line);
        return Result.OK;
    }
}
