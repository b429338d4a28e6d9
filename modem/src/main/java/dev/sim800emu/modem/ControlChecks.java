package dev.sim800emu.modem;

import dev.sim800emu.modem.control.ControlException;
import dev.sim800emu.modem.net.DnsFault;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.tcpip.TcpIpStack;
import java.time.ZonedDateTime;

/**
 * The checks the control plane makes before it changes anything: each throws a
 * {@link ControlException} whose message names the value and the range it must be in.
 */
final class ControlChecks {
    /** Longest latency spike, and longest time it may last. */
    static final int MAX_SPIKE_MILLIS = 60_000;
    static final long MAX_SPIKE_DURATION_MILLIS = 3_600_000;
    /** Longest delay of a slow DNS answer. */
    static final long MAX_DNS_DELAY_MILLIS = 120_000;
    /** An SMS text in one message (GSM 7-bit); a USSD string (3GPP 23.038: 182 characters). */
    static final int MAX_SMS_TEXT = 160;
    static final int MAX_USSD_TEXT = 182;
    static final int MAX_NUMBER = 20;

    private ControlChecks() {
    }

    static void running(ModemEngine.Power power) {
        if (power == ModemEngine.Power.OFF) {
            throw new ControlException("modem is off");
        }
        if (power == ModemEngine.Power.BOOTING) {
            throw new ControlException("modem is still booting");
        }
    }

    static void present(Object value, String what) {
        if (value == null) {
            throw new ControlException("missing " + what);
        }
    }

    static void registered(Radio radio, String what) {
        if (!radio.registered()) {
            throw new ControlException("the modem is not registered on the network: it cannot receive " + what);
        }
    }

    static void signal(int rssi, int ber) {
        if (!(rssi >= 0 && rssi <= 31 || rssi == 99)) {
            throw new ControlException("rssi must be 0-31 or 99 (unknown), not " + rssi);
        }
        if (!(ber >= 0 && ber <= 7 || ber == 99)) {
            throw new ControlException("ber must be 0-7 or 99 (unknown), not " + ber);
        }
    }

    static void spike(int extraMillis, long forMillis) {
        if (extraMillis < 1 || extraMillis > MAX_SPIKE_MILLIS) {
            throw new ControlException("latency spike must be 1-" + MAX_SPIKE_MILLIS + " ms, not " + extraMillis);
        }
        if (forMillis < 1 || forMillis > MAX_SPIKE_DURATION_MILLIS) {
            throw new ControlException("latency spike duration must be 1-" + MAX_SPIKE_DURATION_MILLIS + " ms, not "
                    + forMillis);
        }
    }

    static void dns(DnsFault fault, long delayMillis) {
        present(fault, "DNS fault");
        if (fault == DnsFault.SLOW && (delayMillis < 1 || delayMillis > MAX_DNS_DELAY_MILLIS)) {
            throw new ControlException("DNS delay must be 1-" + MAX_DNS_DELAY_MILLIS + " ms, not " + delayMillis);
        }
    }

    static void time(ZonedDateTime time, int dst) {
        present(time, "time");
        if (dst < 0 || dst > 2) {
            throw new ControlException("dst must be 0, 1 or 2 (hours of daylight saving), not " + dst);
        }
        int seconds = time.getOffset().getTotalSeconds();
        if (seconds % 900 != 0 || seconds / 900 < -48 || seconds / 900 > 56) {
            throw new ControlException("the time zone must be whole quarter hours from -12:00 to +14:00, not "
                    + time.getOffset());
        }
        if (time.getYear() < 2000 || time.getYear() > 2099) {
            throw new ControlException("the year must be 2000-2099 (the clock shows two digits), not " + time.getYear());
        }
    }

    /** A caller or sender: 1-20 characters, no quote, comma or control character. */
    static void number(String number) {
        present(number, "number");
        if (number.isEmpty() || number.length() > MAX_NUMBER || !plain(number, false) || number.indexOf(',') >= 0) {
            throw new ControlException("the number must be 1-" + MAX_NUMBER
                    + " characters without quotes, commas or control characters");
        }
    }

    static void smsText(String text) {
        present(text, "text");
        if (text.isEmpty() || text.length() > MAX_SMS_TEXT || !plain(text, true)) {
            throw new ControlException("the SMS text must be 1-" + MAX_SMS_TEXT
                    + " characters without control characters other than line breaks");
        }
    }

    static void ussdText(String text) {
        present(text, "text");
        if (text.isEmpty() || text.length() > MAX_USSD_TEXT || !plain(text, true) || text.indexOf('"') >= 0) {
            throw new ControlException("the USSD text must be 1-" + MAX_USSD_TEXT
                    + " characters without quotes or control characters other than line breaks");
        }
    }

    /** A +CMS ERROR code of the manual's table (0 clears), and a count of sends (0 = all). */
    static void smsFail(int error, int count) {
        if (error != 0 && !dev.sim800emu.modem.at.CmsError.known(error)) {
            throw new ControlException("the error must be a +CMS ERROR code of the manual (e.g. 500, 330, 331) or 0, not "
                    + error);
        }
        if (count < 0 || count > 1000) {
            throw new ControlException("the count must be 0 (every send) to 1000, not " + count);
        }
    }

    static void dialDelay(long millis) {
        if (millis < 0 || millis > dev.sim800emu.modem.radio.DialOutcome.MAX_MILLIS) {
            throw new ControlException("the dial outcome delay must be 0-" + dev.sim800emu.modem.radio.DialOutcome.MAX_MILLIS
                    + " ms, not " + millis);
        }
    }

    static void linkId(int id) {
        if (id < 0 || id >= TcpIpStack.LINKS) {
            throw new ControlException("link must be 0-" + (TcpIpStack.LINKS - 1) + ", not " + id);
        }
    }

    /** Runs a call on the network port; a port that cannot do it refuses with its own words. */
    static void port(Runnable call) {
        try {
            call.run();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new ControlException(e.getMessage() == null ? "the network cannot do that" : e.getMessage());
        }
    }

    /** Printable Latin-1 (no 0x00-0x1F, 0x7F, quote unless a body), optionally with CR and LF. */
    private static boolean plain(String s, boolean body) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean lineBreak = ch == '\r' || ch == '\n';
            if (ch > 0xFF || ch == 0x7F || (ch < 0x20 && !(body && lineBreak)) || (!body && ch == '"')) {
                return false;
            }
        }
        return true;
    }
}
