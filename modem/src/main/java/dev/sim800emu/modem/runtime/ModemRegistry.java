package dev.sim800emu.modem.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The modems a process runs, by id, for the control surfaces ({@code /modems/{id}},
 * {@code ctl --modem ID}). One modem today, id {@value #DEFAULT_ID}; fleets register more.
 * Thread-safe: the HTTP server reads it from its own threads.
 */
public final class ModemRegistry {
    public static final String DEFAULT_ID = "0";

    private final Map<String, ControlledModem> modems = new LinkedHashMap<>();

    /** A registry holding {@code modem} as id {@value #DEFAULT_ID}. */
    public static ModemRegistry of(ControlledModem modem) {
        ModemRegistry r = new ModemRegistry();
        r.register(DEFAULT_ID, modem);
        return r;
    }

    public synchronized void register(String id, ControlledModem modem) {
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a modem id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (modems.putIfAbsent(id, modem) != null) {
            throw new IllegalArgumentException("modem '" + id + "' is already registered");
        }
    }

    public synchronized Optional<ControlledModem> find(String id) {
        return Optional.ofNullable(modems.get(id));
    }

    /** The ids in the order they were registered. */
    public synchronized List<String> ids() {
        return new ArrayList<>(modems.keySet());
    }
}
