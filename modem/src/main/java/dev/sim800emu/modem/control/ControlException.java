package dev.sim800emu.modem.control;

/**
 * The modem refuses a control command (no such link, the modem is off, a value out of range). The
 * message is one line meant for a person: the CLI prints it, the HTTP API returns it as JSON.
 */
public final class ControlException extends RuntimeException {
    public ControlException(String message) {
        super(message);
    }
}
