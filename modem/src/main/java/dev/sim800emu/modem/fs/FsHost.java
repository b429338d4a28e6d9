package dev.sim800emu.modem.fs;

import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.time.ModemClock;

/** What the file-system commands need from the rest of the modem: FSWRITE's data input. */
public interface FsHost {
    ModemClock clock();

    /** Switches serial input to payload mode (FSWRITE after its prompt). */
    void beginPayload(PayloadSink sink);

    /** Ends the payload now with what has arrived (FSWRITE's time limit). */
    void flushPayload();
}
