package dev.sim800emu.driver;

/** {@code n, CONNECT FAIL}: the peer refused, could not be resolved or did not answer in time. */
public class ConnectFailedException extends ModemException {
    public ConnectFailedException(String message) {
        super(message);
    }
}
