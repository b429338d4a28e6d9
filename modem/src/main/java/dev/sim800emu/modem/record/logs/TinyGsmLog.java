package dev.sim800emu.modem.record.logs;

import dev.sim800emu.modem.record.Recording;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * TinyGSM's debug output: with {@code StreamDebugger} the serial monitor shows what the library
 * wrote to the modem and what it read back, interleaved, and {@code TINY_GSM_DEBUG} adds lines of
 * its own ({@code [1234] ### ...}). A line starting with {@code AT} is the library's command (it
 * ends them with CR LF); the same line again before any reply is the modem's echo (CR only, as the
 * chip echoes the line without its LF); a line starting with {@code >} is the CIPSEND prompt,
 * anything after it the payload the library wrote; every other non-blank line is a modem line,
 * framed {@code \r\n...\r\n}. Serial monitors drop or double CRs and blank lines, so the bytes are
 * rebuilt, not recovered: replay an import {@code --as-host} with {@code --normalise crlf}.
 */
public final class TinyGsmLog {
    private static final Pattern DEBUG = Pattern.compile("^\\[\\d+\\].*");

    private TinyGsmLog() {
    }

    public static Recording parse(String log) {
        ImportedSession s = new ImportedSession("TinyGSM debug output");
        String lastCommand = null;
        boolean replied = true;
        for (String line : log.split("\r\n|\n|\r")) {
            if (line.isBlank() || DEBUG.matcher(line).matches()) {
                continue;
            }
            if (line.toUpperCase(Locale.ROOT).startsWith("AT")) {
                if (line.equals(lastCommand) && !replied) {
                    s.modem(bytes(line + "\r"));
                    replied = true; // one echo per command
                    continue;
                }
                s.host(bytes(line + "\r\n"));
                lastCommand = line;
                replied = false;
            } else if (line.startsWith(">")) {
                s.modem(bytes("\r\n> "));
                String payload = line.startsWith("> ") ? line.substring(2) : line.substring(1);
                s.host(bytes(payload));
            } else {
                s.modem(bytes("\r\n" + line + "\r\n"));
                replied = true;
            }
        }
        return s.recording();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
