package dev.sim800emu.modem.command;

import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.settings.Profile;

/** What the V.250 basic commands ({@link BasicCommands}) work on. */
public interface BasicHost {
    /** The active settings. */
    Profile settings();

    /** The profile AT&W saves to and ATZ restores from. */
    Profile savedSettings();

    ModemIdentity identity();
}
