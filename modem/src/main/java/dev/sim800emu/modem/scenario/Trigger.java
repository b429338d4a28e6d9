package dev.sim800emu.modem.scenario;

/** What a scenario step waits for before it acts. */
public sealed interface Trigger {

    /** {@code at: 5s}: a time counted from the scenario's start. */
    record At(long millis) implements Trigger {
    }

    /** {@code after: 2s}: a time counted from the previous step (from the start for the first). */
    record After(long millis) implements Trigger {
    }

    /** {@code when: {host: "AT+CIPSTART"}}: the host sends a line containing {@code text}. */
    record HostSays(String text) implements Trigger {
    }

    /** {@code when: {modem: "CONNECT OK"}}: the modem prints a line containing {@code text}. */
    record ModemSays(String text) implements Trigger {
    }
}
