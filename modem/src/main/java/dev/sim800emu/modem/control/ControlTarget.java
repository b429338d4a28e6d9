package dev.sim800emu.modem.control;

/**
 * What the control plane acts on: one modem, called on the modem's own thread (its event loop, or
 * the test thread with a manual clock). The engine implements it; the thread-safe face for other
 * threads is the runtime's {@code VirtualModem}.
 */
public interface ControlTarget {

    /** Carries out {@code command}; throws {@link ControlException} when the modem refuses. */
    void apply(ControlCommand command);

    /** A snapshot of what the control plane can see. */
    ModemStatus status();
}
