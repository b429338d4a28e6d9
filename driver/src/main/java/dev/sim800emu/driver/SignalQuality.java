package dev.sim800emu.driver;

/**
 * {@code +CSQ: <rssi>,<ber>}: rssi 0–31 (99 unknown), ber 0–7 (99 unknown).
 */
public record SignalQuality(int rssi, int ber) {

    /** True when the modem knows the signal (rssi is not 99). */
    public boolean known() {
        return rssi != 99;
    }

    /** The signal in dBm (-113 + 2 × rssi), or {@link Integer#MIN_VALUE} when unknown. */
    public int dbm() {
        return known() ? -113 + 2 * rssi : Integer.MIN_VALUE;
    }
}
