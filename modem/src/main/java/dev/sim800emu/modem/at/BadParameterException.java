package dev.sim800emu.modem.at;

/**
 * A parameter is missing, malformed or out of range. The command layer answers it with a plain
 * ERROR; it never escapes the engine. Thrown often on bad input, so it carries no stack trace.
 */
public final class BadParameterException extends RuntimeException {
    public BadParameterException(String message) {
        super(message, null, false, false);
    }
}
