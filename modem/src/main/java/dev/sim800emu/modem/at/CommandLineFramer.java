package dev.sim800emu.modem.at;

import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Finds command lines in the byte stream from the host, one byte at a time (SIM800 manual §1.4,
 * V.250 §5.2).
 *
 * <ul>
 *   <li>Bytes before an {@code AT}/{@code at} prefix are ignored; {@code A/} repeats the last line
 *       at once, without a terminator.
 *   <li>A line ends at CR (S3) or, for hosts that send LF only, at a bare LF; an LF that directly
 *       follows the terminating CR is swallowed.
 *   <li>S5 (backspace) deletes the previous character; other control characters are dropped.
 *   <li>At most 556 characters after "AT" are kept; a longer line is reported as overlong so that
 *       it is answered with ERROR and nothing on it runs.
 * </ul>
 *
 * Echo is not done here: the engine echoes every byte as it arrives, before acting on it.
 */
public final class CommandLineFramer {
    /** Maximum characters after "AT" (manual §1.4.4). */
    public static final int MAX_LINE = 556;

    /** What a byte completed. */
    public enum Event {
        NONE, LINE, REPEAT, OVERLONG
    }

    private enum State {
        IDLE, SAW_A, LINE
    }

    private final IntSupplier backspaceChar;
    private static final char[] NO_LINE = new char[0];
    /** Grows as a line needs it (up to {@link #MAX_LINE}): most lines are short, most modems idle. */
    private char[] line = NO_LINE;
    private int length;
    private boolean overflow;
    private State state = State.IDLE;
    private boolean afterCr;
    private String lastLine = "";

    public CommandLineFramer(IntSupplier backspaceChar) {
        this.backspaceChar = backspaceChar;
    }

    /** Consumes one byte (0..255). */
    public Event feed(int b) {
        boolean wasAfterCr = afterCr;
        afterCr = false;
        switch (state) {
            case IDLE -> {
                if (b == 'A' || b == 'a') {
                    state = State.SAW_A;
                }
                return Event.NONE;
            }
            case SAW_A -> {
                if (b == 'T' || b == 't') {
                    state = State.LINE;
                    length = 0;
                    overflow = false;
                } else if (b == '/') {
                    state = State.IDLE;
                    return Event.REPEAT;
                } else if (b != 'A' && b != 'a') {
                    state = State.IDLE;
                }
                return Event.NONE;
            }
            default -> {
                return feedLine(b, wasAfterCr);
            }
        }
    }

    private Event feedLine(int b, boolean wasAfterCr) {
        if (b == '\r' || (b == '\n' && !wasAfterCr)) {
            state = State.IDLE;
            afterCr = b == '\r';
            if (overflow) {
                return Event.OVERLONG;
            }
            if (!sameAsLastLine()) {
                lastLine = new String(line, 0, length);
            }
            return Event.LINE;
        }
        if (b == backspaceChar.getAsInt()) {
            if (length > 0) {
                length--;
            }
            return Event.NONE;
        }
        if (b < 0x20 || b == 0x7F) {
            return Event.NONE;
        }
        if (length < MAX_LINE) {
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(32, length * 2)));
            }
            line[length++] = (char) b;
        } else {
            overflow = true;
        }
        return Event.NONE;
    }

    /**
     * Whether the line just typed is the one before: a host repeats the same few lines (a
     * CIPSEND loop), and the same String then lets the executor reuse its parse.
     */
    private boolean sameAsLastLine() {
        if (lastLine.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lastLine.charAt(i) != line[i]) {
                return false;
            }
        }
        return true;
    }

    /** True between lines: no part of a command line has been typed. */
    public boolean idle() {
        return state == State.IDLE;
    }

    /** True when the previous byte was a line-ending CR, so an LF now belongs to it. */
    public boolean justEndedWithCr() {
        return afterCr;
    }

    /** The LF that belonged to the last CR has been taken (by the engine, from the same read). */
    public void lfTaken() {
        afterCr = false;
    }

    /** The text after "AT" of the line just completed, or of the previous one for {@code A/}. */
    public String lastLine() {
        return lastLine;
    }

    /** Forgets a partly typed line (reboot, entering data mode). */
    public void reset() {
        state = State.IDLE;
        length = 0;
        overflow = false;
        afterCr = false;
    }

    /** Forgets the line that A/ would repeat (power cycle). */
    public void clearHistory() {
        lastLine = "";
    }
}
