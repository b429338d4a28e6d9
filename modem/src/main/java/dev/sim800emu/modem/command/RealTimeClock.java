package dev.sim800emu.modem.command;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The text form of AT+CCLK: {@code yy/MM/dd,hh:mm:ss±zz}, the zone in quarter hours (manual
 * §3.2.23; TinyGSM parses it with that exact shape).
 */
final class RealTimeClock {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yy/MM/dd,HH:mm:ss");

    private RealTimeClock() {
    }

    static String format(ZonedDateTime t) {
        int quarters = t.getOffset().getTotalSeconds() / 900;
        return STAMP.format(t) + (quarters < 0 ? "-" : "+") + String.format("%02d", Math.abs(quarters));
    }

    /** Parses the AT+CCLK write value, or null when malformed. */
    static ZonedDateTime parse(String s) {
        if (s.length() != 20 || (s.charAt(17) != '+' && s.charAt(17) != '-')) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(s.substring(0, 17), STAMP);
            int quarters = Integer.parseInt(s.substring(18));
            if (quarters > 56) {
                return null;
            }
            int sign = s.charAt(17) == '-' ? -1 : 1;
            return local.atZone(ZoneOffset.ofTotalSeconds(sign * quarters * 900));
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }
}
