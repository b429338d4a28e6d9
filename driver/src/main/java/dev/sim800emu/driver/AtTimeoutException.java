package dev.sim800emu.driver;

/** No final answer to a command within its timeout: the modem is busy, asleep or gone. */
public class AtTimeoutException extends ModemException {
    public AtTimeoutException(String message) {
        super(message);
    }
}
