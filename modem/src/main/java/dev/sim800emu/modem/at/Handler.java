package dev.sim800emu.modem.at;

/**
 * One form of one command. Returns a {@link Result}; never prints OK or ERROR itself.
 *
 * @param <H> what the command works on: the narrow view of the modem its family needs. The table
 *     is shared by every modem, so a handler keeps no state of its own; it reaches the modem it
 *     runs for through {@code host}.
 */
@FunctionalInterface
public interface Handler<H> {
    Result handle(H host, CommandContext ctx, Args args);
}
