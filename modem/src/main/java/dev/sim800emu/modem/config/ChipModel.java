package dev.sim800emu.modem.config;

import java.util.Locale;

/**
 * The members of the SIM800 family the emulator can pose as, with the identity strings each one
 * prints (reference sim800-sms-calls.md §5): ATI names the family ({@code SIM800} for L, C, H and
 * the plain M32 module), AT+GMM the exact model, and the revision string the project and flash
 * size. Which revision a model prints depends on its firmware ({@link Firmware}).
 */
public enum ChipModel {
    SIM800L("SIM800", "SIMCOM_SIM800L", "SIM800L24", "SIM800L16", 0),
    SIM800C("SIM800", "SIMCOM_SIM800C", "SIM800C24", "SIM800C24", 2),
    SIM800H("SIM800", "SIMCOM_SIM800H", "SIM800H32", "SIM800H32", 0),
    SIM800("SIM800", "SIMCOM_SIM800", "SIM800M32", "SIM800M32", 0),
    SIM808("SIM808", "SIMCOM_SIM808", "SIM808M32", "SIM808M32", 2),
    SIM868("SIM868", "SIMCOM_SIM868", "SIM868M32_BT", "SIM868M32_BT", 2);

    private final String family;
    private final String gmm;
    private final String r14Project;
    private final String r13Project;
    private final int cfgriDefault;

    ChipModel(String family, String gmm, String r14Project, String r13Project, int cfgriDefault) {
        this.family = family;
        this.gmm = gmm;
        this.r14Project = r14Project;
        this.r13Project = r13Project;
        this.cfgriDefault = cfgriDefault;
    }

    /** What ATI and AT+GOI print before the firmware: {@code SIM800}, {@code SIM808}, {@code SIM868}. */
    public String family() {
        return family;
    }

    /** AT+GMM / AT+CGMM: {@code SIMCOM_SIM800L} … */
    public String gmm() {
        return gmm;
    }

    /**
     * The project and flash size in the revision string: R13 SIM800L modules had 16 Mbit of flash,
     * R14 ones 24 Mbit (reference §5.2).
     */
    String project(Firmware firmware) {
        return firmware.r13() ? r13Project : r14Project;
    }

    /** AT+CFGRI's factory value: 0 on SIM800L/H/800, 2 on SIM808/800C/868 (manual §6.2.11, §20.12). */
    public int cfgriDefault() {
        return cfgriDefault;
    }

    /** The model named on a command line, in any case ({@code sim800l}); null when unknown. */
    public static ChipModel parse(String name) {
        for (ChipModel m : values()) {
            if (m.name().equalsIgnoreCase(name.strip())) {
                return m;
            }
        }
        return null;
    }

    public static String names() {
        StringBuilder b = new StringBuilder();
        for (ChipModel m : values()) {
            b.append(b.length() == 0 ? "" : "|").append(m.name());
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
