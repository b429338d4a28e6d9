package dev.sim800emu.modem.apps.ftp;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the control connection's bytes into replies (RFC 959 §4.2): a line {@code ddd text}, or a
 * multi-line reply from {@code ddd-text} to the line that starts {@code ddd }. The text kept is the
 * last line's. A line that does not start with three digits outside a multi-line reply is a reply
 * with code 0, which no step accepts. Lines are cut at {@link #MAX_LINE} characters so a server
 * cannot make the modem hold more.
 */
final class FtpReplies {
    /** One reply: its code and the text after it (last line of a multi-line reply). */
    record Reply(int code, String text) {
    }

    static final int MAX_LINE = 512;

    private final StringBuilder line = new StringBuilder();
    /** The code of the multi-line reply being read, or -1. */
    private int open = -1;

    List<Reply> feed(byte[] data) {
        List<Reply> out = new ArrayList<>(1);
        for (byte b : data) {
            if (b == '\n') {
                Reply r = end(line.toString());
                line.setLength(0);
                if (r != null) {
                    out.add(r);
                }
            } else if (b != '\r' && line.length() < MAX_LINE) {
                line.append((char) (b & 0xFF));
            }
        }
        return out;
    }

    private Reply end(String text) {
        int code = code(text);
        boolean more = code >= 0 && text.length() > 3 && text.charAt(3) == '-';
        if (open >= 0) {
            if (code == open && !more) {
                open = -1;
                return new Reply(code, rest(text));
            }
            return null; // a line inside a multi-line reply
        }
        if (code < 0) {
            return new Reply(0, text);
        }
        if (more) {
            open = code;
            return null;
        }
        return new Reply(code, rest(text));
    }

    private static int code(String text) {
        if (text.length() < 3 || (text.length() > 3 && text.charAt(3) != ' ' && text.charAt(3) != '-')) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String rest(String text) {
        return text.length() > 4 ? text.substring(4) : "";
    }
}
