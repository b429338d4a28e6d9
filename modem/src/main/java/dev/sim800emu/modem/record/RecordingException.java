package dev.sim800emu.modem.record;

/** A recording (or a log being imported) that cannot be read: the line number and what is wrong. */
public final class RecordingException extends Exception {
    private final int line;

    public RecordingException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
