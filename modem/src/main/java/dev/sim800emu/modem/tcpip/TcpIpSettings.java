package dev.sim800emu.modem.tcpip;

import java.util.Arrays;

/**
 * The values of the TCP/IP application's settings ({@link TcpIpSetting}, {@link TextSetting}):
 * one int array and one String array per modem, indexed by the settings' slots. None is saved by
 * AT&amp;W; AT+CIPSCONT saves the ones marked saved, and a reboot restores them.
 */
final class TcpIpSettings {
    private static final TcpIpSetting[] INTS = TcpIpSetting.values();
    private static final TextSetting[] TEXTS = TextSetting.values();

    private final int[] ints = new int[TcpIpSetting.SLOTS];
    private final String[] texts = new String[TEXTS.length];

    TcpIpSettings() {
        for (TcpIpSetting k : INTS) {
            for (int i = 0; i < k.size(); i++) {
                ints[k.offset + i] = k.initial(i);
            }
        }
        for (TextSetting t : TEXTS) {
            texts[t.ordinal()] = t.initial;
        }
    }

    /** The first (often the only) value of {@code k}. */
    int get(TcpIpSetting k) {
        return ints[k.offset];
    }

    int get(TcpIpSetting k, int field) {
        return ints[k.offset + field];
    }

    /** Sets all fields of {@code k}. */
    void set(TcpIpSetting k, int... values) {
        if (values.length != k.size()) {
            throw new IllegalArgumentException(k + " has " + k.size() + " fields");
        }
        System.arraycopy(values, 0, ints, k.offset, values.length);
    }

    String get(TextSetting t) {
        return texts[t.ordinal()];
    }

    void set(TextSetting t, String value) {
        texts[t.ordinal()] = value;
    }

    TcpIpSettings copy() {
        TcpIpSettings c = new TcpIpSettings();
        System.arraycopy(ints, 0, c.ints, 0, ints.length);
        System.arraycopy(texts, 0, c.texts, 0, texts.length);
        return c;
    }

    /** True when every setting AT+CIPSCONT saves has the same value in both. */
    boolean sameSaved(TcpIpSettings other) {
        for (TcpIpSetting k : INTS) {
            if (k.saved && !Arrays.equals(ints, k.offset, k.offset + k.size(), other.ints, k.offset, k.offset + k.size())) {
                return false;
            }
        }
        for (TextSetting t : TEXTS) {
            if (t.saved && !texts[t.ordinal()].equals(other.texts[t.ordinal()])) {
                return false;
            }
        }
        return true;
    }

    /** A fresh set after reboot: the saved values where CIPSCONT stored them, defaults elsewhere. */
    static TcpIpSettings restoredFrom(TcpIpSettings saved) {
        TcpIpSettings s = new TcpIpSettings();
        if (saved == null) {
            return s;
        }
        for (TcpIpSetting k : INTS) {
            if (k.saved) {
                System.arraycopy(saved.ints, k.offset, s.ints, k.offset, k.size());
            }
        }
        for (TextSetting t : TEXTS) {
            if (t.saved) {
                s.texts[t.ordinal()] = saved.texts[t.ordinal()];
            }
        }
        return s;
    }
}
