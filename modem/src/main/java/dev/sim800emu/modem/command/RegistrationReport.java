package dev.sim800emu.modem.command;

import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.settings.Profile;
import dev.sim800emu.modem.settings.Setting;
import java.util.function.Consumer;

/**
 * +CREG and +CGREG as the host reads and hears them (manual §3.2.32, §7.2.10): the read form
 * {@code +CREG: <n>,<stat>}, and the URC {@code +CREG: <stat>} when {@code <n>} is 1 or 2 and the
 * stat changed; with {@code <n>}=2 a registered stat carries the location {@code ,"1A2B","3C4D"}.
 * Whoever changes the radio (a command, the control plane) takes a {@link Snapshot} first and
 * reports the difference after.
 */
public final class RegistrationReport {
    private static final String LOCATION = ",\"1A2B\",\"3C4D\"";

    private RegistrationReport() {
    }

    /** The two stats before a change. */
    public record Snapshot(int creg, int cgreg) {
    }

    public static Snapshot of(Radio radio) {
        return new Snapshot(radio.cregStat(), radio.cgregStat());
    }

    /** Emits +CREG / +CGREG URCs for the stats that changed since {@code before}, per their modes. */
    public static void changed(Radio radio, Profile settings, Snapshot before, Consumer<Consumer<ResponseWriter>> urc) {
        if (radio.cregStat() != before.creg()) {
            urc(urc, "+CREG", settings.get(Setting.CREG), radio.cregStat());
        }
        if (radio.cgregStat() != before.cgreg()) {
            urc(urc, "+CGREG", settings.get(Setting.CGREG), radio.cgregStat());
        }
    }

    private static void urc(Consumer<Consumer<ResponseWriter>> urc, String name, int mode, int stat) {
        if (mode != 0) {
            String line = name + ": " + stat + (mode == 2 && registered(stat) ? LOCATION : "");
            urc.accept(w -> w.text(line));
        }
    }

    /** The read form's text. */
    static String read(String name, int mode, int stat) {
        return name + ": " + mode + "," + stat + (mode == 2 && registered(stat) ? LOCATION : "");
    }

    private static boolean registered(int stat) {
        return stat == 1 || stat == 5;
    }
}
