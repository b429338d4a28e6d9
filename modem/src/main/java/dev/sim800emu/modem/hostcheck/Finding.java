package dev.sim800emu.modem.hostcheck;

/**
 * One mistake of the host: the rule it broke, the offending bytes (escaped, shortened) and the
 * modem's time in milliseconds.
 */
public record Finding(HostRule rule, String bytes, long atMillis) {
    private static final int SHOWN = 48;

    /** The line printed on standard error: {@code host-check: <rule> "<bytes>" (<section>)}. */
    public String line() {
        return "host-check: " + rule.label() + " \"" + bytes + "\" (" + rule.section() + ")";
    }

    /** {@code bytes[off..off+len)} as printable text: \r \n \" \\ and \xNN, at most 48 shown. */
    public static String escape(byte[] bytes, int off, int len) {
        StringBuilder s = new StringBuilder();
        int shown = Math.min(len, SHOWN);
        for (int i = off; i < off + shown; i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case '\r' -> s.append("\\r");
                case '\n' -> s.append("\\n");
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        s.append((char) b);
                    } else {
                        s.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        if (len > shown) {
            s.append("…(").append(len).append(" bytes)");
        }
        return s.toString();
    }

    public static String escape(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return escape(b, 0, b.length);
    }
}
