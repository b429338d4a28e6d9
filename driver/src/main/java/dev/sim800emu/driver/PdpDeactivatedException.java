package dev.sim800emu.driver;

/**
 * {@code +PDP: DEACT}: the network dropped the GPRS context, and with it every link. Attach again
 * ({@link Sim800#attachGprs}) before opening new sockets.
 */
public class PdpDeactivatedException extends ModemException {
    public PdpDeactivatedException(String message) {
        super(message);
    }
}
