package dev.sim800emu.modem.scenario;

import dev.sim800emu.modem.control.ControlCommand;

/**
 * One step of a scenario: wait for {@code trigger}, then {@code delayMillis} more (only after a
 * {@code when}), then carry out {@code command}. {@code line} is where the step starts in the file,
 * for messages.
 */
public record Step(int line, Trigger trigger, long delayMillis, ControlCommand command) {

    /** How logs name the step: {@code line 7: pdp-deact}. */
    public String describe() {
        return "line " + line + ": " + command.verb();
    }
}
