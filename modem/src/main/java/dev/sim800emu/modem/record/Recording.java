package dev.sim800emu.modem.record;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded serial session: header options ({@code model}, {@code firmware}, {@code imei},
 * {@code source} …, in file order) and the events in time order.
 */
public record Recording(Map<String, String> options, List<RecordedEvent> events) {

    public Recording {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        events = List.copyOf(events);
    }

    /** A header option, or null. */
    public String option(String name) {
        return options.get(name);
    }

    /** Everything one side sent, in order. */
    public byte[] stream(EventKind side) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RecordedEvent e : events) {
            if (e.kind() == side) {
                out.writeBytes(e.bytes());
            }
        }
        return out.toByteArray();
    }

    /** Whether the line starts with no host: the first {@code connect}/{@code disconnect} event is a connect. */
    public boolean startsWithoutHost() {
        for (RecordedEvent e : events) {
            if (e.kind().session()) {
                return e.kind() == EventKind.CONNECT;
            }
        }
        return false;
    }

    /**
     * The events as a replay plays them, one host at a time: a {@code connect} that finds another
     * host on the line and a {@code disconnect} that leaves one there are dropped (several hosts
     * on the line are not told apart), and so are the modem's bytes while no host is there (nobody
     * heard them), and the changes of its lines then. A recording without session events (older, imported) is one session.
     */
    public List<RecordedEvent> asOneHost() {
        List<RecordedEvent> out = new ArrayList<>();
        int hosts = startsWithoutHost() ? 0 : 1;
        for (RecordedEvent e : events) {
            switch (e.kind()) {
                case CONNECT -> {
                    if (hosts++ == 0) {
                        out.add(e);
                    }
                }
                case DISCONNECT -> {
                    if (hosts > 0 && --hosts == 0) {
                        out.add(e);
                    }
                }
                case MODEM, LINES -> {
                    if (hosts > 0) {
                        out.add(e);
                    }
                }
                default -> out.add(e);
            }
        }
        return out;
    }

    /**
     * The modem's lines as the recording last has them before {@code event} (one of its events), as
     * a recording writes them; all off before any {@code lines} event. A host that connects is told
     * this state: it is no change.
     */
    public String linesBefore(RecordedEvent event) {
        String state = RecordedEvent.lines(0, false, false, false, false).text();
        for (RecordedEvent e : events) {
            if (e == event) {
                break;
            }
            if (e.kind() == EventKind.LINES) {
                state = e.text();
            }
        }
        return state;
    }

    /** The same recording with {@code transform} applied to every event (an edit, a test's change). */
    public Recording withEvents(List<RecordedEvent> replaced) {
        return new Recording(options, replaced);
    }
}
