package dev.sim800emu.modem.sms;

import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.radio.Radio;
import java.time.ZonedDateTime;

/** What the SMS commands ({@link SmsCommands}) work on. */
public interface SmsHost {
    /** Storages, SMS settings, the network's record of sent messages. */
    Radio radio();

    ModemConfig config();

    /** The modem's clock, for the time stamps of messages. */
    ZonedDateTime now();

    /** After a {@code > } prompt: the bytes the host types go to {@code sink}. */
    void beginPayload(PayloadSink sink);
}
