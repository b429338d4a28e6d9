package dev.sim800emu.modem.fleet;

/** A fleet cannot be started here; the message is one line for a person. */
public final class FleetException extends Exception {
    public FleetException(String message) {
        super(message);
    }
}
