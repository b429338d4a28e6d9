package dev.sim800emu.modem;

import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.ControlException;
import dev.sim800emu.modem.control.ControlTarget;
import dev.sim800emu.modem.control.ModemStatus;

/**
 * Carries out control-plane commands on one modem (see {@link ControlCommand}); every command is
 * an entry point of the engine, so the modem settles afterwards.
 */
final class ModemController implements ControlTarget {
    private final ModemEngine modem;

    ModemController(ModemEngine modem) {
        this.modem = modem;
    }

    @Override
    public void apply(ControlCommand command) {
        throw new ControlException("not implemented yet: " + command.verb());
    }

    @Override
    public ModemStatus status() {
        throw new ControlException("not implemented yet: status");
    }
}
