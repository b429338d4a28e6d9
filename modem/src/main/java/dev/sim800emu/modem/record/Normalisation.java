package dev.sim800emu.modem.record;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The variable parts {@code replay --as-host --normalise} hides on both sides before comparing,
 * opt-in: a reply that differs only there counts as the same.
 */
public enum Normalisation {
    /** Dotted IPv4 addresses become {@code <ip>}. */
    IP(Pattern.compile("(?<![\\d.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![\\d.])"), "<ip>"),
    /** A port after an address: {@code "1.2.3.4","5000"}, {@code "1.2.3.4",5000}, {@code 1.2.3.4:5000}. */
    PORT(Pattern.compile(
            "(?<=(?:\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|<ip>)(?:\", ?\"?|:))\\d{1,5}"), "<port>"),
    /** Runs of exactly 15 digits (IMEI; also the ICCID's and IMSI's neighbours of that length). */
    IMEI(Pattern.compile("(?<!\\d)\\d{15}(?!\\d)"), "<imei>"),
    /** Line ends: any run of CR and LF counts as one, so a log that lost its CRs still compares. */
    CRLF(Pattern.compile("[\\r\\n]+"), "\n");

    private final Pattern pattern;
    private final String replacement;

    Normalisation(Pattern pattern, String replacement) {
        this.pattern = pattern;
        this.replacement = replacement;
    }

    /** {@code bytes} with every normalisation in {@code set} applied, in declaration order. */
    public static byte[] apply(Set<Normalisation> set, byte[] bytes) {
        if (set.isEmpty()) {
            return bytes;
        }
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        for (Normalisation n : values()) {
            if (set.contains(n)) {
                s = n.pattern.matcher(s).replaceAll(n.replacement);
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code ip,port,imei,crlf} as a set; an unknown name is an IllegalArgumentException. */
    public static Set<Normalisation> parse(String list) {
        Set<Normalisation> set = EnumSet.noneOf(Normalisation.class);
        for (String name : list.split(",")) {
            try {
                set.add(valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown normalisation '" + name.strip()
                        + "' (ip, port, imei, crlf)");
            }
        }
        return set;
    }
}
