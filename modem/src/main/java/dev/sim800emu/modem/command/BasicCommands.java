package dev.sim800emu.modem.command;

import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.Profile;
import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandSpec;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import java.util.function.IntConsumer;

/**
 * V.250 basic commands (SIM800 manual chapter 2): ATE, ATV, ATQ, ATX, ATI, ATZ, AT&F, AT&W, AT&V,
 * AT&C, AT&D, ATO, ATH, ATA, ATD and the S-registers. A basic command without a value means value 0
 * ({@code ATE} is {@code ATE0}).
 */
public final class BasicCommands {
    private final ModemEngine modem;

    private BasicCommands(ModemEngine modem) {
        this.modem = modem;
    }

    public static void register(CommandTable t, ModemEngine modem) {
        new BasicCommands(modem).registerAll(t);
    }

    private Profile p() {
        return modem.activeProfile();
    }

    private void registerAll(CommandTable t) {
        t.add(basic("E", 0, 1, v -> p().echo = v == 1));
        t.add(basic("V", 0, 1, v -> p().verbose = v == 1));
        t.add(basic("Q", 0, 1, v -> p().quiet = v == 1));
        t.add(basic("X", 0, 4, v -> p().x = v));
        t.add(basic("&C", 0, 1, v -> p().ampC = v));
        t.add(basic("&D", 0, 2, v -> p().ampD = v));
        t.add(basic("I", 0, 0, v -> { }).exec((c, a) -> {
            c.out().info(modem.config().identity().product());
            return Result.OK;
        }).write((c, a) -> {
            c.out().info(modem.config().identity().product());
            return Result.OK;
        }));
        t.add(basic("Z", 0, 0, v -> p().copyFrom(modem.savedProfile(), false)));
        t.add(basic("&F", 0, 0, v -> p().copyFrom(modem.factoryProfile(), false)));
        t.add(basic("&W", 0, 0, v -> modem.savedProfile().copyFrom(p(), true)));
        t.add(CommandSpec.named("&V").exec((c, a) -> {
            String[] current = p().listing("ACTIVE PROFILE:");
            String[] user = modem.savedProfile().listing("STORED PROFILE:");
            String[] all = new String[current.length + user.length];
            System.arraycopy(current, 0, all, 0, current.length);
            System.arraycopy(user, 0, all, current.length, user.length);
            c.out().info(all);
            return Result.OK;
        }).write((c, a) -> Args.parseInt(a.param(0).text(), 0, 0) == 0 ? t.find("&V").exec().handle(c, a) : Result.ERROR));
        // No circuit-switched data: there is never a call to answer, hang up or resume.
        t.add(CommandSpec.named("H").exec((c, a) -> Result.OK).write((c, a) -> zeroOnly(a)));
        t.add(CommandSpec.named("A").exec((c, a) -> Result.ERROR));
        t.add(CommandSpec.named("D").write((c, a) -> Result.ERROR));
        register(t, "S0", 0, 255, v -> p().s0 = v, () -> p().s0);
        register(t, "S3", 13, 13, v -> { }, () -> 13);
        register(t, "S4", 10, 10, v -> { }, () -> 10);
        register(t, "S5", 0, 127, v -> p().s5 = v, () -> p().s5);
        register(t, "S6", 0, 999, v -> p().s6 = v, () -> p().s6);
        register(t, "S7", 1, 255, v -> p().s7 = v, () -> p().s7);
        register(t, "S8", 0, 255, v -> p().s8 = v, () -> p().s8);
        register(t, "S10", 1, 254, v -> p().s10 = v, () -> p().s10);
    }

    private static Result zeroOnly(Args a) {
        return Args.parseInt(a.param(0).text(), 0, 0) == 0 ? Result.OK : Result.ERROR;
    }

    /** A basic command taking one digit value in [min, max]; the bare form means 0. */
    private static CommandSpec.Builder basic(String name, int min, int max, IntConsumer set) {
        return CommandSpec.named(name)
                .exec((c, a) -> apply(set, 0, min, max))
                .write((c, a) -> apply(set, Args.parseInt(a.param(0).text(), 0, 999), min, max));
    }

    private static Result apply(IntConsumer set, int v, int min, int max) {
        if (v < min || v > max) {
            return Result.ERROR;
        }
        set.accept(v);
        return Result.OK;
    }

    private static void register(CommandTable t, String name, int min, int max, IntConsumer set,
                                 java.util.function.IntSupplier get) {
        t.add(CommandSpec.named(name)
                .read((CommandContext c, Args a) -> {
                    c.out().info(Integer.toString(get.getAsInt()));
                    return Result.OK;
                })
                .test((c, a) -> {
                    c.out().info(name + ": (" + min + "-" + max + ")");
                    return Result.OK;
                })
                .write((c, a) -> a.has(0) ? apply(set, Args.parseInt(a.param(0).text(), 0, 999), min, max)
                        : Result.ERROR));
    }
}
