package dev.sim800emu.modem.command;

import dev.sim800emu.modem.at.CmeError;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.settings.Setting;

/**
 * Network service commands (manual §3.2, §7.2): signal (+CSQ), registration (+CREG, +CGREG,
 * +COPS) and GPRS (+CGATT, +CGDCONT, +CGACT). What they report comes from the {@link Radio}, which
 * the control plane drives (signal, registration state, detach).
 */
final class NetworkCommands {
    private NetworkCommands() {
    }

    private static Radio radio(GsmHost modem) {
        return modem.radio();
    }

    private static ModemIdentity id(GsmHost modem) {
        return modem.config().identity();
    }

    static void register(CommandTable.Section<?, GsmHost> t) {
        t.command("+CSQ")
                .test("+CSQ: (0-31,99),(0-7,99)")
                .exec((modem, c, a) -> info(c, "+CSQ: " + radio(modem).csq()));
        t.command("+CREG")
                .test("+CREG: (0-2)")
                .read((modem, c, a) -> info(c, RegistrationReport.read("+CREG", modem.settings().get(Setting.CREG),
                        radio(modem).cregStat())))
                .write((modem, c, a) -> {
                    modem.settings().set(Setting.CREG, a.expectCount(1, 1).integer(0, 0, 2));
                    return Result.OK;
                });
        t.command("+CGREG")
                .test("+CGREG: (0-2)")
                .read((modem, c, a) -> info(c, RegistrationReport.read("+CGREG", modem.settings().get(Setting.CGREG),
                        radio(modem).cgregStat())))
                .write((modem, c, a) -> {
                    modem.settings().set(Setting.CGREG, a.expectCount(1, 1).integer(0, 0, 2));
                    return Result.OK;
                });
        t.command("+COPS")
                .test((modem, c, a) -> info(c, "+COPS: (2,\"" + id(modem).operatorName() + "\",\"" + id(modem).operatorName()
                        + "\",\"" + id(modem).imsi().substring(0, 5) + "\"),,(0-4),(0-2)"))
                .read((modem, c, a) -> info(c, radio(modem).registered() ? "+COPS: 0,0,\"" + id(modem).operatorName() + "\"" : "+COPS: 0"))
                .write((modem, c, a) -> {
                    a.expectCount(1, 4);
                    a.integer(0, 0, 4);
                    return Result.OK;
                });
        gprs(t);
    }

    private static void gprs(CommandTable.Section<?, GsmHost> t) {
        t.command("+CGATT")
                .test("+CGATT: (0,1)")
                .read((modem, c, a) -> info(c, "+CGATT: " + (radio(modem).attached() ? 1 : 0)))
                .write((modem, c, a) -> {
                    int v = a.expectCount(1, 1).integer(0, 0, 1);
                    RegistrationReport.Snapshot before = RegistrationReport.of(radio(modem));
                    if (v == 1) {
                        if (!radio(modem).registered()) {
                            return Result.cme(radio(modem).sim() == Radio.Sim.PIN ? CmeError.SIM_PIN_REQUIRED
                                    : CmeError.NO_NETWORK_SERVICE);
                        }
                        radio(modem).attached = true;
                    } else {
                        if (radio(modem).attached) {
                            modem.dropGprs();
                        }
                        radio(modem).attached = false;
                    }
                    RegistrationReport.changed(radio(modem), modem.settings(), before, modem::urc);
                    return Result.OK;
                });
        t.command("+CGDCONT")
                .test("+CGDCONT: (1-3),\"IP\",,,(0,1),(0,1)")
                .read((modem, c, a) -> {
                    if (radio(modem).cgdcontCid > 0) {
                        c.out().info("+CGDCONT: " + radio(modem).cgdcontCid + ",\"IP\",\"" + radio(modem).cgdcontApn
                                + "\",\"0.0.0.0\",0,0");
                    }
                    return Result.OK;
                })
                .write((modem, c, a) -> {
                    a.expectCount(1, 6);
                    int cid = a.integer(0, 1, 3);
                    if (a.size() > 1) {
                        String type = a.string(1, 10);
                        if (!type.equalsIgnoreCase("IP") && !type.isEmpty()) {
                            return Result.ERROR;
                        }
                    }
                    radio(modem).cgdcontCid = cid;
                    radio(modem).cgdcontApn = a.string(2, 50, "");
                    return Result.OK;
                });
        t.command("+CGACT")
                .test("+CGACT: (0,1)")
                .read((modem, c, a) -> info(c, "+CGACT: " + Math.max(1, radio(modem).cgdcontCid) + "," + (radio(modem).cgact ? 1 : 0)))
                .write((modem, c, a) -> {
                    a.expectCount(1, 2);
                    int state = a.integer(0, 0, 1);
                    a.integer(1, 1, 3, 1);
                    if (state == 1 && !radio(modem).attached()) {
                        // 27.007 §10.1.10: activating a context first attaches to GPRS.
                        if (!radio(modem).registered()) {
                            return Result.cme(CmeError.GPRS_NOT_ALLOWED);
                        }
                        radio(modem).attached = true;
                    }
                    radio(modem).cgact = state == 1;
                    return Result.OK;
                });
    }

    private static Result info(CommandContext c, String line) {
        c.out().info(line);
        return Result.OK;
    }
}
