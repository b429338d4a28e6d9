package dev.sim800emu.cli;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.runtime.SessionRecorder;
import dev.sim800emu.modem.runtime.VirtualModem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --record FILE}: the session in the recording format (docs/record-replay.md). */
final class RecordOptions {

    @Option(names = "--record", paramLabel = "FILE",
            description = "Write every byte both ways, DTR/RTS and the modem's lines, with timestamps, to FILE "
                    + "(replay it with: sim800emu replay FILE --as-host|--as-modem).")
    Path file;

    private SessionRecorder recorder;
    private PrintWriter err;

    /** Starts recording before any host connects; false (after one line on {@code err}) when FILE cannot be written. */
    boolean apply(VirtualModem modem, ModemConfig config, PrintWriter out, PrintWriter err) {
        this.err = err;
        if (file == null) {
            return true;
        }
        try {
            recorder = SessionRecorder.start(modem, config, file);
        } catch (IOException e) {
            err.println("sim800emu: cannot record to " + file + ": " + e.getMessage());
            return false;
        }
        out.println("sim800emu: recording the serial line to " + file);
        return true;
    }

    /** Writes what is left and closes the file (after the modem has stopped). */
    void finish() {
        if (recorder == null) {
            return;
        }
        try {
            recorder.close();
        } catch (IOException e) {
            err.println("sim800emu: the recording " + file + " is incomplete: " + e.getMessage());
            err.flush();
        }
        recorder = null;
    }
}
