package dev.sim800emu.modem.radio;

import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the network saw the modem send (AT+CMGS, AT+CMSS): kept for the control plane to show, with
 * the message reference each submission got. The control plane can make the next sends fail with
 * a +CMS ERROR code. It is the network's record, so it survives the modem's power cycles.
 */
public final class SentMessages {
    /** Submissions kept for the control API; older ones are forgotten. */
    public static final int KEPT = 100;

    /** One submission: {@code error} 0 when it was accepted, else the +CMS ERROR code it got. */
    public record Sent(int mr, String to, String text, ZonedDateTime at, int error) {
    }

    /** Made on first send: most modems never send one. */
    private Deque<Sent> log;
    private int nextMr;
    private int failError;
    /** Sends still to fail; below zero means every send until cleared. */
    private int failCount;

    /**
     * Sends a message: returns its message reference (0–255, one more per submission), or the
     * negated +CMS ERROR code when the control plane made it fail.
     */
    public int submit(String to, String text, ZonedDateTime at) {
        if (failError != 0 && failCount != 0) {
            int error = failError;
            if (failCount > 0 && --failCount == 0) {
                failError = 0;
            }
            keep(new Sent(-1, to, text, at, error));
            return -error;
        }
        int mr = nextMr;
        nextMr = (nextMr + 1) & 0xFF;
        keep(new Sent(mr, to, text, at, 0));
        return mr;
    }

    private void keep(Sent s) {
        if (log == null) {
            log = new ArrayDeque<>();
        }
        if (log.size() == KEPT) {
            log.removeFirst();
        }
        log.addLast(s);
    }

    /** The next {@code count} sends (every send when {@code count} is below 1) fail with {@code error}; 0 clears. */
    public void failNext(int error, int count) {
        failError = error;
        failCount = error == 0 ? 0 : count < 1 ? -1 : count;
    }

    public int failError() {
        return failCount == 0 ? 0 : failError;
    }

    public List<Sent> all() {
        return log == null ? List.of() : new ArrayList<>(log);
    }
}
