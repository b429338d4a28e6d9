package dev.sim800emu.modem.command;

import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.Profile;
import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandSpec;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;

/**
 * V.250 basic commands (SIM800 manual chapter 2): ATE, ATV, ATQ, ATX, ATI, ATZ, AT&F, AT&W, AT&V,
 * AT&C, AT&D, ATO, ATH, ATA, ATD and the S-registers. A basic command without a value means value 0
 * ({@code ATE} is {@code ATE0}).
 */
public final class BasicCommands {
    private BasicCommands() {
    }

    private static Profile p(ModemEngine modem) {
        return modem.activeProfile();
    }

    public static void register(CommandTable.Section<?, ModemEngine> t) {
        basic(t, "E", 0, 1, (modem, v) -> p(modem).echo = v == 1);
        basic(t, "V", 0, 1, (modem, v) -> p(modem).verbose = v == 1);
        basic(t, "Q", 0, 1, (modem, v) -> p(modem).quiet = v == 1);
        basic(t, "X", 0, 4, (modem, v) -> p(modem).x = v);
        basic(t, "&C", 0, 1, (modem, v) -> p(modem).ampC = v);
        basic(t, "&D", 0, 2, (modem, v) -> p(modem).ampD = v);
        basic(t, "I", 0, 0, (modem, v) -> { }).exec((modem, c, a) -> {
            c.out().info(modem.config().identity().product());
            return Result.OK;
        }).write((modem, c, a) -> {
            c.out().info(modem.config().identity().product());
            return Result.OK;
        });
        basic(t, "Z", 0, 0, (modem, v) -> p(modem).copyFrom(modem.savedProfile(), false));
        basic(t, "&F", 0, 0, (modem, v) -> p(modem).copyFrom(modem.factoryProfile(), false));
        basic(t, "&W", 0, 0, (modem, v) -> modem.savedProfile().copyFrom(p(modem), true));
        t.command("&V").exec((modem, c, a) -> listProfiles(modem, c))
                .write((modem, c, a) -> Args.parseInt(a.param(0).text(), 0, 0) == 0 ? listProfiles(modem, c) : Result.ERROR);
        // No circuit-switched data: there is never a call to answer, hang up or resume.
        t.command("H").exec((modem, c, a) -> Result.OK).write((modem, c, a) -> zeroOnly(a));
        t.command("A").exec((modem, c, a) -> Result.ERROR);
        t.command("D").write((modem, c, a) -> Result.ERROR);
        register(t, "S0", 0, 255, (modem, v) -> p(modem).s0 = v, modem -> p(modem).s0);
        register(t, "S3", 13, 13, (modem, v) -> { }, modem -> 13);
        register(t, "S4", 10, 10, (modem, v) -> { }, modem -> 10);
        register(t, "S5", 0, 127, (modem, v) -> p(modem).s5 = v, modem -> p(modem).s5);
        register(t, "S6", 0, 999, (modem, v) -> p(modem).s6 = v, modem -> p(modem).s6);
        register(t, "S7", 1, 255, (modem, v) -> p(modem).s7 = v, modem -> p(modem).s7);
        register(t, "S8", 0, 255, (modem, v) -> p(modem).s8 = v, modem -> p(modem).s8);
        register(t, "S10", 1, 254, (modem, v) -> p(modem).s10 = v, modem -> p(modem).s10);
    }

    private static Result listProfiles(ModemEngine modem, CommandContext c) {
        String[] current = p(modem).listing("ACTIVE PROFILE:");
        String[] user = modem.savedProfile().listing("STORED PROFILE:");
        String[] all = new String[current.length + user.length];
        System.arraycopy(current, 0, all, 0, current.length);
        System.arraycopy(user, 0, all, current.length, user.length);
        c.out().info(all);
        return Result.OK;
    }

    private static Result zeroOnly(Args a) {
        return Args.parseInt(a.param(0).text(), 0, 0) == 0 ? Result.OK : Result.ERROR;
    }

    /** A basic command taking one digit value in [min, max]; the bare form means 0. */
    private static CommandSpec.Builder<ModemEngine> basic(CommandTable.Section<?, ModemEngine> t, String name,
                                                          int min, int max, ObjIntConsumer<ModemEngine> set) {
        return t.command(name)
                .exec((modem, c, a) -> apply(modem, set, 0, min, max))
                .write((modem, c, a) -> apply(modem, set, Args.parseInt(a.param(0).text(), 0, 999), min, max));
    }

    private static Result apply(ModemEngine modem, ObjIntConsumer<ModemEngine> set, int v, int min, int max) {
        if (v < min || v > max) {
            return Result.ERROR;
        }
        set.accept(modem, v);
        return Result.OK;
    }

    private static void register(CommandTable.Section<?, ModemEngine> t, String name, int min, int max,
                                 ObjIntConsumer<ModemEngine> set, ToIntFunction<ModemEngine> get) {
        t.command(name)
                .read((modem, c, a) -> {
                    c.out().info(Integer.toString(get.applyAsInt(modem)));
                    return Result.OK;
                })
                .test((modem, c, a) -> {
                    c.out().info(name + ": (" + min + "-" + max + ")");
                    return Result.OK;
                })
                .write((modem, c, a) -> a.has(0) ? apply(modem, set, Args.parseInt(a.param(0).text(), 0, 999), min, max)
                        : Result.ERROR);
    }
}
