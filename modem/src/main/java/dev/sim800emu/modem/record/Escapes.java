package dev.sim800emu.modem.record;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Bytes as one line of text and back: printable ASCII as is, {@code \r}, {@code \n}, {@code \\}
 * and {@code \xHH} for the rest, so CR/LF placement, the prompt and Ctrl-Z stay visible and binary
 * payloads survive. The same escapes as {@code --trace} and the transcripts' {@code >|} lines.
 */
public final class Escapes {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Escapes() {
    }

    public static String escape(byte[] b) {
        return escape(b, 0, b.length, false);
    }

    /**
     * {@code keepTrailingSpace}: a space at the very end is written {@code \x20}, so an editor that
     * strips trailing white space cannot change the bytes of a recording.
     */
    public static String escape(byte[] b, int off, int len, boolean keepTrailingSpace) {
        StringBuilder sb = new StringBuilder(len + 16);
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\\' -> sb.append("\\\\");
                default -> {
                    boolean lastSpace = keepTrailingSpace && c == ' ' && i == off + len - 1;
                    if (c < 0x20 || c >= 0x7F || lastSpace) {
                        sb.append("\\x").append(HEX.toHexDigits((byte) c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The bytes {@code text} stands for; a bad escape or a character outside printable ASCII is an error. */
    public static byte[] unescape(String text) {
        return unescape(text, 0);
    }

    /** The same, with error columns counted from {@code column0} + 1 (where the text starts in its line). */
    public static byte[] unescape(String text, int column0) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                if (c < 0x20 || c >= 0x7F) {
                    throw new IllegalArgumentException("character " + String.format("U+%04X", (int) c)
                            + " at column " + (column0 + i + 1) + " must be escaped (\\xHH)");
                }
                out.write(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("lone backslash at the end of the line");
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    if (i + 2 >= text.length() || !HexFormat.isHexDigit(text.charAt(i + 1))
                            || !HexFormat.isHexDigit(text.charAt(i + 2))) {
                        throw new IllegalArgumentException("\\x at column " + (column0 + i) + " needs two hex digits");
                    }
                    out.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " at column " + (column0 + i));
            }
        }
        return out.toByteArray();
    }
}
