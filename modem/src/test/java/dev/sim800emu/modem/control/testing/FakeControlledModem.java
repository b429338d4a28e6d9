package dev.sim800emu.modem.control.testing;

import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.ControlException;
import dev.sim800emu.modem.control.ModemStatus;
import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.runtime.ControlledModem;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A modem for the control surfaces' tests: records what it is told, refuses when told to. */
public final class FakeControlledModem implements ControlledModem {
    public static final ModemStatus STATUS = new ModemStatus("ON", "HOME", 20, true, true, "CONNECT OK",
            List.of(new ModemStatus.LinkStatus(0, "CONNECTED", "TCP", "127.0.0.1:5000", 5, 5, 3, "")),
            LinkConditions.preset("gprs-good"));

    public final List<ControlCommand> applied = new CopyOnWriteArrayList<>();
    public volatile String refusal;

    @Override
    public CompletableFuture<Void> control(ControlCommand command) {
        if (refusal != null) {
            return CompletableFuture.failedFuture(new ControlException(refusal));
        }
        applied.add(command);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<ModemStatus> status() {
        if (refusal != null) {
            return CompletableFuture.failedFuture(new ControlException(refusal));
        }
        return CompletableFuture.completedFuture(STATUS);
    }
}
