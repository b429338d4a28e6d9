package dev.sim800emu.driver.chat;

/**
 * One entry of the unsolicited match set: lines no command claims go to the first handler that
 * {@link #matches} them. Handlers run on the channel's reader thread: they must be quick and must
 * not send commands (that would wait for the very thread that runs them).
 */
public interface UrcHandler {

    boolean matches(String line);

    /** How many raw bytes follow the line ({@code +RECEIVE,n,len:} carries data); usually 0. */
    default int rawLength(String line) {
        return 0;
    }

    /** The line, and its raw bytes when {@link #rawLength} asked for some (else null). */
    void handle(String line, byte[] raw);

    /** A handler for lines matching {@code match}, without raw bytes. */
    static UrcHandler of(Match match, java.util.function.Consumer<String> action) {
        return new UrcHandler() {
            @Override
            public boolean matches(String line) {
                return match.test(line);
            }

            @Override
            public void handle(String line, byte[] raw) {
                action.accept(line);
            }
        };
    }
}
