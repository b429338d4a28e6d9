package dev.sim800emu.driver;

/**
 * A write to a link the peer (or the network) has closed ({@code n, CLOSED}), or that this side shut
 * down for output.
 */
public class LinkClosedException extends ModemException {
    public LinkClosedException(String message) {
        super(message);
    }
}
