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
 * compared; and after {@code timeout} beyond the recorded wait at the latest. Where the link
 * reports the modem's lines, a reply is complete when their recorded changes have come too, and
 * they are compared like the bytes. Hosts come and go where the recording has them.
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
        int[] lineMarks = new int[exchanges.size() + 1];
        long start = System.nanoTime();
        if (!recording.startsWithoutHost()) {
            link.connect();
        }
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
                lineMarks[i] = received.linesCount();
                if (action.kind() == EventKind.CONNECT) {
                    received.linesBaseline(recording.linesBefore(action));
                }
                act(action, link, notes);
            }
            awaitReply(x, received, marks[i], lineMarks[i], link.reportsLines(),
                    x.replyEvents().isEmpty() ? 0 : recordedSpan(x), i == exchanges.size() - 1);
        }
        marks[exchanges.size()] = received.size();
        lineMarks[exchanges.size()] = received.linesCount();
        byte[] all = received.snapshot();
        List<byte[]> actual = new ArrayList<>();
        List<List<String>> lines = new ArrayList<>();
        for (int i = 0; i < exchanges.size(); i++) {
            int last = i + 1 == exchanges.size() ? 1 : 0; // the last exchange takes whatever came after it
            actual.add(Arrays.copyOfRange(all, marks[i], last == 1 ? all.length : marks[i + 1]));
            lines.add(received.lines(lineMarks[i], last == 1 ? received.linesCount() : lineMarks[i + 1]));
        }
        return DiffReport.compare(exchanges, actual, link.reportsLines() ? lines : null, normalise, notes);
    }

    private static void act(RecordedEvent action, ReplayLink link, List<String> notes) throws IOException {
        switch (action.kind()) {
            case HOST -> link.send(action.bytes());
            case CONNECT -> link.connect();
            case DISCONNECT -> link.disconnect(action.poweredOff());
            case DTR, RTS -> {
                if (!link.control(action.kind() == EventKind.RTS, action.asserted())) {
                    notes.add("line " + action.line() + ": " + action.kind().token() + " " + action.text()
                            + " not replayed: " + link.describe() + " carries no control lines");
                }
            }
            default -> throw new IllegalArgumentException("not a host action: " + action.kind());
        }
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
    private void awaitReply(Exchange x, Received received, int mark, int lineMark, boolean lines, long recordedNanos,
                            boolean last) throws InterruptedException {
        long begun = System.nanoTime();
        long deadline = begun + recordedNanos + timeoutNanos;
        int linesWanted = lines ? x.lines().size() : 0;
        if (x.expected().length == 0 && linesWanted == 0 && !last) {
            return;
        }
        while (!received.closed()) {
            byte[] now = received.snapshot();
            int linesNow = received.linesCount() - lineMark;
            Exchange.Progress p = x.progress(now, mark, now.length);
            if (p == Exchange.Progress.COMPLETE && linesNow < linesWanted) {
                p = Exchange.Progress.PARTIAL; // the bytes are in, the lines' change still to come
            }
            long left = deadline - System.nanoTime();
            if (p == Exchange.Progress.COMPLETE && !last || left <= 0) {
                return;
            }
            if (p == Exchange.Progress.PARTIAL) {
                received.awaitMore(now.length, received.linesCount(), left);
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
