package dev.sim800emu.modem.runtime;

import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.ControlException;
import dev.sim800emu.modem.control.ModemStatus;
import java.util.concurrent.CompletableFuture;

/**
 * The control plane of one modem as other threads see it: each call hops onto the modem's own
 * thread and answers through a future, so a caller on an event loop never blocks. The HTTP API
 * serves these; {@link VirtualModem} is the real one.
 */
public interface ControlledModem {

    /**
     * Carries out {@code command}; the future fails with {@link ControlException} when the modem
     * refuses it (the message is one line for a person).
     */
    CompletableFuture<Void> control(ControlCommand command);

    /** A snapshot of the modem; fails with {@link ControlException} when it cannot be taken. */
    CompletableFuture<ModemStatus> status();

    /** What --host-check has found so far, taken on the modem's thread; null when it is off. */
    default CompletableFuture<HostCheckReport> hostCheckReport() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Shows the serial line to {@code observer}, on the modem's thread, until the returned action
     * is run (from any thread). The live view watches only the modem it shows, so a modem nobody
     * watches pays nothing. Fails with {@link ControlException} when this modem's line cannot be
     * watched.
     */
    default CompletableFuture<Runnable> watch(SerialObserver observer) {
        return CompletableFuture.failedFuture(new ControlException("this modem's serial line cannot be watched"));
    }
}
