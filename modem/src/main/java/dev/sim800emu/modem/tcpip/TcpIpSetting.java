package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.at.Args;

/**
 * The integer settings of the TCP/IP application (manual chapter 8) as data: each knows its
 * command, its fields (default and range, from which the test form's text is made), how it reads
 * back, and whether AT+CIPSCONT saves it (reference §2.4). Adding a saved setting is adding one
 * entry. The saved ones come first, in the order AT+CIPSCONT? lists them.
 *
 * <p>The values themselves live in {@link TcpIpSettings}, one {@code int[]} per modem.
 */
enum TcpIpSetting {
    /** CIPCSGP mode: 0 CSD, 1 GPRS; its APN, user and password are {@link TextSetting}s. */
    CSGP("+CIPCSGP", true, 1, field(1, 0, 1)) {
        @Override
        String readText(TcpIpSettings s) {
            return command + ": " + s.get(this) + ",\"" + s.get(TextSetting.APN) + "\",\"" + s.get(TextSetting.USER)
                    + "\",\"" + s.get(TextSetting.PASSWORD) + "\"";
        }

        @Override
        String[] savedText(TcpIpSettings s) {
            return new String[] {command + ": " + s.get(this), "Gprs Config APN: " + s.get(TextSetting.APN),
                "Gprs Config UserId: " + s.get(TextSetting.USER), "Gprs Config Password: " + s.get(TextSetting.PASSWORD)};
        }
    },
    HEAD("+CIPHEAD", true, 1, field(0, 0, 1)),
    SHOWTP("+CIPSHOWTP", true, 1, field(0, 0, 1)),
    SRIP("+CIPSRIP", true, 1, field(0, 0, 1)),
    /** Automatic sending timer: mode, seconds. */
    ATS("+CIPATS", true, 1, field(0, 0, 1), field(1, 1, 100)),
    /** The send prompt: 1 "> " and SEND OK, 0 no prompt, 2 no prompt and no SEND OK. */
    SPRT("+CIPSPRT", true, 1, field(1, 0, 2)) {
        @Override
        String[] savedText(TcpIpSettings s) {
            int v = s.get(this);
            return new String[] {command + ": " + v + "," + (v == 2 ? 1 : 0)};
        }
    },
    QSEND("+CIPQSEND", true, 1, field(0, 0, 1)),
    /** 0 normal, 1 transparent. */
    MODE("+CIPMODE", true, 1, field(0, 0, 1)),
    /** Transparent mode: retries, wait time (×100 ms), send size, +++ escape, Rx mode, Rx size, Rx timer. */
    CCFG("+CIPCCFG", true, 4, field("NmRetry", 5, 3, 8), field("WaitTm", 2, 1, 10), field("SendSz", 1024, 1, 1460),
            field("esc", 1, 0, 1), field("Rxmode", 0, 0, 1), field("RxSize", 1460, 50, 1460),
            field("Rxtimer", 50, 20, 1000)),
    /** 0 single connection, 1 multi connection. */
    MUX("+CIPMUX", true, 1, field(0, 0, 1)),
    /** Detach detection: mode, interval (s), timer. */
    DPDP("+CIPDPDP", true, 1, field(0, 0, 1), field(10, 1, 180), field(3, 1, 10)),
    /** 1: received data waits for AT+CIPRXGET. */
    RXGET("+CIPRXGET", true, 1, field(0, 0, 1)),
    RDTIMER("+CIPRDTIMER", true, 2, field(2000, 100, 4000), field(3500, 100, 7000)),
    /** TCP keep-alive: mode, idle (s), interval (s), count. */
    TKA("+CIPTKA", false, 1, field(0, 0, 1), field(7200, 30, 7200), field(75, 30, 600), field(9, 1, 9)),
    /**
     * Test form {@code +CIPSSL: (0-1)}, a dash where the other two-value settings print a comma: a
     * SIM800L R14.18 answers so (TinyGSM issue 213), and drivers compare the literal to detect SSL.
     */
    SSL("+CIPSSL", false, 1, new Field(null, 0, 0, 1, true));

    /**
     * One integer of a setting: what the test form calls it (or null), its default and range, and
     * whether the test form prints a two-value range with a dash like a longer one.
     */
    record Field(String label, int initial, int min, int max, boolean dashed) {
        String range() {
            String r = max == min + 1 && !dashed ? min + "," + max : min + "-" + max;
            return "(" + (label == null ? "" : label + ":") + r + ")";
        }
    }

    /** How many int slots all settings take together. */
    static final int SLOTS;

    static {
        int offset = 0;
        for (TcpIpSetting k : values()) {
            k.offset = offset;
            offset += k.fields.length;
        }
        SLOTS = offset;
    }

    final String command;
    final boolean saved;
    /** Leading fields a write must give; the rest default to their current values. */
    private final int required;
    private final Field[] fields;
    /** Where the first field lives in {@link TcpIpSettings}' array. */
    int offset;

    TcpIpSetting(String command, boolean saved, int required, Field... fields) {
        this.command = command;
        this.saved = saved;
        this.required = required;
        this.fields = fields;
    }

    private static Field field(int initial, int min, int max) {
        return new Field(null, initial, min, max, false);
    }

    private static Field field(String label, int initial, int min, int max) {
        return new Field(label, initial, min, max, false);
    }

    int size() {
        return fields.length;
    }

    int initial(int i) {
        return fields[i].initial();
    }

    /** The answer to the test form, e.g. {@code +CIPATS: (0,1),(1-100)}. */
    String testText() {
        StringBuilder sb = new StringBuilder(command).append(": ");
        for (int i = 0; i < fields.length; i++) {
            sb.append(i > 0 ? "," : "").append(fields[i].range());
        }
        return sb.toString();
    }

    /** The answer to the read form, e.g. {@code +CIPATS: 0,1}. */
    String readText(TcpIpSettings s) {
        StringBuilder sb = new StringBuilder(command).append(": ");
        for (int i = 0; i < fields.length; i++) {
            sb.append(i > 0 ? "," : "").append(s.get(this, i));
        }
        return sb.toString();
    }

    /** The lines AT+CIPSCONT? prints for this setting. */
    String[] savedText(TcpIpSettings s) {
        return new String[] {readText(s)};
    }

    /** Parses a write form's values, range-checked; omitted optional fields keep their value in {@code s}. */
    int[] parse(Args a, TcpIpSettings s) {
        a.expectCount(required, fields.length);
        int[] v = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Field f = fields[i];
            v[i] = i < required ? a.integer(i, f.min(), f.max()) : a.integer(i, f.min(), f.max(), s.get(this, i));
        }
        return v;
    }
}
