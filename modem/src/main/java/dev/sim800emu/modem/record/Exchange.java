package dev.sim800emu.modem.record;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One step of {@code replay --as-host}: a host action ({@code >} bytes, {@code dtr}, {@code rts},
 * {@code connect} or {@code disconnect}; null for the start, where the modem boots) and the modem
 * bytes the recording has after it, up to the next host action. {@code replyEvents} are the modem
 * events those bytes came in, for line numbers; {@code lines} the changes of the modem's output
 * lines in the same stretch.
 */
public record Exchange(RecordedEvent action, byte[] expected, List<RecordedEvent> replyEvents,
                       List<RecordedEvent> lines) {

    public Exchange(RecordedEvent action, byte[] expected, List<RecordedEvent> replyEvents) {
        this(action, expected, replyEvents, List.of());
    }

    /** How far a reply has come: all of it, part of it, or something else. */
    public enum Progress { COMPLETE, PARTIAL, DIFFERENT }

    /** The recording, one host at a time ({@link Recording#asOneHost}), cut at every host action. */
    public static List<Exchange> of(Recording recording) {
        List<Exchange> out = new ArrayList<>();
        RecordedEvent action = null;
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        List<RecordedEvent> replies = new ArrayList<>();
        List<RecordedEvent> lines = new ArrayList<>();
        for (RecordedEvent e : recording.asOneHost()) {
            switch (e.kind()) {
                case MODEM -> {
                    reply.writeBytes(e.bytes());
                    replies.add(e);
                }
                case LINES -> lines.add(e);
                case HOST, DTR, RTS, CONNECT, DISCONNECT -> {
                    out.add(new Exchange(action, reply.toByteArray(), List.copyOf(replies), List.copyOf(lines)));
                    action = e;
                    reply.reset();
                    replies.clear();
                    lines.clear();
                }
            }
        }
        out.add(new Exchange(action, reply.toByteArray(), List.copyOf(replies), List.copyOf(lines)));
        return out;
    }

    /** The recorded line changes as text: {@code dcd=1 ri=0 cts=1 dsr=1}, one a change. */
    public List<String> expectedLines() {
        return lines.stream().map(RecordedEvent::text).toList();
    }

    /** Where {@code actual} (the bytes received since this exchange's action) stands against the reply. */
    public Progress progress(byte[] actual, int from, int to) {
        int n = to - from;
        if (n > expected.length || !Arrays.equals(actual, from, to, expected, 0, n)) {
            return Progress.DIFFERENT;
        }
        return n == expected.length ? Progress.COMPLETE : Progress.PARTIAL;
    }

    /** The line of the modem event holding byte {@code offset} of the reply (the last one past the end). */
    public int lineAt(int offset) {
        int end = 0;
        for (RecordedEvent e : replyEvents) {
            end += e.bytes().length;
            if (offset < end) {
                return e.line();
            }
        }
        if (!replyEvents.isEmpty()) {
            return replyEvents.get(replyEvents.size() - 1).line();
        }
        return action == null ? 0 : action.line();
    }
}
