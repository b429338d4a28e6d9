package dev.sim800emu.driver;

import java.io.IOException;

/**
 * Something the modem said or failed to say. An {@link IOException}, so that socket streams can
 * throw it as they throw any I/O failure; the subclasses tell the cases apart.
 */
public class ModemException extends IOException {
    public ModemException(String message) {
        super(message);
    }

    public ModemException(String message, Throwable cause) {
        super(message, cause);
    }
}
