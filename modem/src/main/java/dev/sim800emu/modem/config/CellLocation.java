package dev.sim800emu.modem.config;

import java.util.Locale;

/**
 * Where the network's location service places the modem (AT+CIPGSMLOC, AT+CLBS): a WGS84 point and
 * the accuracy it claims. The default is the point of the SIM800 LBS note's own example (Shanghai).
 *
 * @param accuracyMeters what AT+CLBS prints as {@code <acc>}
 */
public record CellLocation(double latitude, double longitude, int accuracyMeters) {
    public static final CellLocation DEFAULT = new CellLocation(31.217055, 121.359505, 637);
    public static final int MAX_ACCURACY = 65_535;

    public CellLocation {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)
                || accuracyMeters < 0 || accuracyMeters > MAX_ACCURACY) {
            throw new IllegalArgumentException("a location needs latitude -90..90, longitude -180..180 and "
                    + "accuracy 0.." + MAX_ACCURACY + " m");
        }
    }

    /** {@code LAT,LON[,ACCURACY]} as {@code --location} takes it ({@code 48.8584,2.2945,550}). */
    public static CellLocation parse(String text) {
        String[] p = text.split(",", -1);
        if (p.length < 2 || p.length > 3) {
            throw new IllegalArgumentException("expected LAT,LON[,ACCURACY], not '" + text + "'");
        }
        try {
            return new CellLocation(Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()),
                    p.length == 3 ? Integer.parseInt(p[2].strip()) : DEFAULT.accuracyMeters);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected LAT,LON[,ACCURACY] in decimal degrees and metres, not '" + text + "'");
        }
    }

    /** Six decimals, as the chip prints coordinates. */
    public static String degrees(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }
}
