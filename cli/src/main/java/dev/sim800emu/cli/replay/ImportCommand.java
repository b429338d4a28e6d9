package dev.sim800emu.cli.replay;

import dev.sim800emu.modem.record.Recording;
import dev.sim800emu.modem.record.RecordingFormat;
import dev.sim800emu.modem.record.logs.TerminalCapture;
import dev.sim800emu.modem.record.logs.TinyGsmLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sim800emu import --from tinygsm|screen LOG -o OUT}: a plain log as a recording. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turns a log you already have into a recording for replay (docs/record-replay.md):",
            "tinygsm: TinyGSM's debug output (StreamDebugger); screen: a screen -L log or a minicom capture."})
public final class ImportCommand implements Callable<Integer> {

    enum Kind { tinygsm, screen }

    @Option(names = "--from", paramLabel = "tinygsm|screen", required = true, description = "What kind of log LOG is.")
    Kind kind;

    @Parameters(paramLabel = "LOG", description = "The log.")
    Path log;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "The recording to write.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(log);
        } catch (NoSuchFileException e) {
            err.println("sim800emu: " + log + ": no such file");
            return Recordings.BAD_INPUT;
        } catch (IOException e) {
            err.println("sim800emu: " + log + ": cannot read: " + e.getMessage());
            return Recordings.BAD_INPUT;
        }
        Recording r = kind == Kind.tinygsm ? TinyGsmLog.parse(new String(bytes, StandardCharsets.ISO_8859_1))
                : TerminalCapture.parse(bytes);
        if (r.events().isEmpty()) {
            err.println("sim800emu: " + log + ": nothing to import");
            return Recordings.BAD_INPUT;
        }
        try {
            Files.writeString(output, RecordingFormat.write(r), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            err.println("sim800emu: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
        out.println("sim800emu: " + r.events().size() + " events from " + log + " written to " + output);
        return 0;
    }
}
