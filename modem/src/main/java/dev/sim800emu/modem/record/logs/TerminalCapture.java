package dev.sim800emu.modem.record.logs;

import dev.sim800emu.modem.record.Recording;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code screen} log ({@code -L}) or a minicom capture: only what the terminal showed, which is
 * the modem's output, its echo included. The host's side is recovered from the echo: a line that
 * starts with {@code AT} (or {@code A/}) is a command the host typed, ended by CR; after the
 * {@code > } prompt of a CIPSEND, the echoed payload up to Ctrl-Z (or the given length) is the
 * host's too. A capture with CRs is taken byte for byte; one without (minicom, an editor) is
 * rebuilt with the chip's framing: a command line ends in CR, every other line in CR LF. With echo
 * off (ATE0) the host's commands are not in a capture and cannot be recovered.
 */
public final class TerminalCapture {
    private static final Pattern SEND_LENGTH = Pattern.compile("(?i)AT\\+CIPSEND=(?:\\d,)?(\\d+)");

    private TerminalCapture() {
    }

    public static Recording parse(byte[] capture) {
        byte[] stream = indexOf(capture, 0, (byte) '\r') >= 0 ? capture : rebuild(capture);
        ImportedSession s = new ImportedSession("screen/minicom capture");
        int from = 0;
        int i = 0;
        while (i < stream.length) {
            boolean lineStart = i == 0 || stream[i - 1] == '\n';
            int cr = lineStart && command(stream, i) ? indexOf(stream, i, (byte) '\r') : -1;
            if (cr < 0) {
                i++;
                continue;
            }
            s.modem(Arrays.copyOfRange(stream, from, i));
            byte[] command = Arrays.copyOfRange(stream, i, cr + 1);
            s.host(command);
            from = i;
            i = cr + 1;
            int payload = payloadAfterPrompt(stream, i, new String(command, StandardCharsets.ISO_8859_1));
            if (payload > 0) {
                int start = indexOf(stream, i, (byte) '>') + 2;
                s.modem(Arrays.copyOfRange(stream, from, start));
                s.host(Arrays.copyOfRange(stream, start, start + payload));
                from = start;
                i = start + payload;
            }
        }
        s.modem(Arrays.copyOfRange(stream, from, stream.length));
        return s.recording();
    }

    private static boolean command(byte[] b, int i) {
        if (i + 1 >= b.length) {
            return false;
        }
        String two = new String(b, i, 2, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        return two.equals("AT") || two.equals("A/");
    }

    /**
     * After a CIPSEND command: the length of the payload the host typed after the {@code > } prompt
     * (the next line), or 0 when there is none to take.
     */
    private static int payloadAfterPrompt(byte[] b, int i, String command) {
        if (!command.toUpperCase(Locale.ROOT).startsWith("AT+CIPSEND") || command.contains("?")) {
            return 0;
        }
        int gt = indexOf(b, i, (byte) '>');
        if (gt < 0 || gt + 1 >= b.length || b[gt + 1] != ' ' || !onlyLineEnds(b, i, gt)) {
            return 0;
        }
        int start = gt + 2;
        Matcher m = SEND_LENGTH.matcher(command.strip());
        if (m.matches()) {
            return Math.min(Integer.parseInt(m.group(1)), b.length - start);
        }
        int z = indexOf(b, start, (byte) 0x1A);
        return z < 0 ? 0 : z - start + 1;
    }

    private static boolean onlyLineEnds(byte[] b, int from, int to) {
        for (int k = from; k < to; k++) {
            if (b[k] != '\r' && b[k] != '\n') {
                return false;
            }
        }
        return true;
    }

    /** A capture without CRs, with the chip's line ends put back. */
    private static byte[] rebuild(byte[] capture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(capture.length + 64);
        String text = new String(capture, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            boolean last = n == lines.length - 1;
            if (last && line.isEmpty()) {
                break;
            }
            out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            if (line.length() >= 2 && command(line.getBytes(StandardCharsets.ISO_8859_1), 0)) {
                out.write('\r');
            } else if (!last || !line.startsWith("> ")) {
                out.write('\r');
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] b, int from, byte c) {
        for (int k = from; k < b.length; k++) {
            if (b[k] == c) {
                return k;
            }
        }
        return -1;
    }
}
