package dev.sim800emu.modem.at;

/** One form of one command. Returns a {@link Result}; never prints OK or ERROR itself. */
@FunctionalInterface
public interface Handler {
    Result handle(CommandContext ctx, Args args);
}
