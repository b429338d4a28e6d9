package dev.sim800emu.cli.replay;

import dev.sim800emu.modem.record.DiffReport;
import dev.sim800emu.modem.record.EventKind;
import dev.sim800emu.modem.record.Exchange;
import dev.sim800emu.modem.record.Normalisation;
import dev.sim800emu.modem.record.RecordedEvent;
import dev.sim800emu.modem.record.Recording;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code replay --as-host}: plays the host's side of a recording to a link and compares the replies.
 * Each host action waits for the reply before it: sent as soon as the bytes received since the last
 * action are the recorded ones (or, with recorded timing, not before the recorded moment either);
 * after a reply that differs, once the line has been quiet for {@code quiet}, so the whole of it is
 * compared; and after {@code timeout} beyond the recorded wait at the latest.
 */
final class HostReplay {
    private final Recording recording;
    private final boolean recordedTiming;
    private final long quietNanos;
    private final long timeoutNanos;

    HostReplay(Recording recording, boolean recordedTiming, long quietMillis, long timeoutMillis) {
        this.recording = recording;
        this.recordedTiming = recordedTiming;
        this.quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    DiffReport run(ReplayLink link, Received received, Set<Normalisation> normalise) throws IOException,
            InterruptedException {
        List<Exchange> exchanges = Exchange.of(recording);
        List<String> notes = new ArrayList<>();
        int[] marks = new int[exchanges.size() + 1];
        long start = System.nanoTime();
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange x = exchanges.get(i);
            RecordedEvent action = x.action();
            if (action != null) {
                if (recordedTiming) {
                    long due = start + TimeUnit.MICROSECONDS.toNanos(action.micros());
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                marks[i] = received.size();
                if (action.kind() == EventKind.HOST) {
                    link.send(action.bytes());
                } else if (!link.control(action.kind() == EventKind.RTS, action.asserted())) {
                    notes.add("line " + action.line() + ": " + action.kind().token() + " " + action.text()
                            + " not replayed: " + link.describe() + " carries no control lines");
                }
            }
            awaitReply(x, received, marks[i], x.replyEvents().isEmpty() ? 0 : recordedSpan(x), i == exchanges.size() - 1);
        }
        marks[exchanges.size()] = received.size();
        byte[] all = received.snapshot();
        List<byte[]> actual = new ArrayList<>();
        for (int i = 0; i < exchanges.size(); i++) {
            actual.add(Arrays.copyOfRange(all, marks[i], i + 1 < exchanges.size() ? marks[i + 1] : all.length));
        }
        return DiffReport.compare(exchanges, actual, normalise, notes);
    }

    /** How long the recording took from the action to the last byte of its reply. */
    private static long recordedSpan(Exchange x) {
        long from = x.action() == null ? 0 : x.action().micros();
        return TimeUnit.MICROSECONDS.toNanos(x.replyEvents().get(x.replyEvents().size() - 1).micros() - from);
    }

    /**
     * Waits for {@code x}'s reply (the bytes after {@code mark}). An exchange with no recorded reply
     * does not wait, except the last, which listens for a quiet period for anything unexpected; a
     * reply the modem sends anyway shows up in the next exchange's report.
     */
    private void awaitReply(Exchange x, Received received, int mark, long recordedNanos, boolean last)
            throws InterruptedException {
        long begun = System.nanoTime();
        long deadline = begun + recordedNanos + timeoutNanos;
        if (x.expected().length == 0 && !last) {
            return;
        }
        while (!received.closed()) {
            byte[] now = received.snapshot();
            Exchange.Progress p = x.progress(now, mark, now.length);
            long left = deadline - System.nanoTime();
            if (p == Exchange.Progress.COMPLETE && !last || left <= 0) {
                return;
            }
            if (p == Exchange.Progress.PARTIAL && x.expected().length > 0) {
                received.awaitMore(now.length, left);
                continue;
            }
            // a reply that differs, or the end: take what comes until the line has been quiet a while
            long quietLeft = Math.max(received.lastArrivalNanos(), begun) + quietNanos
                    - System.nanoTime();
            if (quietLeft <= 0) {
                return;
            }
            received.awaitMore(now.length, Math.min(left, quietLeft));
        }
    }
}
