package dev.sim800emu.cli;

import picocli.CommandLine;

/** The launcher's configured command line, for tests of subcommands in other packages. */
public final class MainAccess {
    private MainAccess() {
    }

    public static CommandLine commandLine() {
        return Main.commandLine(new Main());
    }
}
