package dev.sim800emu.modem.record.logs;

import dev.sim800emu.modem.record.RecordedEvent;
import dev.sim800emu.modem.record.Recording;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a recording from a log: host and modem bytes in order, adjacent modem bytes merged into
 * one event. A log has no clock of ours, so events are 1 ms apart (replay with the fast timing).
 */
final class ImportedSession {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<RecordedEvent> events = new ArrayList<>();
    private final ByteArrayOutputStream modem = new ByteArrayOutputStream();
    private long micros;

    ImportedSession(String source) {
        options.put("source", source);
    }

    void host(byte[] bytes) {
        flushModem();
        if (bytes.length > 0) {
            events.add(RecordedEvent.host(next(), bytes));
        }
    }

    void modem(byte[] bytes) {
        modem.writeBytes(bytes);
    }

    private void flushModem() {
        if (modem.size() > 0) {
            events.add(RecordedEvent.modem(next(), modem.toByteArray()));
            modem.reset();
        }
    }

    private long next() {
        micros += 1000;
        return micros;
    }

    Recording recording() {
        flushModem();
        return new Recording(options, events);
    }
}
