package dev.sim800emu.modem.settings;

import dev.sim800emu.modem.at.FormatSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * One set of {@link Setting} values: the modem holds an active and a saved (AT&W) one; factory
 * values live in the enum. Values are an {@code int[]} indexed by ordinal, so a profile costs one
 * small array whatever the number of settings.
 */
public final class Profile implements FormatSettings {
    private final int[] values = new int[Setting.ALL.length];

    public Profile() {
        for (Setting s : Setting.ALL) {
            values[s.ordinal()] = s.factory();
        }
    }

    public int get(Setting s) {
        return values[s.ordinal()];
    }

    /** True when the setting is 1 (ATE1, ATV1, ATQ1 …). */
    public boolean on(Setting s) {
        return values[s.ordinal()] == 1;
    }

    public void set(Setting s, int value) {
        if (!s.accepts(value)) {
            throw new IllegalArgumentException(s + " out of range: " + value);
        }
        values[s.ordinal()] = value;
    }

    /** Copies every setting AT&W saves from {@code other}: AT&W itself, and loading the saved profile at power-up. */
    public void copyFrom(Profile other) {
        for (Setting s : Setting.ALL) {
            if (s.savedByAtW()) {
                values[s.ordinal()] = other.values[s.ordinal()];
            }
        }
    }

    /** ATZ: back to {@code saved}, except the serial-port settings. */
    public void restoreFrom(Profile saved) {
        for (Setting s : Setting.ALL) {
            if (!s.keptByReset()) {
                values[s.ordinal()] = saved.values[s.ordinal()];
            }
        }
    }

    /** AT&F: back to factory values, except the serial-port settings. */
    public void restoreFactory() {
        for (Setting s : Setting.ALL) {
            if (!s.keptByReset()) {
                values[s.ordinal()] = s.factory();
            }
        }
    }

    /** The lines of one AT&V block, in the order a SIM800 prints them. */
    public List<String> listing(String title) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        for (Setting s : Setting.ALL) {
            String text = s.listing();
            if (text == null) {
                continue;
            }
            String line = text.replace("%d", Integer.toString(values[s.ordinal()]));
            if (line.startsWith(",")) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line);
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    @Override
    public boolean verbose() {
        return on(Setting.VERBOSE);
    }

    @Override
    public boolean quiet() {
        return on(Setting.QUIET);
    }

    @Override
    public int cmee() {
        return get(Setting.CMEE);
    }
}
