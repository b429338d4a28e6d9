package dev.sim800emu.modem.scenario;

/** What a running scenario reports, on the modem's thread (the launcher prints it). */
public interface ScenarioListener {

    /** The step's command was carried out. */
    default void applied(Step step) {
    }

    /** The modem refused the step's command; the scenario goes on with the next step. */
    default void refused(Step step, String reason) {
    }

    /** The last step has been carried out (or refused). */
    default void finished() {
    }
}
