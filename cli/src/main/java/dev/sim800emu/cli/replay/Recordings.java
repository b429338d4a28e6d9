package dev.sim800emu.cli.replay;

import dev.sim800emu.modem.record.Recording;
import dev.sim800emu.modem.record.RecordingException;
import dev.sim800emu.modem.record.RecordingFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a recording for a subcommand: one line on standard error and null when it cannot be had. */
final class Recordings {
    /** Exit status for a malformed file or a bad option. */
    static final int BAD_INPUT = 2;

    private Recordings() {
    }

    static Recording read(Path file, PrintWriter err) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return RecordingFormat.parse(in);
        } catch (RecordingException e) {
            err.println("sim800emu: " + file + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            err.println("sim800emu: " + file + ": no such file");
        } catch (IOException e) {
            err.println("sim800emu: " + file + ": cannot read: " + e.getMessage());
        }
        err.flush();
        return null;
    }
}
