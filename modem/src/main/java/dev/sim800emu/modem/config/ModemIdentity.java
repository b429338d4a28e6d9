package dev.sim800emu.modem.config;

/**
 * What the modem says about itself (ATI, AT+CGMR, AT+GSN, AT+CCID, AT+CIMI …). Defaults look like
 * a SIM800L with firmware 1418B05; {@link #forIndex(int, ChipModel, Firmware)} gives the strings of
 * another model or release, and derives distinct, valid numbers for each modem of a fleet.
 */
public record ModemIdentity(String manufacturer, String model, String product, String revision,
                            String imei, String iccid, String imsi, String operatorName) {

    /** The identity of modem number {@code index} (0-based) in a process: a SIM800L with R14.18. */
    public static ModemIdentity forIndex(int index) {
        return forIndex(index, ChipModel.SIM800L, Firmware.R14_18);
    }

    /** Modem number {@code index} posing as {@code model} with {@code firmware}. */
    public static ModemIdentity forIndex(int index, ChipModel model, Firmware firmware) {
        String serial = String.format("%06d", Math.floorMod(229226 + index, 1_000_000));
        String imei = withLuhn("86436903" + serial);
        String iccid = withLuhn("8986002" + String.format("%012d", Math.floorMod(810906804L + index, 1_000_000_000_000L)));
        String imsi = "46000" + String.format("%010d", Math.floorMod(8184101641L + index, 10_000_000_000L));
        return new ModemIdentity("SIMCOM_Ltd", model.gmm(), model.family() + " " + firmware.label(),
                firmware.revision(model), imei, iccid, imsi, "CHINA MOBILE");
    }

    /** The same modem with another IMEI. */
    public ModemIdentity withImei(String digits) {
        return new ModemIdentity(manufacturer, model, product, revision, digits, iccid, imsi, operatorName);
    }

    /** AT+GOI: the family name, as ATI prints it before the release ({@code SIM800}). */
    public String goi() {
        int space = product.indexOf(' ');
        return space < 0 ? product : product.substring(0, space);
    }

    /** True for release 13 firmware (revision {@code 13xx…}), which lacks some R14 commands. */
    public boolean r13() {
        return revision.startsWith("13");
    }

    /** The model this identity poses as, from its AT+GMM text (SIM800L when not one of ours). */
    public ChipModel chipModel() {
        for (ChipModel m : ChipModel.values()) {
            if (m.gmm().equals(model)) {
                return m;
            }
        }
        return ChipModel.SIM800L;
    }

    public static ModemIdentity defaults() {
        return forIndex(0);
    }

    /** Appends the Luhn check digit, as IMEIs and ICCIDs carry. */
    public static String withLuhn(String digits) {
        int sum = 0;
        boolean dbl = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return digits + ((10 - sum % 10) % 10);
    }

    /** True when the last digit is a valid Luhn check digit of the rest. */
    public static boolean luhnValid(String number) {
        return number.length() > 1 && withLuhn(number.substring(0, number.length() - 1)).equals(number);
    }
}
