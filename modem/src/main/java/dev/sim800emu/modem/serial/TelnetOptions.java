package dev.sim800emu.modem.serial;

import static dev.sim800emu.modem.serial.TelnetCodec.DO;
import static dev.sim800emu.modem.serial.TelnetCodec.DONT;
import static dev.sim800emu.modem.serial.TelnetCodec.WILL;
import static dev.sim800emu.modem.serial.TelnetCodec.WONT;

import java.util.Set;
import java.util.function.Consumer;

/**
 * The server's side of Telnet option negotiation (RFC 854/1143, simplified): which options are on
 * at our end ("we WILL") and at the peer's ("they WILL"), which of them we asked for, and what to
 * answer. Only the options in the two sets are ever enabled; any other request is refused.
 *
 * <p>Loops are avoided the classic way: a request for the state an option is already in gets no
 * answer, and an answer to one of our own requests is taken as an acknowledgement, not echoed.
 * Refusals (WONT/DONT to an unsupported option) are always sent, since a well-behaved peer never
 * answers them.
 */
final class TelnetOptions {
    /** Told when an option turns on: local is true for our side (WILL), false for theirs. */
    interface Listener {
        void enabled(int option, boolean local);
    }

    private final Set<Integer> localSupported;
    private final Set<Integer> remoteSupported;
    private final Consumer<byte[]> wire;
    private final Listener listener;
    private final boolean[] localOn = new boolean[256];
    private final boolean[] localAsked = new boolean[256];
    private final boolean[] remoteOn = new boolean[256];
    private final boolean[] remoteAsked = new boolean[256];

    /**
     * @param localSupported options we agree to perform (answer DO with WILL)
     * @param remoteSupported options we let the peer perform (answer WILL with DO)
     * @param wire where negotiation bytes go
     */
    TelnetOptions(Set<Integer> localSupported, Set<Integer> remoteSupported, Consumer<byte[]> wire,
                  Listener listener) {
        this.localSupported = localSupported;
        this.remoteSupported = remoteSupported;
        this.wire = wire;
        this.listener = listener;
    }

    /** Offers to perform {@code option}: IAC WILL, remembered so that the DO is not answered. */
    void offer(int option) {
        if (!localOn[option] && !localAsked[option]) {
            localAsked[option] = true;
            wire.accept(TelnetCodec.negotiation(WILL, option));
        }
    }

    /** Asks the peer to perform {@code option}: IAC DO, remembered likewise. */
    void request(int option) {
        if (!remoteOn[option] && !remoteAsked[option]) {
            remoteAsked[option] = true;
            wire.accept(TelnetCodec.negotiation(DO, option));
        }
    }

    /** Handles {@code IAC <verb> <option>} from the peer. */
    void receive(int verb, int option) {
        switch (verb) {
            case DO -> {
                if (!localSupported.contains(option)) {
                    wire.accept(TelnetCodec.negotiation(WONT, option));
                } else if (!localOn[option]) {
                    localOn[option] = true;
                    if (!localAsked[option]) {
                        wire.accept(TelnetCodec.negotiation(WILL, option));
                    }
                    localAsked[option] = false;
                    listener.enabled(option, true);
                }
            }
            case DONT -> {
                if (localOn[option]) {
                    localOn[option] = false;
                    wire.accept(TelnetCodec.negotiation(WONT, option));
                }
                localAsked[option] = false; // refused, if it was our offer
            }
            case WILL -> {
                if (!remoteSupported.contains(option)) {
                    wire.accept(TelnetCodec.negotiation(DONT, option));
                } else if (!remoteOn[option]) {
                    remoteOn[option] = true;
                    if (!remoteAsked[option]) {
                        wire.accept(TelnetCodec.negotiation(DO, option));
                    }
                    remoteAsked[option] = false;
                    listener.enabled(option, false);
                }
            }
            case WONT -> {
                if (remoteOn[option]) {
                    remoteOn[option] = false;
                    wire.accept(TelnetCodec.negotiation(DONT, option));
                }
                remoteAsked[option] = false;
            }
            default -> throw new IllegalArgumentException("not a negotiation verb: " + verb);
        }
    }
}
