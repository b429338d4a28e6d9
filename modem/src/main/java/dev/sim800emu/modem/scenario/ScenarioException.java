package dev.sim800emu.modem.scenario;

/** A scenario file that cannot be run; the message is one line naming the line of the file. */
public final class ScenarioException extends IllegalArgumentException {
    private final int line;

    public ScenarioException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
