package dev.sim800emu.modem.at;

/** One command of a command line: name, form and the raw parameter text of a write form. */
public record Invocation(String name, CommandSpec.Form form, String rawArgs) {

    public Args args() {
        return form == CommandSpec.Form.WRITE ? Args.parse(rawArgs) : Args.none();
    }
}
