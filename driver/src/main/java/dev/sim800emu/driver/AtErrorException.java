package dev.sim800emu.driver;

/** The modem answered a command with a plain {@code ERROR}. */
public class AtErrorException extends ModemException {
    private final String command;

    public AtErrorException(String command, String message) {
        super(message);
        this.command = command;
    }

    /** The command line that failed, as sent (without CR). */
    public String command() {
        return command;
    }
}
