package dev.sim800emu.modem.at;

/** What a running command may do besides returning its result. */
public interface CommandContext {

    /** Where information text goes; it is flushed to the host in order with the final result. */
    ResponseWriter out();

    /** Finishes a command that answered {@link Result#PENDING}; the rest of its line then runs. */
    void complete(Result result);
}
