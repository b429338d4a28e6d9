package dev.sim800emu.modem.sms;

import java.util.HexFormat;
import java.util.List;

/**
 * The TE character sets of AT+CSCS (manual §19.1 lists them) and how text crosses the serial line
 * in each: "IRA" and "GSM" as the characters themselves (the emulator's line is Latin-1; GSM
 * code points are not remapped), "UCS2" as four hex digits per character, "HEX" as two hex digits
 * per GSM 7-bit code. Addresses typed into AT+CMGS follow the same rule (manual §19.7 example).
 */
final class TeCharset {
    /** The names AT+CSCS=? lists, in its order. */
    static final List<String> NAMES = List.of("IRA", "GSM", "UCS2", "HEX", "PCCP", "PCDN", "8859-1");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private TeCharset() {
    }

    /** The text the host typed in {@code charset}; null when it is not valid there. */
    static String decode(String typed, String charset) {
        switch (charset) {
            case "UCS2" -> {
                if (typed.length() % 4 != 0 || !isHex(typed)) {
                    return null;
                }
                StringBuilder b = new StringBuilder(typed.length() / 4);
                for (int i = 0; i < typed.length(); i += 4) {
                    b.append((char) Integer.parseInt(typed.substring(i, i + 4), 16));
                }
                return b.toString();
            }
            case "HEX" -> {
                if (typed.length() % 2 != 0 || !isHex(typed)) {
                    return null;
                }
                byte[] codes = HEX.parseHex(typed);
                for (byte c : codes) {
                    if (c < 0) {
                        return null;
                    }
                }
                return Gsm7.text(codes);
            }
            default -> {
                return typed;
            }
        }
    }

    /** {@code text} as the host sees it in {@code charset}. */
    static String encode(String text, String charset) {
        switch (charset) {
            case "UCS2" -> {
                return ucs2Hex(text);
            }
            case "HEX" -> {
                byte[] codes = Gsm7.septets(text);
                return codes == null ? ucs2Hex(text) : HEX.formatHex(codes);
            }
            default -> {
                return text;
            }
        }
    }

    /**
     * A message body in text mode: in the TE set when every character is GSM 7-bit, else as UCS2
     * hex whatever the set, as the chip shows a message with UCS2 coding (reference §1.3).
     */
    static String body(String text, String charset) {
        return Gsm7.septets(text) == null ? ucs2Hex(text) : encode(text, charset);
    }

    static String ucs2Hex(String text) {
        StringBuilder b = new StringBuilder(text.length() * 4);
        for (int i = 0; i < text.length(); i++) {
            b.append(String.format("%04X", (int) text.charAt(i)));
        }
        return b.toString();
    }

    static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
