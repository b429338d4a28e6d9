package dev.sim800emu.modem.record;

import java.io.ByteArrayOutputStream;
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

    /** The same recording with {@code transform} applied to every event (an edit, a test's change). */
    public Recording withEvents(List<RecordedEvent> replaced) {
        return new Recording(options, replaced);
    }
}
