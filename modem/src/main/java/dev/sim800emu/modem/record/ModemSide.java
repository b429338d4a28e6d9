package dev.sim800emu.modem.record;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code replay --as-modem}, sans-I/O: plays the modem's side of a recording to a host. The host's
 * bytes are matched by content, as one stream (however the host chunks them); each stretch of
 * modem bytes is released once the host bytes the recording has before it have arrived. The first
 * host byte that differs from the recording ends the play with a {@link #divergence()}.
 *
 * <p>Hosts coming and going ({@code connect}/{@code disconnect}, one host at a time: {@link
 * Recording#asOneHost}): where the recording has the host leave, the play waits for it to
 * ({@link #hostLeft()}), and for the next host ({@link #hostCame()}) before playing on; a transport
 * that cannot tell a host leave (a pseudo-terminal) passes over them ({@code followSessions} false).
 */
public final class ModemSide {
    private static final int SHOWN = 60;

    /** Modem bytes to send, {@code delayMicros} after the event before them in the recording. */
    public record Send(byte[] bytes, long delayMicros, int line) {
    }

    private final List<RecordedEvent> events;
    private int next;
    /** Bytes of the current host event matched so far. */
    private int matched;
    private long lastMicros;
    private String divergence;

    public ModemSide(Recording recording) {
        this(recording, true);
    }

    public ModemSide(Recording recording, boolean followSessions) {
        this.events = followSessions ? recording.asOneHost()
                : recording.asOneHost().stream().filter(e -> !e.kind().session()).toList();
    }

    /** The first host is there: what the modem says before it sends anything (boot URCs). */
    public List<Send> start() {
        return hostCame();
    }

    /**
     * A host came: passes over the events up to the recording's next {@code connect} (if one comes
     * before the host's next bytes), and returns what the modem says before the host sends anything.
     */
    public List<Send> hostCame() {
        List<Send> out = new ArrayList<>();
        int c = next;
        while (c < events.size() && events.get(c).kind() != EventKind.HOST && !events.get(c).kind().session()) {
            c++;
        }
        if (c < events.size() && events.get(c).kind() == EventKind.CONNECT) {
            lastMicros = events.get(c).micros();
            next = c + 1;
        }
        advance(out);
        return out;
    }

    /**
     * The host closed the line: true when the recording has it leave here (the play goes on with
     * the next host, if the recording has one: {@link #finished()} says), false when it should not
     * have left.
     */
    public boolean hostLeft() {
        if (next < events.size() && events.get(next).kind() == EventKind.DISCONNECT) {
            lastMicros = events.get(next).micros();
            next++;
            return true;
        }
        return false;
    }

    /** The host sent {@code len} bytes: the modem bytes this releases, in order (empty once diverged). */
    public List<Send> fromHost(byte[] b, int off, int len) {
        List<Send> out = new ArrayList<>();
        int i = off;
        while (i < off + len && divergence == null) {
            if (next >= events.size()) {
                divergence = "the host sent '" + Escapes.escape(b, i, Math.min(SHOWN, off + len - i), false)
                        + "' after the recording's end";
                break;
            }
            RecordedEvent e = events.get(next);
            byte[] want = e.bytes();
            if (e.kind() != EventKind.HOST) {
                divergence = "line " + e.line() + ": the host sent '"
                        + Escapes.escape(b, i, Math.min(SHOWN, off + len - i), false)
                        + "' where the recording has it leave (" + e.kind().token() + " " + e.text() + ")";
                break;
            }
            if (b[i] != want[matched]) {
                int upTo = Math.min(off + len, i + SHOWN);
                divergence = "line " + e.line() + ": the host sent '"
                        + Escapes.escape(want, 0, matched, false) + Escapes.escape(b, i, upTo - i, false)
                        + "' where the recording has '" + Escapes.escape(want, 0, Math.min(want.length, SHOWN), false)
                        + "'";
                break;
            }
            i++;
            if (++matched == want.length) {
                matched = 0;
                lastMicros = e.micros();
                next++;
                advance(out);
            }
        }
        return out;
    }

    /** Takes the modem events up to the next host event or session event; control-line events are passed over. */
    private void advance(List<Send> out) {
        while (next < events.size() && events.get(next).kind() != EventKind.HOST && !events.get(next).kind().session()) {
            RecordedEvent e = events.get(next++);
            if (e.kind() == EventKind.MODEM) {
                out.add(new Send(e.bytes(), Math.max(0, e.micros() - lastMicros), e.line()));
                lastMicros = e.micros();
            }
        }
    }

    /** Every event played. */
    public boolean finished() {
        return next >= events.size();
    }

    /** What the host got wrong, or null. */
    public String divergence() {
        return divergence;
    }

    /** Where the play waits: the host bytes expected next and their line, for a time-out's report. */
    public String waitingFor() {
        if (next >= events.size()) {
            return "nothing";
        }
        RecordedEvent e = events.get(next);
        if (e.kind() == EventKind.DISCONNECT) {
            return "line " + e.line() + ": the host to leave";
        }
        if (e.kind() == EventKind.CONNECT) {
            return "line " + e.line() + ": a host to come";
        }
        byte[] want = e.bytes();
        return "line " + e.line() + ": '" + Escapes.escape(want, matched, Math.min(want.length - matched, SHOWN), false)
                + "' from the host";
    }
}
