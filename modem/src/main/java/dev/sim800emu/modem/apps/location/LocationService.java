package dev.sim800emu.modem.apps.location;

/** The location service as one modem sees it: its host, and how often AT+CLBS asked for a fix. */
public final class LocationService {
    final LocationHost host;
    /** Location requests served (AT+CLBS=3's {@code <times>}, AT+CLBSCFG=0,2's use count). */
    int uses;

    public LocationService(LocationHost host) {
        this.host = host;
    }
}
