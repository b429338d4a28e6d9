package dev.sim800emu.modem.command;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.radio.AppBearers;
import dev.sim800emu.modem.radio.Radio;

/** What AT+SAPBR ({@link BearerProfileCommands}) works on. */
public interface BearerHost {
    AppBearers appBearers();

    Radio radio();

    ModemConfig config();
}
