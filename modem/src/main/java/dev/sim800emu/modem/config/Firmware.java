package dev.sim800emu.modem.config;

/**
 * Firmware releases with their identity strings: ATI prints {@code R<major>.<minor>} and AT+GMR
 * {@code Revision:<major><minor>B<build><project>} (reference §5.2; the build numbers are ones seen
 * on real modules). The behaviour differences the sources state for R13 (reference §5.3) are
 * asked through {@link #r13()}.
 */
public enum Firmware {
    R13_08("R13.08", "1308", "B08"),
    R14_18("R14.18", "1418", "B05");

    private final String label;
    private final String digits;
    private final String build;

    Firmware(String label, String digits, String build) {
        this.label = label;
        this.digits = digits;
        this.build = build;
    }

    /** {@code R14.18}: how ATI and the command line spell it. */
    public String label() {
        return label;
    }

    /**
     * Release 13: no SSL (AT+CIPSSL=? answers ERROR on SIM800 R13.08, TinyGSM #235), SMS storage
     * named "SM_P" on a SIM800L (FONA #46).
     */
    public boolean r13() {
        return this == R13_08;
    }

    String revision(ChipModel model) {
        return digits + build + model.project(this);
    }

    /** The firmware named on a command line ({@code R13.08}, {@code r14.18}, {@code 1418}); null when unknown. */
    public static Firmware parse(String name) {
        String s = name.strip();
        for (Firmware f : values()) {
            if (f.label.equalsIgnoreCase(s) || f.digits.equals(s) || f.label.substring(1).equals(s)) {
                return f;
            }
        }
        return null;
    }

    public static String names() {
        StringBuilder b = new StringBuilder();
        for (Firmware f : values()) {
            b.append(b.length() == 0 ? "" : "|").append(f.label);
        }
        return b.toString();
    }
}
