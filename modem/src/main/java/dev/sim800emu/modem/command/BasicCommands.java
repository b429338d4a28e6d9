package dev.sim800emu.modem.command;

import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandSpec;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.settings.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * V.250 basic commands (SIM800 manual chapter 2): ATE, ATV, ATQ, ATX, ATI, ATZ, AT&F, AT&W, AT&V,
 * AT&C, AT&D and the S-registers (ATA, ATD and ATH are call commands: {@link CallCommands}, {@link DialCommands}). A basic command without a value means value 0
 * ({@code ATE} is {@code ATE0}).
 */
public final class BasicCommands {
    private BasicCommands() {
    }

    public static void register(CommandTable.Section<?, BasicHost> t) {
        basic(t, "E", Setting.ECHO);
        basic(t, "V", Setting.VERBOSE);
        basic(t, "Q", Setting.QUIET);
        basic(t, "X", Setting.X);
        basic(t, "&C", Setting.AMP_C);
        basic(t, "&D", Setting.AMP_D);
        action(t, "I", modem -> { }).exec((modem, c, a) -> {
            c.out().info(modem.identity().product());
            return Result.OK;
        }).write((modem, c, a) -> {
            c.out().info(modem.identity().product());
            return Result.OK;
        });
        action(t, "Z", modem -> modem.settings().restoreFrom(modem.savedSettings()));
        action(t, "&F", modem -> modem.settings().restoreFactory());
        action(t, "&W", modem -> modem.savedSettings().copyFrom(modem.settings()));
        t.command("&V").exec((modem, c, a) -> listProfiles(modem, c))
                .write((modem, c, a) -> Args.parseInt(a.param(0).text(), 0, 0) == 0 ? listProfiles(modem, c) : Result.ERROR);
        register(t, "S0", Setting.S0);
        register(t, "S3", Setting.S3);
        register(t, "S4", Setting.S4);
        register(t, "S5", Setting.S5);
        register(t, "S6", Setting.S6);
        register(t, "S7", Setting.S7);
        register(t, "S8", Setting.S8);
        register(t, "S10", Setting.S10);
    }

    private static Result listProfiles(BasicHost modem, CommandContext c) {
        List<String> all = new ArrayList<>(modem.settings().listing("ACTIVE PROFILE:"));
        all.addAll(modem.savedSettings().listing("STORED PROFILE:"));
        c.out().info(all.toArray(new String[0]));
        return Result.OK;
    }

    /** A basic command setting {@code s} to one digit value; the bare form means 0. */
    private static void basic(CommandTable.Section<?, BasicHost> t, String name, Setting s) {
        t.command(name)
                .exec((modem, c, a) -> apply(modem, s, 0))
                .write((modem, c, a) -> apply(modem, s, Args.parseInt(a.param(0).text(), 0, 999)));
    }

    /** A basic command that takes only the value 0 (or none) and then runs {@code action}. */
    private static CommandSpec.Builder<BasicHost> action(CommandTable.Section<?, BasicHost> t, String name,
                                                        Consumer<BasicHost> action) {
        return t.command(name)
                .exec((modem, c, a) -> run(modem, action, 0))
                .write((modem, c, a) -> run(modem, action, Args.parseInt(a.param(0).text(), 0, 999)));
    }

    private static Result run(BasicHost modem, Consumer<BasicHost> action, int v) {
        if (v != 0) {
            return Result.ERROR;
        }
        action.accept(modem);
        return Result.OK;
    }

    private static Result apply(BasicHost modem, Setting s, int v) {
        if (!s.accepts(v)) {
            return Result.ERROR;
        }
        modem.settings().set(s, v);
        return Result.OK;
    }

    /** An S-register: {@code ATSn?}, {@code ATSn=?} (its range) and {@code ATSn=v}. */
    private static void register(CommandTable.Section<?, BasicHost> t, String name, Setting s) {
        t.command(name)
                .read((modem, c, a) -> {
                    c.out().info(Integer.toString(modem.settings().get(s)));
                    return Result.OK;
                })
                .test((modem, c, a) -> {
                    c.out().info(name + ": (" + s.min() + "-" + s.max() + ")");
                    return Result.OK;
                })
                .write((modem, c, a) -> a.has(0) ? apply(modem, s, Args.parseInt(a.param(0).text(), 0, 999))
                        : Result.ERROR);
    }
}
