package dev.sim800emu.cli;

import dev.sim800emu.cli.replay.ImportCommand;
import dev.sim800emu.cli.replay.ReplayCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * The picocli command lines of {@code sim800emu}: the full one, with the subcommands (ctl, fleet,
 * replay, import), and a lean one without them for the common run — start one modem — which is then
 * ready sooner: picocli reflects on every option of every subcommand when it builds a command line
 * (ctl alone has 21 verbs), and that took more of start-up than anything else.
 *
 * <p>The lean one is only used where it cannot show: no argument names a subcommand, asks for help
 * or the version, or could (a short option, an {@code @file}); and an argument it rejects goes to the
 * full one, so that errors and suggestions read exactly as before.
 */
final class CommandLines {
    /** The subcommands' names, as their {@code @Command} annotations give them. */
    static final Set<String> SUBCOMMAND_NAMES = Set.of("ctl", "fleet", "replay", "import");

    private CommandLines() {
    }

    /** The command line {@code args} need: the lean one when nothing in them involves a subcommand. */
    static CommandLine forArgs(String[] args) {
        return build(new Main(), !leanSuffices(args));
    }

    /** The full command line: bad options give one clear line and exit code 2. */
    static CommandLine full(Main main) {
        return build(main, true);
    }

    /** The lean command line: the modem's options only. */
    static CommandLine lean(Main main) {
        return build(main, false);
    }

    /** Whether the lean command line runs {@code args} exactly as the full one would. */
    static boolean leanSuffices(String[] args) {
        for (String a : args) {
            boolean shortOption = a.startsWith("-") && !a.startsWith("--");
            if (SUBCOMMAND_NAMES.contains(a) || a.equals("--help") || a.equals("--version") || shortOption
                    || a.startsWith("@")) {
                return false;
            }
        }
        return true;
    }

    private static CommandLine build(Main main, boolean withSubcommands) {
        CommandLine cl = new CommandLine(main);
        if (withSubcommands) {
            for (Class<?> sub : List.of(Ctl.class, FleetCommand.class, ReplayCommand.class, ImportCommand.class)) {
                cl.addSubcommand(sub);
            }
        }
        cl.setParameterExceptionHandler((ex, args) -> {
            if (!withSubcommands) {
                CommandLine fullLine = full(new Main());
                fullLine.setOut(ex.getCommandLine().getOut());
                fullLine.setErr(ex.getCommandLine().getErr());
                return fullLine.execute(args);
            }
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("sim800emu: " + ex.getMessage() + " (try --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String msg = ex.getMessage();
            commandLine.getErr().println("sim800emu: " + (msg == null ? ex.toString() : msg));
            return 1;
        });
        return cl;
    }
}
