package dev.sim800emu.modem.radio;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The modem's real-time clock: the host's wall clock shifted by what AT+CCLK (and, later, network
 * time) wrote. Only the offset is kept, so the clock runs on by itself between writes.
 */
public final class ModemRtc {
    private final Clock wall;
    private Duration offset = Duration.ZERO;
    private ZoneOffset zone = ZoneOffset.UTC;

    public ModemRtc(Clock wall) {
        this.wall = wall;
    }

    public ZonedDateTime now() {
        return ZonedDateTime.now(wall).plus(offset).withZoneSameInstant(zone);
    }

    public void set(ZonedDateTime time) {
        offset = Duration.between(ZonedDateTime.now(wall), time);
        zone = time.getOffset();
    }
}
