package dev.sim800emu.modem.radio;

/**
 * What happens to the host's next voice calls (ATD…;) after {@code afterMillis}: the far end
 * answers, is busy, does not answer, or the call fails. Set by the control plane; the default is
 * an answer after 2 s.
 */
public record DialOutcome(Kind kind, long afterMillis) {
    public static final DialOutcome DEFAULT = new DialOutcome(Kind.ANSWER, 2000);
    /** Longest delay before the outcome (the manual's 20 s response time and then some). */
    public static final long MAX_MILLIS = 120_000;

    /** The far end's answer; the result code the host sees, if any. */
    public enum Kind {
        ANSWER(null), BUSY("BUSY"), NO_ANSWER("NO ANSWER"), NO_CARRIER("NO CARRIER");

        private final String result;

        Kind(String result) {
            this.result = result;
        }

        /** The result code that ends the call, or null when the call connects. */
        public String result() {
            return result;
        }
    }
}
