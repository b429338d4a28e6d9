package dev.sim800emu.modem.config;

/**
 * What the modem says about itself (ATI, AT+CGMR, AT+GSN, AT+CCID, AT+CIMI …). Defaults look like
 * a SIM800L with firmware 1418B05; {@link #forIndex(int)} derives distinct, valid numbers for each
 * modem of a fleet.
 */
public record ModemIdentity(String manufacturer, String model, String product, String revision,
                            String imei, String iccid, String imsi, String operatorName) {

    /** The identity of modem number {@code index} (0-based) in a process. */
    public static ModemIdentity forIndex(int index) {
        String serial = String.format("%06d", Math.floorMod(229226 + index, 1_000_000));
        String imei = withLuhn("86436903" + serial);
        String iccid = withLuhn("8986002" + String.format("%012d", Math.floorMod(810906804L + index, 1_000_000_000_000L)));
        String imsi = "46000" + String.format("%010d", Math.floorMod(8184101641L + index, 10_000_000_000L));
        return new ModemIdentity("SIMCOM_Ltd", "SIMCOM_SIM800L", "SIM800 R14.18", "1418B05SIM800L24",
                imei, iccid, imsi, "CHINA MOBILE");
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
