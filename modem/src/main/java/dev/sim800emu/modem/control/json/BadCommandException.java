package dev.sim800emu.modem.control.json;

/**
 * A control command that cannot be built: unknown verb, missing or unknown field, a value out of
 * range. The message is one line meant for a person; nothing has been sent to the modem.
 */
public final class BadCommandException extends IllegalArgumentException {
    public BadCommandException(String message) {
        super(message);
    }
}
